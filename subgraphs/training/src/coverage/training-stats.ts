import {
  activeIdsOf,
  allActiveIds,
  dateString,
  defineLoaders,
  groupBy,
  jsonParam,
  jsonValues,
  rate,
  type ActiveRegister,
  type MemberInfo,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingPeriod, type TrainingPeriod } from "../period";
import { TrainingKind, TrainingSession } from "../session/session.entity";
import { TRAINING_STATS } from "./training-figures";

@ObjectType({ description: "按培训方式统计 / the figures of one kind of training" })
export class TrainingKindStats {
  @Field(() => TrainingKind)
  kind: TrainingKind;

  @Field(() => Int)
  sessions: number;

  @Field(() => Int)
  trainees: number;

  @Field(() => Int)
  attendances: number;
}

/** Training figures of a committee for a term or a year (DOMAIN.md, "Statistics and their exact definitions"). */
@ObjectType({ description: "履职学习培训统计 / training figures of a committee for a term or a year" })
export class TrainingStats {
  @Field({ description: "统计期间首日 / first day of the period" })
  from: string;

  @Field({ description: "统计期间末日 / last day of the period" })
  until: string;

  @Field(() => Int, { nullable: true, description: "届次 (按届统计时)" })
  term: number | null;

  @Field(() => Int, { nullable: true, description: "年份 (按年统计时)" })
  year: number | null;

  @Field({ description: "在任委员的统计日 (期末, 或今天若期间未结束)" })
  asOf: string;

  @Field(() => Int, TRAINING_STATS.options("sessions"))
  sessions: number;

  @Field(() => Int, TRAINING_STATS.options("trainees"))
  trainees: number;

  @Field(() => Int, TRAINING_STATS.options("attendances"))
  attendances: number;

  @Field(() => Float, { nullable: true, ...TRAINING_STATS.options("coverage") })
  coverage: number | null;

  @Field(() => Int, TRAINING_STATS.options("activeMembers"))
  activeMembers: number;

  @Field(() => Int, TRAINING_STATS.options("activeMembersTrained"))
  activeMembersTrained: number;

  @Field(() => [TrainingKindStats], { description: "按培训方式 / by kind of training" })
  byKind: TrainingKindStats[];
}

export interface TrainingStatsKey {
  code: string;
  codes: string[];
  period: TrainingPeriod;
}

interface AttendanceRow {
  code: string;
  kind: TrainingKind;
  startsOn: string;
  sessionId: number;
  memberId: number;
}

/** Active members of any of `codes`, each once, out of one look-up made for a whole batch. */
export function activeMembersOf(active: readonly MemberInfo[], codes: readonly string[]): MemberInfo[] {
  const wanted = new Set(codes);
  return active.filter((m) => m.committees.some((c) => wanted.has(c)));
}

/** Members who attended a session organised by any committee, starting within [from, to). */
export async function membersTrainedIn(ctx: RequestContext, from: string, to: string): Promise<Set<number>> {
  const rows = await ctx
    .repo(TrainingEnrolment)
    .createQueryBuilder("e")
    .innerJoin(TrainingSession, "s", "s.id = e.session_id")
    .select("DISTINCT e.member_id", "memberId")
    .where("e.attendance = :attended", { attended: TrainingAttendance.ATTENDED })
    .andWhere("s.starts_on >= :from AND s.starts_on < :to", { from, to })
    .getRawMany<{ memberId: number }>();
  return new Set(rows.map((r) => Number(r.memberId)));
}

/**
 * Every figure of every committee in the batch from two statements over the union of
 * the periods asked (sessions organised by the committees asked; ATTENDED records at those
 * sessions or of their active members) and one members look-up per distinct day. Each statement reads the committees asked and their members
 * only, never the rest of the tree. Periods differ per committee (each counts its own
 * term), so rows carry their start date and are filtered here; distinct trainees cannot
 * be summed over a subtree, so they are counted here too.
 */
async function computeTrainingStats(ctx: RequestContext, keys: readonly TrainingStatsKey[]): Promise<TrainingStats[]> {
  const codes = [...new Set(keys.flatMap((k) => k.codes))];
  const from = keys.map((k) => k.period.from).sort()[0];
  const to = keys.map((k) => k.period.to).sort().at(-1)!;
  const em = ctx.manager(TrainingSession);
  const inCodes = `s.committee_code IN (${jsonValues(em, "codes", "code")})`;

  const sessions = groupBy(
    (
      await ctx
        .repo(TrainingSession)
        .createQueryBuilder("s")
        .select(["s.committee_code AS code", "s.kind AS kind", "s.starts_on AS startsOn"])
        .where(inCodes, { codes: jsonParam(codes) })
        .andWhere("s.starts_on >= :from AND s.starts_on < :to", { from, to })
        .getRawMany<{ code: string; kind: TrainingKind; startsOn: string | Date }>()
    ).map((r) => ({ code: r.code, kind: r.kind, startsOn: dateString(r.startsOn)! })),
    (r) => r.code,
  );

  const registers = new Map<string, ActiveRegister>();
  for (const asOf of new Set(keys.map((k) => k.period.asOf))) {
    registers.set(asOf, await ctx.runtime.members.activeRegister(codes, asOf));
  }
  const activeIds = allActiveIds(registers.values());

  // One statement for both: the ATTENDED records at the sessions of the committees asked
  // (their trainees and attendances), and those of their active members at a session of
  // any organiser (coverage: a county member trained by the city counts for the county).
  const rows: AttendanceRow[] = (
    await ctx
      .repo(TrainingEnrolment)
      .createQueryBuilder("e")
      .innerJoin(TrainingSession, "s", "s.id = e.session_id")
      .select([
        "s.committee_code AS code",
        "s.kind AS kind",
        "s.starts_on AS startsOn",
        "s.id AS sessionId",
        "e.member_id AS memberId",
      ])
      .where("e.attendance = :attended", { attended: TrainingAttendance.ATTENDED })
      .andWhere("s.starts_on >= :from AND s.starts_on < :to", { from, to })
      .andWhere(`(${inCodes} OR e.member_id IN (${jsonValues(em, "ids", "int")}))`, {
        codes: jsonParam(codes),
        ids: jsonParam([...activeIds]),
      })
      .getRawMany<{ code: string; kind: TrainingKind; startsOn: string | Date; sessionId: number; memberId: number }>()
  ).map((r) => ({
    code: r.code,
    kind: r.kind,
    startsOn: dateString(r.startsOn)!,
    sessionId: Number(r.sessionId),
    memberId: Number(r.memberId),
  }));
  const attended = groupBy(rows, (r) => r.code);
  const trainedOn = new Map<number, string[]>();
  for (const r of rows) {
    if (!activeIds.has(r.memberId)) continue;
    const days = trainedOn.get(r.memberId);
    if (days) days.push(r.startsOn);
    else trainedOn.set(r.memberId, [r.startsOn]);
  }

  return keys.map(({ codes: scopeCodes, period }) => {
    const within = (d: string) => d >= period.from && d < period.to;
    const own = scopeCodes.flatMap((c) => sessions.get(c) ?? []).filter((s) => within(s.startsOn));
    const ownAttended = scopeCodes.flatMap((c) => attended.get(c) ?? []).filter((a) => within(a.startsOn));
    const active = activeIdsOf(registers.get(period.asOf)!, scopeCodes);
    const trained = active.filter((id) => trainedOn.get(id)?.some(within)).length;
    const byKind = Object.values(TrainingKind)
      .map((kind) => {
        const rows = ownAttended.filter((a) => a.kind === kind);
        return {
          kind,
          sessions: own.filter((s) => s.kind === kind).length,
          trainees: new Set(rows.map((a) => a.memberId)).size,
          attendances: rows.length,
        };
      })
      .filter((k) => k.sessions > 0);
    return {
      from: period.from,
      until: period.until,
      term: period.term,
      year: period.year,
      asOf: period.asOf,
      sessions: own.length,
      trainees: new Set(ownAttended.map((a) => a.memberId)).size,
      attendances: ownAttended.length,
      coverage: rate(trained, active.length),
      activeMembers: active.length,
      activeMembersTrained: trained,
      byKind,
    };
  });
}

export const trainingStatsLoaders = defineLoaders((ctx) => ({
  stats: new DataLoader<TrainingStatsKey, TrainingStats, string>((keys) => computeTrainingStats(ctx, keys), {
    cacheKeyFn: (k) => `${k.code}|${k.codes.length}|${k.period.from}|${k.period.to}`,
  }),
}));

/** Statistics are for the committee's office and those above it (STAFF scope). */
export async function trainingStats(
  ctx: RequestContext,
  code: string,
  args: { term?: number | null; year?: number | null; includeDescendants?: boolean | null },
): Promise<TrainingStats> {
  await ctx.assertCanReadCommittee(code);
  const period = await trainingPeriod(ctx, code, args);
  const codes = args.includeDescendants ? (await ctx.committees()).subtree(code) : [code];
  return trainingStatsLoaders(ctx).stats.load({ code, codes, period });
}
