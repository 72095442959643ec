import { additiveFigures, rate, yearRange, type RequestContext } from "@tongxin/sdk";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { MeetingAttendance, MeetingPresence } from "../attendance/attendance.entity";
import { Meeting, MeetingKind } from "../meeting/meeting.entity";
import { MeetingSpeech } from "../speech/speech.entity";
import { MEETING_STATS } from "./meeting-figures";

@ObjectType({ description: "按会议类别统计 / the figures of one kind of meeting" })
export class MeetingKindStats {
  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field(() => Int)
  meetings: number;

  @Field(() => Int)
  expected: number;

  @Field(() => Int)
  attended: number;

  @Field(() => Float, { nullable: true })
  attendanceRate: number | null;

  @Field(() => Int)
  absencesWithoutLeave: number;
}

/** Meeting figures of a committee for a year (DOMAIN.md, "Duty performance"). */
@ObjectType({ description: "会议与出勤统计 / meeting and attendance figures of a committee for a year" })
export class MeetingStats {
  @Field(() => Int)
  year: number;

  @Field(() => Int, MEETING_STATS.options("meetings"))
  meetings: number;

  @Field(() => Int, MEETING_STATS.options("expected"))
  expected: number;

  @Field(() => Int, MEETING_STATS.options("attended"))
  attended: number;

  @Field(() => Float, { nullable: true, ...MEETING_STATS.options("attendanceRate") })
  attendanceRate: number | null;

  @Field(() => Int, MEETING_STATS.options("absencesWithoutLeave"))
  absencesWithoutLeave: number;

  @Field(() => Int, MEETING_STATS.options("onLeave"))
  onLeave: number;

  @Field(() => Int, MEETING_STATS.options("unmarked"))
  unmarked: number;

  @Field(() => Int, MEETING_STATS.options("speeches"))
  speeches: number;

  @Field(() => [MeetingKindStats], { description: "按会议类别 / by kind of meeting" })
  byKind: MeetingKindStats[];
}

interface Counts {
  meetings: number;
  expected: number;
  attended: number;
  absent: number;
  onLeave: number;
  unmarked: number;
  speeches: number;
}
type PerKind = Map<MeetingKind, Counts>;

const zero = (): Counts => ({ meetings: 0, expected: 0, attended: 0, absent: 0, onLeave: 0, unmarked: 0, speeches: 0 });

/**
 * Three grouped statements answer every committee of the request for a year: meetings,
 * roll lines by presence, speeches, each by organiser and kind. Every figure is a sum of
 * roll lines or rows, so a subtree's figure is the sum of its committees' (additive).
 */
async function perCommittee(ctx: RequestContext, codes: string[], year: number): Promise<Map<string, PerKind>> {
  const { from, to } = yearRange(year);
  const window = "m.committee_code IN (:...codes) AND m.starts_on >= :from AND m.starts_on <= :to";
  const params = { codes, from, to };
  const meetings = await ctx
    .repo(Meeting)
    .createQueryBuilder("m")
    .select(["m.committee_code AS code", "m.kind AS kind", "COUNT(*) AS n"])
    .where(window, params)
    .groupBy("m.committee_code")
    .addGroupBy("m.kind")
    .getRawMany<{ code: string; kind: MeetingKind; n: number | string }>();
  const lines = await ctx
    .repo(MeetingAttendance)
    .createQueryBuilder("a")
    .innerJoin(Meeting, "m", "m.id = a.meeting_id")
    .select(["m.committee_code AS code", "m.kind AS kind", "a.presence AS presence", "COUNT(*) AS n"])
    .where(window, params)
    .groupBy("m.committee_code")
    .addGroupBy("m.kind")
    .addGroupBy("a.presence")
    .getRawMany<{ code: string; kind: MeetingKind; presence: MeetingPresence | null; n: number | string }>();
  const speeches = await ctx
    .repo(MeetingSpeech)
    .createQueryBuilder("s")
    .innerJoin(Meeting, "m", "m.id = s.meeting_id")
    .select(["m.committee_code AS code", "m.kind AS kind", "COUNT(*) AS n"])
    .where(window, params)
    .groupBy("m.committee_code")
    .addGroupBy("m.kind")
    .getRawMany<{ code: string; kind: MeetingKind; n: number | string }>();

  const out = new Map<string, PerKind>(codes.map((c) => [c, new Map()]));
  const at = (code: string, kind: MeetingKind) => {
    const byKind = out.get(code)!;
    if (!byKind.has(kind)) byKind.set(kind, zero());
    return byKind.get(kind)!;
  };
  for (const r of meetings) at(r.code, r.kind).meetings += Number(r.n);
  for (const r of speeches) at(r.code, r.kind).speeches += Number(r.n);
  for (const r of lines) {
    const c = at(r.code, r.kind);
    const n = Number(r.n);
    c.expected += n;
    if (r.presence === MeetingPresence.PRESENT || r.presence === MeetingPresence.LATE) c.attended += n;
    else if (r.presence === MeetingPresence.ABSENT) c.absent += n;
    else if (r.presence === MeetingPresence.ON_LEAVE) c.onLeave += n;
    else c.unmarked += n;
  }
  return out;
}

function combine(parts: PerKind[]): PerKind {
  const out: PerKind = new Map();
  for (const part of parts) {
    for (const [kind, c] of part) {
      const sum = out.get(kind) ?? zero();
      for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += c[k];
      out.set(kind, sum);
    }
  }
  return out;
}

const figuresOf = additiveFigures(perCommittee, combine);

/** Statistics are for the committee's office and those above it (STAFF scope). */
export async function meetingStats(
  ctx: RequestContext,
  code: string,
  args: { year: number; includeDescendants?: boolean | null },
): Promise<MeetingStats> {
  await ctx.assertCanReadCommittee(code);
  yearRange(args.year);
  const codes = args.includeDescendants ? (await ctx.committees()).subtree(code) : [code];
  const byKind = await figuresOf(ctx, codes, args.year);
  const total = combine([byKind]).values();
  const all = [...total].reduce((s, c) => {
    for (const k of Object.keys(s) as (keyof Counts)[]) s[k] += c[k];
    return s;
  }, zero());
  return {
    year: args.year,
    meetings: all.meetings,
    expected: all.expected,
    attended: all.attended,
    attendanceRate: rate(all.attended, all.expected),
    absencesWithoutLeave: all.absent,
    onLeave: all.onLeave,
    unmarked: all.unmarked,
    speeches: all.speeches,
    byKind: Object.values(MeetingKind)
      .filter((k) => byKind.has(k))
      .map((kind) => {
        const c = byKind.get(kind)!;
        return {
          kind,
          meetings: c.meetings,
          expected: c.expected,
          attended: c.attended,
          attendanceRate: rate(c.attended, c.expected),
          absencesWithoutLeave: c.absent,
        };
      }),
  };
}
