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
  type FigureDefinition,
  type MemberInfo,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingPeriod, type TrainingPeriod } from "../period";
import { TrainingKind, TrainingSession } from "../session/session.entity";

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

  @Field(() => Int, { description: "本级在期间内主办的培训班次" })
  sessions: number;

  @Field(() => Int, { description: "参加过其中至少一个班次的不重复委员数 (不论所属政协)" })
  trainees: number;

  @Field(() => Int, { description: "这些班次的出勤 (参加) 记录数" })
  attendances: number;

  @Field(() => Float, {
    nullable: true,
    description: "培训覆盖率 = 期间内参加过任一政协所办班次的在任委员 / 在任委员; 无在任委员时为 null",
  })
  coverage: number | null;

  @Field(() => Int, { description: "覆盖率的分母: 在任委员数" })
  activeMembers: number;

  @Field(() => Int, { description: "覆盖率的分子: 期间内受过培训的在任委员数" })
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

/** The definitions, written once: the dashboard and the annual report read them from here. */
export const TRAINING_FIGURES: FigureDefinition[] = [
  {
    key: "sessions",
    title: "培训班次",
    titleEn: "Training sessions",
    kind: "count",
    definition: "本级在期间内主办 (开始) 的班次 / sessions organised by the committee in the period",
  },
  {
    key: "trainees",
    title: "参训委员",
    titleEn: "Trainees",
    kind: "count",
    definition:
      "参加过其中至少一个班次的不重复委员 (不论所属政协) / distinct members (of any committee) who attended at least one of those sessions",
  },
  {
    key: "attendances",
    title: "参训人次",
    titleEn: "Attendances",
    kind: "count",
    definition: "这些班次的“参加”记录数 / ATTENDED records at those sessions",
  },
  {
    key: "coverage",
    title: "培训覆盖率",
    titleEn: "Training coverage",
    kind: "rate",
    definition:
      "期间内参加过任一政协所办班次的在任委员 / 在任委员 (期末或今天) / distinct active members who attended at least one session, organised by any committee, in the period / active members",
  },
];
