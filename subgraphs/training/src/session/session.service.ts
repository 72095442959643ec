import {
  filterByCommittee,
  badInput,
  conflict,
  notFound,
  paginateById,
  requireDate,
  text,
  today,
  updateWithVersion,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import { TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingPeriod } from "../period";
import { MANAGE_TRAINING } from "../permissions";
import { TrainingKind, TrainingSession } from "./session.entity";
import type { CreateTrainingSessionInput, TrainingSessionsArgs, UpdateTrainingSessionInput } from "./session.inputs";
import { sessionLoaders } from "./session.loader";
import { sessionScope } from "./session.scope";

export const SESSION = { en: "training session", zh: "培训班次" };
const MAX_HOURS = 1000;
const MAX_DAYS = 366;

/** A session the caller may see; anything else is NOT_FOUND, so existence does not leak. */
export async function getSession(ctx: RequestContext, rawId: string | number, field = "id"): Promise<TrainingSession> {
  return sessionScope.get(ctx, rawId, field);
}

/** A session the caller may write to: its organiser's office. Outside the read scope it does not exist. */
export async function getSessionToManage(ctx: RequestContext, rawId: string, field: string): Promise<TrainingSession> {
  ctx.require(MANAGE_TRAINING);
  return sessionScope.getForWrite(ctx, rawId, field);
}

export async function listSessions(
  ctx: RequestContext,
  args: TrainingSessionsArgs,
): Promise<Connection<TrainingSession>> {
  const qb = await sessionScope.restrict(ctx, ctx.repo(TrainingSession).createQueryBuilder("s"), "s");
  if (args.term !== undefined && args.term !== null && !args.committee) {
    throw badInput("committee", "按届次查询须指定政协", "a term belongs to a committee: give committee too");
  }
  await filterByCommittee(ctx, qb, "s.committee_code", args);
  if ((args.year !== undefined && args.year !== null) || (args.term !== undefined && args.term !== null)) {
    const p = await trainingPeriod(ctx, args.committee ?? "", { term: args.term, year: args.year });
    qb.andWhere("s.starts_on >= :from AND s.starts_on < :to", { from: p.from, to: p.to });
  }
  if (args.kind) qb.andWhere("s.kind = :kind", { kind: args.kind });
  return paginateById(qb, args);
}

type SessionFieldsInput = { [K in keyof UpdateTrainingSessionInput]?: UpdateTrainingSessionInput[K] | null };

function sessionFields(input: SessionFieldsInput): Partial<TrainingSession> {
  const out: Partial<TrainingSession> = {};
  if (input.title !== undefined && input.title !== null) {
    out.title = text(input.title, "input.title", { max: 200, required: true });
  }
  if (input.kind) out.kind = input.kind;
  if (input.provider !== undefined) out.provider = text(input.provider, "input.provider", { max: 200 });
  if (input.startsOn !== undefined && input.startsOn !== null) {
    out.startsOn = requireDate(input.startsOn, "input.startsOn");
  }
  if (input.endsOn !== undefined && input.endsOn !== null) out.endsOn = requireDate(input.endsOn, "input.endsOn");
  if (input.place !== undefined) out.place = text(input.place, "input.place", { max: 200 });
  if (input.hours !== undefined && input.hours !== null) {
    const h = input.hours;
    if (!Number.isFinite(h) || h <= 0 || h > MAX_HOURS || Math.round(h * 10) !== h * 10) {
      throw badInput(
        "input.hours",
        `学时应大于 0、不超过 ${MAX_HOURS}, 最多一位小数`,
        `must be more than 0 and at most ${MAX_HOURS}, with at most one decimal`,
      );
    }
    out.hours = h;
  }
  return out;
}

/** Rules that hold for the session as a whole, after a change as after a creation. */
function assertConsistent(s: Pick<TrainingSession, "kind" | "provider" | "startsOn" | "endsOn">): void {
  if ((s.kind === TrainingKind.EXTERNAL || s.kind === TrainingKind.INVITED_EXPERT) && !s.provider) {
    throw badInput(
      "input.provider",
      "送出去须填写承办高校或学院, 请进来须填写授课专家",
      "external and invited-expert sessions name their university, college or expert",
    );
  }
  if (s.endsOn < s.startsOn) throw badInput("input.endsOn", "结束日期不能早于开始日期", "cannot be before startsOn");
  const days = (Date.parse(s.endsOn) - Date.parse(s.startsOn)) / 86_400_000;
  if (days > MAX_DAYS) throw badInput("input.endsOn", "一个班次不超过一年", "a session lasts at most a year");
}

export async function createSession(ctx: RequestContext, input: CreateTrainingSessionInput): Promise<TrainingSession> {
  ctx.require(MANAGE_TRAINING);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定主办政协", "committee is required");
  await sessionScope.assertCanCreate(ctx, code, "input.committee");
  const values = { provider: "", place: "", ...sessionFields(input) } as TrainingSession;
  values.endsOn ??= values.startsOn;
  assertConsistent(values);
  // Written and read back in one transaction: the answer cannot fail after the write landed.
  return ctx.transaction(TrainingSession, async (tx) => {
    const saved = await tx
      .repo(TrainingSession)
      .save(tx.repo(TrainingSession).create({ ...values, committeeCode: code, version: 1 }));
    return tx.repo(TrainingSession).findOneByOrFail({ id: saved.id });
  });
}

/** Conditional on `version`. Attendance already marked pins the session to the past. */
export async function updateSession(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateTrainingSessionInput,
): Promise<TrainingSession> {
  const session = await getSessionToManage(ctx, rawId, "id");
  const values = sessionFields(input);
  if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
  assertConsistent({ ...session, ...values });
  const updated = await ctx.transaction(TrainingSession, async (tx) => {
    await updateWithVersion(tx, TrainingSession, session.id, version, values, SESSION);
    if (values.startsOn && values.startsOn > today()) {
      const marked = await tx
        .repo(TrainingEnrolment)
        .createQueryBuilder("e")
        .where("e.session_id = :id AND e.attendance IS NOT NULL", { id: session.id })
        .getExists();
      if (marked) {
        throw badInput(
          "input.startsOn",
          "已登记出勤的班次不能改到将来",
          "attendance is marked: the session cannot move into the future",
        );
      }
    }
    // Read back inside the transaction, so the answer cannot fail after the write committed.
    return tx.repo(TrainingSession).findOneByOrFail({ id: session.id });
  });
  sessionLoaders(ctx).byId.clear(session.id);
  sessionScope.clear(ctx, session.id);
  return updated;
}

/** A session entered by mistake can go while nobody is enrolled; after that it is a record. */
export async function deleteSession(ctx: RequestContext, rawId: string, version: number): Promise<boolean> {
  const session = await getSessionToManage(ctx, rawId, "id");
  return ctx.transaction(TrainingSession, async (tx) => {
    const done = await tx
      .manager(TrainingSession)
      .createQueryBuilder()
      .delete()
      .from(TrainingSession)
      .where("id = :id AND version = :version", { id: session.id, version })
      .andWhere("NOT EXISTS (SELECT 1 FROM training_enrolment e WHERE e.session_id = :id)")
      .execute();
    if (done.affected === 1) return true;
    const now = await tx.repo(TrainingSession).findOneBy({ id: session.id });
    if (!now) throw notFound(SESSION.en, session.id, SESSION.zh);
    if (now.version !== version) throw conflict(SESSION.en);
    throw badInput("id", "已有委员登记参训, 不能删除", "members are enrolled: the session is a record now");
  });
}
