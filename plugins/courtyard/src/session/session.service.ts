import {
  badInput,
  memberInfo,
  moduleEnablement,
  notFound,
  paginateById,
  parseDate,
  parseId,
  requireDate,
  text,
  today,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import { COURTYARD, RECORD_COURTYARD } from "../name";
import type { CourtyardIssueUpdateInput, CourtyardSessionInput, CourtyardSessionsArgs } from "./session.inputs";
import { sessionLoaders } from "./session.loader";
import { sessionScope } from "./session.scope";
import { CourtyardIssue, CourtyardIssueStatus, CourtyardOrganiser, CourtyardSession } from "./session.entity";

export async function listSessions(
  ctx: RequestContext,
  args: CourtyardSessionsArgs,
): Promise<Connection<CourtyardSession>> {
  const qb = await sessionScope.restrict(ctx, ctx.repo(CourtyardSession).createQueryBuilder("s"), "s");
  if (args.committee) qb.andWhere("s.committee_code = :c", { c: args.committee });
  if (args.year !== undefined && args.year !== null) {
    const { from, to } = yearRange(args.year);
    qb.andWhere("s.held_on >= :from AND s.held_on <= :to", { from, to });
  }
  if (args.theme) qb.andWhere("s.theme = :theme", { theme: args.theme });
  return paginateById(qb, args);
}

export function getSession(ctx: RequestContext, rawId: string | number, field = "id"): Promise<CourtyardSession> {
  return sessionScope.get(ctx, rawId, field);
}

/** Recorded by the county office, for its own committee, where the plugin is enabled. */
export async function recordSession(ctx: RequestContext, input: CourtyardSessionInput): Promise<CourtyardSession> {
  ctx.require(RECORD_COURTYARD);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await sessionScope.assertCanCreate(ctx, code, "input.committee");
  moduleEnablement(ctx, COURTYARD).assertEnabled(code, "input.committee");

  const heldOn = requireDate(input.heldOn, "input.heldOn");
  if (heldOn > today()) throw badInput("input.heldOn", "日期不能晚于今天", "cannot be in the future");
  const township = text(input.township, "input.township", { max: 50, required: true });
  const village = text(input.village, "input.village", { max: 50, required: true });
  const topic = text(input.topic, "input.topic", { max: 100, required: true });
  const outcome = text(input.outcome, "input.outcome", { max: 2000 });
  if (!Number.isInteger(input.participants) || input.participants < 0 || input.participants > 100_000) {
    throw badInput("input.participants", "参加人数应为 0 到 100000 的整数", "must be a whole number from 0 to 100000");
  }
  const issues = (input.issues ?? []).map((d, i) => text(d, `input.issues[${i}]`, { max: 500, required: true }));
  if (issues.length > 50) throw badInput("input.issues", "一次最多登记 50 个问题", "at most 50 issues per session");
  if (input.organiserIds.length === 0) {
    throw badInput("input.organiserIds", "至少需要一名组织委员", "at least one organising member is required");
  }
  const organisers = [...new Set(input.organiserIds.map((id, i) => parseId(id, `input.organiserIds[${i}]`)))];
  const infos = await Promise.all(organisers.map((id) => memberInfo(ctx, id)));
  infos.forEach((info, i) => {
    if (!info || info.status !== "ACTIVE" || !info.committees.includes(code)) {
      throw badInput(
        `input.organiserIds[${i}]`,
        `委员 ${organisers[i]} 不是本级政协在任委员`,
        `member ${organisers[i]} is not an active member of ${code}`,
      );
    }
  });

  return ctx.transaction(CourtyardSession, async (tx) => {
    const session = await tx.repo(CourtyardSession).save(
      tx.repo(CourtyardSession).create({
        committeeCode: code,
        heldOn,
        township,
        village,
        theme: input.theme,
        topic,
        participants: input.participants,
        outcome,
      }),
    );
    await tx.repo(CourtyardOrganiser).insert(organisers.map((memberId) => ({ sessionId: session.id, memberId })));
    if (issues.length) {
      await tx.repo(CourtyardIssue).insert(
        issues.map((description) => ({
          sessionId: session.id,
          description,
          status: CourtyardIssueStatus.OPEN,
          resolvedOn: null,
          note: null,
        })),
      );
    }
    return session;
  });
}

export async function updateIssue(ctx: RequestContext, input: CourtyardIssueUpdateInput): Promise<CourtyardIssue> {
  const id = parseId(input.issueId, "input.issueId");
  ctx.require(RECORD_COURTYARD);
  const issue = await ctx.repo(CourtyardIssue).findOneBy({ id });
  // An issue is known exactly as far as its session is: another county's clerk learns
  // neither that the issue exists nor which session holds it.
  const session = issue && (await sessionScope.load(ctx, issue.sessionId));
  if (!issue || !session) throw notFound("courtyard issue", id, "问题");
  await sessionScope.assertWritable(ctx, session);
  moduleEnablement(ctx, COURTYARD).assertEnabled(session.committeeCode, "input.issueId");
  const resolved = input.status === CourtyardIssueStatus.RESOLVED;
  const resolvedOn = resolved ? (parseDate(input.resolvedOn, "input.resolvedOn") ?? today()) : null;
  if (resolvedOn && resolvedOn < session.heldOn) {
    throw badInput("input.resolvedOn", "解决日期不能早于协商日期", `cannot be before the session (${session.heldOn})`);
  }
  const note = text(input.note, "input.note", { max: 500 }) || issue.note;
  // Written and read back in one transaction: the answer cannot fail after the write landed.
  return ctx.transaction(CourtyardIssue, async (tx) => {
    await tx.repo(CourtyardIssue).update({ id }, { status: input.status, resolvedOn, note });
    return tx.repo(CourtyardIssue).findOneByOrFail({ id });
  });
}

/** Sessions a member organised, as far as the viewer may see them (batched per request). */
export async function sessionsOrganisedBy(ctx: RequestContext, memberId: string): Promise<CourtyardSession[]> {
  const id = Number(memberId);
  if (!Number.isSafeInteger(id) || id <= 0 || !ctx.isAuthenticated) return [];
  if (!sessionScope.roleHasAccess(ctx.identity.role, "list")) return [];
  return sessionLoaders(ctx).byOrganiser.load(id);
}
