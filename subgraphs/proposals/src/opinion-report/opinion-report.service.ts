import {
  badInput,
  conflict,
  defineLoaders,
  notFound,
  paginateById,
  parseDate,
  parseId,
  text,
  today,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { MANAGE_OPINION_REPORTS, READ_OPINION_REPORTS, SUBMIT_OPINION_REPORTS } from "../permissions";
import { assertSitsOn, currentMember } from "../proposal/proposal.rules";
import { checkCommitteeFilter } from "../proposal/proposal.service";
import { OPINION_REPORT_WORKFLOW, OpinionReportAction } from "../proposal/proposal.workflow";
import { OpinionReport } from "./opinion-report.entity";
import { opinionReportScope } from "./opinion-report.scope";
import type { OpinionReportsArgs, SubmitOpinionReportInput } from "./opinion-report.inputs";

const REPORT = { en: "opinion report", zh: "社情民意信息" };

export const reportLoaders = defineLoaders((ctx) => ({
  visibleReport: new DataLoader<number, OpinionReport | null>(async (ids) => {
    const qb = ctx
      .repo(OpinionReport)
      .createQueryBuilder("r")
      .where("r.id IN (:...ids)", { ids: [...ids] });
    await opinionReportScope.restrict(ctx, qb, "r", "lookup");
    const rows = new Map((await qb.getMany()).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  }),
}));

export async function getOpinionReport(ctx: RequestContext, rawId: string | number): Promise<OpinionReport> {
  ctx.require(READ_OPINION_REPORTS);
  const id = parseId(rawId, "id");
  const r = await reportLoaders(ctx).visibleReport.load(id);
  if (!r) throw notFound(REPORT.en, id, REPORT.zh);
  return r;
}

export async function listOpinionReports(
  ctx: RequestContext,
  args: OpinionReportsArgs,
): Promise<Connection<OpinionReport>> {
  const qb = await opinionReportScope.restrict(ctx, ctx.repo(OpinionReport).createQueryBuilder("r"), "r");
  if (args.committee) {
    await checkCommitteeFilter(ctx, args.committee);
    qb.andWhere("r.committee_code = :committee", { committee: args.committee });
  }
  if (args.year !== undefined && args.year !== null) {
    qb.andWhere("r.submitted_on >= :from AND r.submitted_on <= :to", yearRange(args.year));
  }
  if (args.status) qb.andWhere("r.status = :status", { status: args.status });
  return paginateById(qb, args);
}

/** 报送: a member on a committee where they sit; the office for its own committee, naming the source. */
export async function submitOpinionReport(
  ctx: RequestContext,
  input: SubmitOpinionReportInput,
): Promise<OpinionReport> {
  ctx.require(SUBMIT_OPINION_REPORTS);
  const title = text(input.title, "input.title", { max: 200, required: true });
  const body = text(input.body, "input.body", { max: 20_000, required: true });
  let committee: string;
  let submitterMemberId: number | null = null;
  let submitterName: string;
  if (ctx.identity.role === "MEMBER") {
    if (input.submitterName) {
      throw badInput("input.submitterName", "委员报送时反映人即本人", "a member submits in their own name");
    }
    const me = await currentMember(ctx);
    committee = input.committee ?? (me.committees.length === 1 ? me.committees[0] : "");
    if (!committee) throw badInput("input.committee", "您在多个政协任职, 请指定政协", "name the committee");
    if (!(await ctx.committees()).has(committee)) {
      throw badInput("input.committee", `没有代码为 ${committee} 的政协`, `no committee ${committee}`);
    }
    assertSitsOn(me, committee);
    submitterMemberId = Number(me.id);
    submitterName = me.name;
  } else {
    const code = input.committee ?? ctx.identity.committee;
    if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
    await opinionReportScope.assertCanCreate(ctx, code, "input.committee");
    committee = code;
    submitterName = text(input.submitterName, "input.submitterName", { max: 100, required: true });
  }
  // Written and read back in one transaction: the answer cannot fail after the row landed.
  return ctx.transaction(OpinionReport, async (tx) => {
    const inserted = await tx.repo(OpinionReport).insert({
      committeeCode: committee,
      title,
      body,
      submittedOn: today(),
      submitterMemberId,
      submitterName,
      sourceProposalId: null,
      status: OPINION_REPORT_WORKFLOW.next(tx, null, OpinionReportAction.SUBMIT),
      version: 1,
    });
    return tx.repo(OpinionReport).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
  });
}

/**
 * One step of collected → compiled → forwarded → instructed, to the state
 * OPINION_REPORT_WORKFLOW gives it, conditional on the state read.
 */
async function advance(
  ctx: RequestContext,
  rawId: string,
  action: OpinionReportAction,
  values: Partial<OpinionReport>,
  version?: number | null,
  check?: (r: OpinionReport) => void,
): Promise<OpinionReport> {
  ctx.require(MANAGE_OPINION_REPORTS);
  const seen = await getOpinionReport(ctx, rawId);
  await opinionReportScope.assertWritable(ctx, seen);
  const from = seen.status;
  const to = OPINION_REPORT_WORKFLOW.next(ctx, from, action);
  if (version !== undefined && version !== null && version !== seen.version) throw conflict(REPORT.en);
  check?.(seen);
  const written = await ctx.transaction(OpinionReport, async (tx) => {
    const result = await tx
      .manager(OpinionReport)
      .createQueryBuilder()
      .update(OpinionReport)
      .set({ ...values, status: to, version: () => "version + 1", updatedAt: new Date() } as never)
      .where("id = :id AND status = :from AND version = :version", { id: seen.id, from, version: seen.version })
      .execute();
    if (result.affected !== 1) {
      const now = await tx.repo(OpinionReport).findOneBy({ id: seen.id });
      if (now && now.status !== from) throw OPINION_REPORT_WORKFLOW.refuse(now.status, action);
      throw conflict(REPORT.en);
    }
    // Read back inside the transaction, so the answer cannot fail after the write committed.
    return tx.repo(OpinionReport).findOneByOrFail({ id: seen.id });
  });
  reportLoaders(ctx).visibleReport.clear(seen.id);
  return written;
}

/** 采编: adopted into a bulletin issue. */
export const compileOpinionReport = (ctx: RequestContext, id: string, bulletin: string, version?: number | null) =>
  advance(
    ctx,
    id,
    OpinionReportAction.COMPILE,
    { compiledOn: today(), bulletin: text(bulletin, "bulletin", { max: 100, required: true }) },
    version,
  );

export const declineOpinionReport = (ctx: RequestContext, id: string, reason: string, version?: number | null) =>
  advance(
    ctx,
    id,
    OpinionReportAction.DECLINE,
    { declinedReason: text(reason, "reason", { max: 500, required: true }) },
    version,
  );

export const forwardOpinionReport = (ctx: RequestContext, id: string, to: string, version?: number | null) =>
  advance(
    ctx,
    id,
    OpinionReportAction.FORWARD,
    { forwardedOn: today(), forwardedTo: text(to, "forwardedTo", { max: 200, required: true }) },
    version,
  );

/** 领导批示, dated when the instruction was given (on or after forwarding, not in the future). */
export function recordLeaderInstruction(
  ctx: RequestContext,
  id: string,
  input: { leader: string; instruction: string; instructedOn?: string | null },
  version?: number | null,
): Promise<OpinionReport> {
  const leader = text(input.leader, "input.leader", { max: 64, required: true });
  const instruction = text(input.instruction, "input.instruction", { max: 1000, required: true });
  const instructedOn = parseDate(input.instructedOn, "input.instructedOn") ?? today();
  if (instructedOn > today()) throw badInput("input.instructedOn", "批示日期不能晚于今天", "cannot be in the future");
  return advance(
    ctx,
    id,
    OpinionReportAction.INSTRUCT,
    { instructedOn, instructionLeader: leader, instruction },
    version,
    (r) => {
      if (r.forwardedOn && instructedOn < r.forwardedOn) {
        throw badInput("input.instructedOn", "批示日期不能早于报送日期", "cannot precede forwarding");
      }
    },
  );
}
