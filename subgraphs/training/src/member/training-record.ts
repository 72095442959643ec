import {
  assertCanReadMemberRecord,
  badInput,
  CommitteeRef,
  dateString,
  defineLoaders,
  forbidden,
  groupBy,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingPeriod } from "../period";
import { READ_TRAINING } from "../permissions";
import { TrainingKind, TrainingSession } from "../session/session.entity";

/**
 * One line of a member's record. The session is given by its facts, not as a
 * `TrainingSession`: a county office reads that its member went to a city course without
 * being able to open the city's attendance list.
 */
@ObjectType({ description: "个人培训记录的一条 / one session in a member's training record" })
export class TrainingRecordEntry {
  @Field(() => ID)
  sessionId: string;

  @Field()
  title: string;

  @Field(() => TrainingKind)
  kind: TrainingKind;

  @Field(() => CommitteeRef, { description: "主办政协" })
  organiser: CommitteeRef;

  @Field()
  provider: string;

  @Field()
  startsOn: string;

  @Field()
  endsOn: string;

  @Field(() => Float)
  hours: number;

  @Field(() => TrainingAttendance, { nullable: true, description: "null: 已报名, 尚未登记出勤" })
  attendance: TrainingAttendance | null;
}

@ObjectType({ description: "一年的培训小计 / a year of a member's training" })
export class TrainingYearTotal {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  sessionsAttended: number;

  @Field(() => Float)
  hours: number;
}

@ObjectType({ description: "委员个人培训记录 / a member's training record" })
export class TrainingRecord {
  @Field(() => String, { nullable: true, description: "期间首日; 未限定期间时为 null" })
  from: string | null;

  @Field(() => String, { nullable: true, description: "期间末日" })
  until: string | null;

  @Field(() => Int, { description: "参加的班次数" })
  sessionsAttended: number;

  @Field(() => Float, { description: "参加班次的学时合计" })
  hours: number;

  @Field(() => [TrainingRecordEntry], { description: "期间内报名的全部班次, 按开始日期" })
  entries: TrainingRecordEntry[];

  @Field(() => [TrainingYearTotal], { description: "期间内逐年小计" })
  byYear: TrainingYearTotal[];
}

const recordLoaders = defineLoaders((ctx) => ({
  entriesOf: new DataLoader<number, TrainingRecordEntry[]>(async (memberIds) => {
    const rows = await ctx
      .repo(TrainingEnrolment)
      .createQueryBuilder("e")
      .innerJoin(TrainingSession, "s", "s.id = e.session_id")
      .select([
        "e.member_id AS memberId",
        "e.attendance AS attendance",
        "s.id AS sessionId",
        "s.title AS title",
        "s.kind AS kind",
        "s.committee_code AS code",
        "s.provider AS provider",
        "s.starts_on AS startsOn",
        "s.ends_on AS endsOn",
        "s.hours AS hours",
      ])
      .where("e.member_id IN (:...ids)", { ids: [...memberIds] })
      .orderBy("s.starts_on", "ASC")
      .addOrderBy("s.id", "ASC")
      .getRawMany<Record<string, string | number | Date | null>>();
    const byMember = groupBy(rows, (r) => Number(r.memberId));
    return memberIds.map((m) =>
      (byMember.get(m) ?? []).map((r) => ({
        sessionId: String(r.sessionId),
        title: String(r.title),
        kind: r.kind as TrainingKind,
        organiser: { code: String(r.code) },
        provider: String(r.provider ?? ""),
        startsOn: dateString(r.startsOn as string | Date)!,
        endsOn: dateString(r.endsOn as string | Date)!,
        hours: Number(r.hours),
        attendance: (r.attendance as TrainingAttendance | null) ?? null,
      })),
    );
  }),
}));

/**
 * A member's own record, or one the office of a committee where they sit today (or one
 * above it) may read. Everyone else is refused.
 */

/**
 * The period: a year, a term of a committee (by default the viewer's committee when the
 * member sits there, else the member's most senior committee), or everything.
 */
export async function trainingRecord(
  ctx: RequestContext,
  rawId: string,
  args: { year?: number | null; term?: number | null; committee?: string | null },
): Promise<TrainingRecord> {
  const memberId = Number(rawId);
  if (!Number.isSafeInteger(memberId) || memberId <= 0) throw forbidden(`the training record of member ${rawId}`);
  const committees = await assertCanReadMemberRecord(ctx, memberId, READ_TRAINING, "training record");
  let window: { from: string; to: string; until: string } | null = null;
  if (args.year !== undefined && args.year !== null) {
    window = await trainingPeriod(ctx, "", { year: args.year });
  } else if ((args.term !== undefined && args.term !== null) || args.committee) {
    const tree = await ctx.committees();
    const code =
      args.committee ??
      (committees.includes(ctx.identity.committee ?? "") ? ctx.identity.committee! : undefined) ??
      [...committees].sort((a, b) => tree.path(a).length - tree.path(b).length)[0];
    if (!code) {
      throw badInput(
        "committee",
        "该委员今天不在任何政协任职, 请指定政协",
        "the member holds no seat today: name the committee",
      );
    }
    if (!tree.has(code)) throw badInput("committee", `没有代码为 ${code} 的政协`, `no committee with code ${code}`);
    window = await trainingPeriod(ctx, code, { term: args.term });
  }
  const all = await recordLoaders(ctx).entriesOf.load(memberId);
  const entries = window ? all.filter((e) => e.startsOn >= window.from && e.startsOn < window.to) : all;
  const attended = entries.filter((e) => e.attendance === TrainingAttendance.ATTENDED);
  const years = [...new Set(attended.map((e) => Number(e.startsOn.slice(0, 4))))].sort((a, b) => a - b);
  const sum = (list: TrainingRecordEntry[]) => Math.round(list.reduce((n, e) => n + e.hours, 0) * 10) / 10;
  return {
    from: window?.from ?? null,
    until: window?.until ?? null,
    sessionsAttended: attended.length,
    hours: sum(attended),
    entries,
    byYear: years.map((year) => {
      const inYear = attended.filter((e) => Number(e.startsOn.slice(0, 4)) === year);
      return { year, sessionsAttended: inYear.length, hours: sum(inYear) };
    }),
  };
}
