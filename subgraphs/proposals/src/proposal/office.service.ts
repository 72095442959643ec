import {
  AppError,
  badInput,
  ErrorCode,
  memberInfo,
  parseDate,
  parseId,
  text,
  today,
  type RequestContext,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { AssignmentRole, ProposalAssignment } from "../assignment/assignment.entity";
import { addMonths } from "../calendar";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { OpinionReport } from "../opinion-report/opinion-report.entity";
import { MANAGE_PROPOSALS } from "../permissions";
import { ProposalAction } from "./proposal-event.entity";
import { Proposal, ReviewDecision } from "./proposal.entity";
import type { AssignProposalInput, MarkKeyProposalInput, ReviewProposalInput } from "./proposal.inputs";
import { forgetProposal, proposalLoaders } from "./proposal.loader";
import { optionalNote } from "./proposal.rules";
import { getProposal } from "./proposal.service";
import { assertCan, loadForWrite, refuse, transition } from "./proposal.transition";
import { ASSIGNMENT_WORKFLOW, OPINION_REPORT_WORKFLOW, OpinionReportAction } from "./proposal.workflow";

/** A reply is due within three months of assignment, six at most (DOMAIN.md). */
export const DEFAULT_DUE_MONTHS = 3;
export const MAX_DUE_MONTHS = 6;
const MAX_ASSISTING_UNITS = 10;

/**
 * Every step the proposal committee's office takes: STAFF of exactly the proposal's
 * committee (a city clerk reads a county's proposals but does not decide them). The
 * proposal is first looked up as the viewer sees it, so a clerk of another county gets
 * NOT_FOUND and the city FORBIDDEN.
 */
async function officeWrite(
  ctx: RequestContext,
  rawId: string,
  write: (tx: RequestContext, p: Proposal) => Promise<void>,
): Promise<Proposal> {
  ctx.require(MANAGE_PROPOSALS);
  const seen = await getProposal(ctx, rawId);
  await ctx.assertStaffOf(seen.committeeCode);
  // Read back inside the transaction, so the answer cannot fail after the write committed.
  const written = await ctx.transaction(Proposal, async (tx) => {
    await write(tx, await loadForWrite(tx, seen.id));
    return tx.repo(Proposal).findOneByOrFail({ id: seen.id });
  });
  forgetProposal(ctx, seen.id);
  return written;
}

/** 审查: FILED, NOT_FILED (with the reason) or MERGED into a filed proposal of the same committee and year. */
export async function reviewProposal(
  ctx: RequestContext,
  rawId: string,
  input: ReviewProposalInput,
  version?: number | null,
): Promise<Proposal> {
  const reason = optionalNote(input.reason, "input.reason");
  if (input.decision === ReviewDecision.NOT_FILED && !reason) {
    throw badInput("input.reason", "不予立案须说明理由", "a reason is required when not filing");
  }
  let mergedIntoId: number | null = null;
  if (input.decision === ReviewDecision.MERGED) {
    if (!input.mergedIntoId) {
      throw badInput("input.mergedIntoId", "并案须指定并入的提案", "name the proposal to merge into");
    }
    mergedIntoId = parseId(input.mergedIntoId, "input.mergedIntoId");
  } else if (input.mergedIntoId) {
    throw badInput("input.mergedIntoId", "只有并案时才指定", "only for a MERGED decision");
  }
  return officeWrite(ctx, rawId, async (tx, p) => {
    const action = { FILED: ProposalAction.FILE, NOT_FILED: ProposalAction.NOT_FILE, MERGED: ProposalAction.MERGE }[
      input.decision
    ];
    assertCan(tx, p, action);
    if (mergedIntoId !== null) {
      const target = await proposalLoaders(tx).visibleProposal.load(mergedIntoId);
      if (
        !target ||
        target.id === p.id ||
        target.committeeCode !== p.committeeCode ||
        target.year !== p.year ||
        target.reviewDecision !== ReviewDecision.FILED
      ) {
        throw badInput(
          "input.mergedIntoId",
          "只能并入同一政协、同一年度已立案的另一件提案",
          "must be another filed proposal of the same committee and year",
        );
      }
    }
    await transition(tx, p, {
      action,
      set: {
        reviewDecision: input.decision,
        reviewedOn: today(),
        notFiledReason: input.decision === ReviewDecision.NOT_FILED ? reason : null,
        mergedIntoId,
      },
      version,
      note: mergedIntoId !== null ? `并入提案 #${mergedIntoId}${reason ? `: ${reason}` : ""}` : reason,
    });
  });
}

/** 转社情民意: a not-filed proposal continues, once, as an opinion report of the same committee. */
export async function convertToOpinionReport(
  ctx: RequestContext,
  rawId: string,
  version?: number | null,
): Promise<OpinionReport> {
  ctx.require(MANAGE_PROPOSALS);
  const seen = await getProposal(ctx, rawId);
  await ctx.assertStaffOf(seen.committeeCode);
  const submitterName =
    seen.collectiveProposer ??
    (seen.leadMemberId ? (await memberInfo(ctx, seen.leadMemberId))?.name : null) ??
    "提案者";
  const report = await ctx.transaction(Proposal, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.CONVERT);
    if (p.convertedReportId !== null) {
      throw new AppError(
        ErrorCode.INVALID_TRANSITION,
        `该提案已转为社情民意信息 #${p.convertedReportId}`,
        `already converted to opinion report ${p.convertedReportId}`,
        { from: p.status, action: "convert" },
      );
    }
    const inserted = await tx.repo(OpinionReport).insert({
      committeeCode: p.committeeCode,
      title: p.title,
      body: p.body,
      submittedOn: today(),
      submitterMemberId: p.leadMemberId,
      submitterName,
      sourceProposalId: p.id,
      status: OPINION_REPORT_WORKFLOW.next(tx, null, OpinionReportAction.CONVERT),
      version: 1,
    });
    const reportId = Number(inserted.identifiers[0].id);
    await transition(tx, p, {
      action: ProposalAction.CONVERT,
      set: { convertedReportId: reportId },
      version,
      note: `转为社情民意信息 #${reportId}`,
    });
    return tx.repo(OpinionReport).findOneByOrFail({ id: reportId });
  });
  forgetProposal(ctx, seen.id);
  return report;
}

/** 交办: one lead unit, optional assisting units, all of the proposal's committee, with a due date. */
export async function assignProposal(
  ctx: RequestContext,
  rawId: string,
  input: AssignProposalInput,
  version?: number | null,
): Promise<Proposal> {
  const leadId = parseId(input.leadUnitId, "input.leadUnitId");
  const assisting = (input.assistingUnitIds ?? []).map((raw, i) => parseId(raw, `input.assistingUnitIds[${i}]`));
  if (assisting.length > MAX_ASSISTING_UNITS) {
    throw badInput(
      "input.assistingUnitIds",
      `协办单位不能超过 ${MAX_ASSISTING_UNITS} 个`,
      `at most ${MAX_ASSISTING_UNITS} units`,
    );
  }
  assisting.forEach((id, i) => {
    if (id === leadId || assisting.indexOf(id) !== i) {
      throw badInput(`input.assistingUnitIds[${i}]`, "承办单位重复", "a unit appears twice");
    }
  });
  const t = today();
  const dueOn = parseDate(input.dueOn, "input.dueOn") ?? addMonths(t, DEFAULT_DUE_MONTHS);
  if (dueOn <= t) throw badInput("input.dueOn", "答复期限须晚于今天", "must be after today");
  if (dueOn > addMonths(t, MAX_DUE_MONTHS)) {
    throw badInput("input.dueOn", "答复期限最长为交办后 6 个月", "at most six months after assignment");
  }
  return officeWrite(ctx, rawId, async (tx, p) => {
    assertCan(tx, p, ProposalAction.ASSIGN);
    const units = new Map(
      (await tx.repo(HandlingUnit).findBy({ id: In([leadId, ...assisting]) })).map((u) => [u.id, u]),
    );
    const check = (id: number, field: string) => {
      const u = units.get(id);
      if (!u || u.committeeCode !== p.committeeCode) {
        throw badInput(field, "不是本政协的承办单位", `not a handling unit of committee ${p.committeeCode}`);
      }
      if (!u.active) throw badInput(field, "该承办单位已停用", "this unit is no longer active");
      return u;
    };
    const lead = check(leadId, "input.leadUnitId");
    const helpers = assisting.map((id, i) => check(id, `input.assistingUnitIds[${i}]`));
    const round = p.handlingRound + 1;
    const pending = ASSIGNMENT_WORKFLOW.next(tx, null, ProposalAction.ASSIGN);
    const row = (unitId: number, role: AssignmentRole) => ({
      proposalId: p.id,
      unitId,
      role,
      round,
      status: pending,
      assignedOn: t,
      dueOn,
      acceptedOn: null,
      returnedOn: null,
      returnReason: null,
      repliedOn: null,
    });
    await tx
      .repo(ProposalAssignment)
      .insert([row(lead.id, AssignmentRole.LEAD), ...helpers.map((u) => row(u.id, AssignmentRole.ASSISTING))]);
    await transition(tx, p, {
      action: ProposalAction.ASSIGN,
      set: { handlingRound: round, assignedOn: t, dueOn },
      version,
      note: `主办: ${lead.name}${helpers.length ? `; 协办: ${helpers.map((u) => u.name).join("、")}` : ""}; 答复期限 ${dueOn}`,
    });
  });
}

/** 重点提案: chosen by the chair meeting among filed proposals, supervised by a named leader. */
export async function markKeyProposal(
  ctx: RequestContext,
  rawId: string,
  input: MarkKeyProposalInput,
  version?: number | null,
): Promise<Proposal> {
  const supervisingLeader = text(input.supervisingLeader, "input.supervisingLeader", { max: 64, required: true });
  const note = optionalNote(input.note, "input.note");
  return officeWrite(ctx, rawId, async (tx, p) => {
    assertCan(tx, p, ProposalAction.MARK_KEY);
    await transition(tx, p, {
      action: ProposalAction.MARK_KEY,
      set: { isKey: true, supervisingLeader },
      version,
      note: `督办领导: ${supervisingLeader}${note ? `; ${note}` : ""}`,
    });
  });
}

/** 办复优秀: only a key proposal, only once its lead unit has replied. */
export async function rateKeyReplyExcellent(
  ctx: RequestContext,
  rawId: string,
  version?: number | null,
): Promise<Proposal> {
  return officeWrite(ctx, rawId, async (tx, p) => {
    assertCan(tx, p, ProposalAction.RATE_EXCELLENT);
    if (!p.isKey) {
      throw new AppError(ErrorCode.INVALID_TRANSITION, "只有重点提案评定办复优秀", "only key proposals are rated", {
        from: p.status,
        action: "rate the reply excellent",
      });
    }
    if (p.keyReplyExcellent) throw refuse(p.status, ProposalAction.RATE_EXCELLENT);
    await transition(tx, p, { action: ProposalAction.RATE_EXCELLENT, set: { keyReplyExcellent: true }, version });
  });
}

/** 办结 without an evaluation: the proposer did not evaluate the reply in time. */
export async function closeProposal(
  ctx: RequestContext,
  rawId: string,
  note?: string | null,
  version?: number | null,
): Promise<Proposal> {
  const reason = optionalNote(note, "note");
  return officeWrite(ctx, rawId, async (tx, p) => {
    assertCan(tx, p, ProposalAction.CLOSE);
    await transition(tx, p, {
      action: ProposalAction.CLOSE,
      set: { closedOn: today() },
      version,
      note: reason,
    });
  });
}
