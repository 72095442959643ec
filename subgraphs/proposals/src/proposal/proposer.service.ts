import {
  AppError,
  badInput,
  conflict,
  ErrorCode,
  forbidden,
  memberInfo,
  parseId,
  text,
  today,
  updateWithVersion,
  type MemberInfo,
  type RequestContext,
  tokenMemberId,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { AssignmentStatus, ProposalAssignment } from "../assignment/assignment.entity";
import { addMonths } from "../calendar";
import { DRAFT_PROPOSALS } from "../permissions";
import { ProposalAttachment } from "./attachment.entity";
import { CoSignerStatus, ProposalCoSigner } from "./co-signer.entity";
import { ProposalAction } from "./proposal-event.entity";
import { Evaluation, Proposal, ProposalKind } from "./proposal.entity";
import type { DraftProposalInput, EvaluateReplyInput, UpdateProposalInput } from "./proposal.inputs";
import { forgetProposal } from "./proposal.loader";
import { ensureNumberCounter, issueSerial } from "./proposal.number";
import {
  assertDrafter,
  assertEvaluator,
  assertSitsOn,
  currentMember,
  deadlinePassed,
  defaultCoSignDeadline,
  MAX_CO_SIGNERS,
  optionalNote,
  validAttachments,
  validCoSignDeadline,
  validCoSigners,
  validYear,
} from "./proposal.rules";
import { getProposal } from "./proposal.service";
import { assertCan, loadForWrite, recordEvent, refuse, transition } from "./proposal.transition";
import { ASSIGNMENT_WORKFLOW, Guard, PROPOSAL_WORKFLOW } from "./proposal.workflow";

const PROPOSAL = { en: "proposal", zh: "提案" };
const names = (members: MemberInfo[]) => members.map((m) => m.name).join("、");

/**
 * Runs a write on one proposal and answers with its state as committed. Read inside the
 * transaction: a failed read after the commit would answer an error for a write that landed.
 */
async function afterWrite(ctx: RequestContext, id: number, write: (tx: RequestContext) => Promise<void>) {
  const written = await ctx.transaction(Proposal, async (tx) => {
    await write(tx);
    return tx.repo(Proposal).findOneByOrFail({ id });
  });
  forgetProposal(ctx, id);
  return written;
}

/** The session of `year` in the committee's current term: its first plenary is session 1. */
function termAndSession(node: { currentTerm?: number; termStartedOn?: string } | undefined, year: number) {
  if (!node?.currentTerm || !node.termStartedOn) return { term: null, session: null };
  const session = year - Number(node.termStartedOn.slice(0, 4)) + 1;
  return session >= 1 ? { term: node.currentTerm, session } : { term: null, session: null };
}

/**
 * 起草. A member drafts as lead proposer on a committee where they sit today; the office
 * drafts a collective proposal in the name of a party, organisation, sector group or
 * special committee.
 */
export async function draftProposal(ctx: RequestContext, input: DraftProposalInput): Promise<Proposal> {
  ctx.require(DRAFT_PROPOSALS);
  const tree = await ctx.committees();
  const title = text(input.title, "input.title", { max: 200, required: true });
  const body = text(input.body, "input.body", { max: 20_000, required: true });
  const year = validYear(input.year, "input.year");
  const attachments = validAttachments(input.attachments, "input.attachments");
  let committee: string;
  let leadMemberId: number | null = null;
  let coSigners: MemberInfo[] = [];
  let collective: Pick<Proposal, "collectiveProposer" | "collectiveProposerType"> = {
    collectiveProposer: null,
    collectiveProposerType: null,
  };

  if (ctx.identity.role === "MEMBER") {
    if (input.collectiveProposer || input.collectiveProposerType) {
      throw badInput(
        "input.collectiveProposer",
        "集体提案由政协机关以提出单位名义起草",
        "collective proposals are drafted by the committee office",
      );
    }
    const me = await currentMember(ctx);
    if (input.committee) {
      if (!tree.has(input.committee)) {
        throw badInput("input.committee", `没有代码为 ${input.committee} 的政协`, `no committee ${input.committee}`);
      }
      committee = input.committee;
    } else if (me.committees.length === 1) {
      committee = me.committees[0];
    } else {
      throw badInput("input.committee", "您在多个政协任职, 请指定政协", "you sit on several committees: name one");
    }
    assertSitsOn(me, committee);
    leadMemberId = Number(me.id);
    coSigners = await validCoSigners(ctx, input.coSignerIds ?? [], committee, leadMemberId, "input.coSignerIds");
  } else {
    const code = input.committee ?? ctx.identity.committee;
    if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
    await ctx.assertStaffOf(code, "input.committee");
    committee = code;
    if (input.coSignerIds?.length) {
      throw badInput("input.coSignerIds", "集体提案没有联名人", "collective proposals have no co-signers");
    }
    if (!input.collectiveProposerType) {
      throw badInput("input.collectiveProposerType", "请选择提出者类别", "required for a collective proposal");
    }
    collective = {
      collectiveProposer: text(input.collectiveProposer, "input.collectiveProposer", { max: 100, required: true }),
      collectiveProposerType: input.collectiveProposerType,
    };
  }
  const coSignDeadline =
    validCoSignDeadline(input.coSignDeadline, "input.coSignDeadline") ??
    (coSigners.length ? defaultCoSignDeadline() : null);

  return ctx.transaction(Proposal, async (tx) => {
    const drafted = PROPOSAL_WORKFLOW.next(tx, null, ProposalAction.DRAFT);
    const inserted = await tx.repo(Proposal).insert({
      committeeCode: committee,
      year,
      ...termAndSession(tree.get(committee), year),
      serial: null,
      title,
      body,
      category: input.category,
      kind: leadMemberId === null ? ProposalKind.COLLECTIVE : ProposalKind.MEMBER,
      ...collective,
      leadMemberId,
      status: drafted,
      coSignDeadline,
      draftedBy: ctx.identity.subject,
      version: 1,
    });
    const proposalId = Number(inserted.identifiers[0].id);
    const now = new Date();
    if (coSigners.length) {
      await tx.repo(ProposalCoSigner).insert(
        coSigners.map((m) => ({
          proposalId,
          memberId: Number(m.id),
          status: CoSignerStatus.INVITED,
          invitedAt: now,
          signedAt: null,
        })),
      );
    }
    if (attachments.length) {
      await tx.repo(ProposalAttachment).insert(attachments.map((a) => ({ ...a, proposalId, addedAt: now })));
    }
    await recordEvent(tx, proposalId, ProposalAction.DRAFT, null, drafted, null);
    if (coSigners.length) {
      const invite = ProposalAction.INVITE_COSIGNERS;
      const to = PROPOSAL_WORKFLOW.next(tx, drafted, invite);
      await recordEvent(tx, proposalId, invite, drafted, to, `邀请联名: ${names(coSigners)}`);
    }
    // Read in the transaction: after the commit a failed read would deny a draft that exists.
    return tx.repo(Proposal).findOneByOrFail({ id: proposalId });
  });
}

/**
 * A draft is edited by its drafter; once submitted, only the office may correct the
 * category (the proposal committee classifies what it receives), until it is closed.
 */
export async function updateProposal(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateProposalInput,
): Promise<Proposal> {
  const seen = await getProposal(ctx, rawId);
  // Only a draft's text can be edited; afterwards editing is the office's reclassifying.
  if (!PROPOSAL_WORKFLOW.allows(seen.status, ProposalAction.DRAFT)) return reclassify(ctx, seen, version, input);
  await assertDrafter(ctx, seen);
  const values: Partial<Proposal> = {};
  if (input.title !== undefined && input.title !== null) {
    values.title = text(input.title, "input.title", { max: 200, required: true });
  }
  if (input.body !== undefined && input.body !== null) {
    values.body = text(input.body, "input.body", { max: 20_000, required: true });
  }
  if (input.category) values.category = input.category;
  if (input.coSignDeadline !== undefined) {
    values.coSignDeadline = validCoSignDeadline(input.coSignDeadline, "input.coSignDeadline");
  }
  if (seen.kind === ProposalKind.COLLECTIVE) {
    if (input.collectiveProposer !== undefined && input.collectiveProposer !== null) {
      values.collectiveProposer = text(input.collectiveProposer, "input.collectiveProposer", {
        max: 100,
        required: true,
      });
    }
    if (input.collectiveProposerType) values.collectiveProposerType = input.collectiveProposerType;
  } else if (input.collectiveProposer || input.collectiveProposerType) {
    throw badInput(
      "input.collectiveProposer",
      "委员提案没有集体提出者",
      "a member proposal has no collective proposer",
    );
  }
  const attachments = input.attachments ? validAttachments(input.attachments, "input.attachments") : null;
  if (Object.keys(values).length === 0 && attachments === null) {
    throw badInput("input", "没有要修改的字段", "nothing to change");
  }
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.DRAFT);
    await updateWithVersion(tx, Proposal, p.id, version, { ...values, updatedAt: new Date() }, PROPOSAL);
    if (attachments) {
      await tx.repo(ProposalAttachment).delete({ proposalId: p.id });
      if (attachments.length) {
        const now = new Date();
        await tx.repo(ProposalAttachment).insert(attachments.map((a) => ({ ...a, proposalId: p.id, addedAt: now })));
      }
    }
  });
}

async function reclassify(
  ctx: RequestContext,
  seen: Proposal,
  version: number,
  input: UpdateProposalInput,
): Promise<Proposal> {
  await ctx.assertStaffOf(seen.committeeCode);
  for (const [key, value] of Object.entries(input)) {
    if (key !== "category" && value !== undefined && value !== null) {
      throw badInput(`input.${key}`, "提交后只能调整分类", "after submission only the category can change");
    }
  }
  if (!input.category) throw badInput("input.category", "没有要修改的字段", "nothing to change");
  const category = input.category;
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.RECLASSIFY);
    await transition(tx, p, {
      action: ProposalAction.RECLASSIFY,
      set: { category },
      version,
      note: `${p.category} → ${category}`,
    });
  });
}

export async function inviteCoSigners(
  ctx: RequestContext,
  rawId: string,
  memberIds: string[],
  deadline?: string | null,
): Promise<Proposal> {
  const seen = await getProposal(ctx, rawId);
  if (seen.kind === ProposalKind.COLLECTIVE) {
    throw badInput("memberIds", "集体提案没有联名人", "collective proposals have no co-signers");
  }
  await assertDrafter(ctx, seen);
  if (memberIds.length === 0) throw badInput("memberIds", "请至少邀请一位委员", "invite at least one member");
  const invited = await validCoSigners(ctx, memberIds, seen.committeeCode, seen.leadMemberId!, "memberIds");
  const coSignDeadline = validCoSignDeadline(deadline, "deadline");
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.INVITE_COSIGNERS);
    const existing = await tx.repo(ProposalCoSigner).findBy({ proposalId: p.id });
    invited.forEach((m, i) => {
      if (existing.some((e) => e.memberId === Number(m.id))) {
        throw badInput(`memberIds[${i}]`, "已邀请过该委员", "already invited");
      }
    });
    if (existing.length + invited.length > MAX_CO_SIGNERS) {
      throw badInput("memberIds", `联名人不能超过 ${MAX_CO_SIGNERS} 人`, `at most ${MAX_CO_SIGNERS} co-signers`);
    }
    const now = new Date();
    await tx.repo(ProposalCoSigner).insert(
      invited.map((m) => ({
        proposalId: p.id,
        memberId: Number(m.id),
        status: CoSignerStatus.INVITED,
        invitedAt: now,
        signedAt: null,
      })),
    );
    await transition(tx, p, {
      action: ProposalAction.INVITE_COSIGNERS,
      set: { coSignDeadline: coSignDeadline ?? p.coSignDeadline ?? defaultCoSignDeadline() },
      note: `邀请联名: ${names(invited)}`,
    });
  });
}

export async function withdrawInvitation(ctx: RequestContext, rawId: string, rawMemberId: string): Promise<Proposal> {
  const seen = await getProposal(ctx, rawId);
  await assertDrafter(ctx, seen);
  const memberId = parseId(rawMemberId, "memberId");
  const who = await memberInfo(ctx, memberId);
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.WITHDRAW_INVITATION);
    const removed = await tx.repo(ProposalCoSigner).delete({ proposalId: p.id, memberId });
    if (removed.affected !== 1) throw badInput("memberId", "该委员不在联名邀请中", "this member was not invited");
    await transition(tx, p, {
      action: ProposalAction.WITHDRAW_INVITATION,
      note: `撤回联名邀请: ${who?.name ?? memberId}`,
    });
  });
}

/** 联名: an invited member signs, on or before the deadline, while the proposal is a draft. */
export async function coSignProposal(ctx: RequestContext, rawId: string): Promise<Proposal> {
  if (ctx.identity.role !== "MEMBER") throw forbidden("co-signing (members only)");
  const me = await currentMember(ctx);
  const seen = await getProposal(ctx, rawId);
  const memberId = tokenMemberId(ctx)!;
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.COSIGN);
    const row = await tx.repo(ProposalCoSigner).findOneBy({ proposalId: p.id, memberId });
    if (!row) throw forbidden(`proposal ${p.id} (you were not invited to co-sign it)`);
    if (row.status !== CoSignerStatus.INVITED) throw refuse(row.status, ProposalAction.COSIGN);
    if (p.coSignDeadline && today() > p.coSignDeadline) throw deadlinePassed(p);
    assertSitsOn(me, p.committeeCode);
    const signed = await tx
      .manager(ProposalCoSigner)
      .createQueryBuilder()
      .update(ProposalCoSigner)
      .set({ status: CoSignerStatus.SIGNED, signedAt: new Date() })
      .where("id = :id AND status = :invited", { id: row.id, invited: CoSignerStatus.INVITED })
      .execute();
    if (signed.affected !== 1) throw refuse(CoSignerStatus.SIGNED, ProposalAction.COSIGN);
    await transition(tx, p, { action: ProposalAction.COSIGN, note: me.name });
  });
}

/**
 * 提交: issues the case number. Invitations still unsigned lapse: the co-signers are
 * those who signed in time.
 */
export async function submitProposal(ctx: RequestContext, rawId: string, version?: number | null): Promise<Proposal> {
  ctx.require(DRAFT_PROPOSALS);
  const seen = await getProposal(ctx, rawId);
  await assertDrafter(ctx, seen);
  if (seen.kind === ProposalKind.MEMBER && ctx.identity.role === "MEMBER") {
    assertSitsOn(await currentMember(ctx), seen.committeeCode);
  }
  await ensureNumberCounter(ctx, seen.committeeCode, seen.year);
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    assertCan(tx, p, ProposalAction.SUBMIT);
    // Checked before the number is drawn, so a stale click costs no number.
    if (version !== undefined && version !== null && version !== p.version) throw conflict(PROPOSAL.en);
    const serial = await issueSerial(tx, p.committeeCode, p.year);
    const lapsed = await tx
      .manager(ProposalCoSigner)
      .createQueryBuilder()
      .update(ProposalCoSigner)
      .set({ status: CoSignerStatus.LAPSED })
      .where("proposal_id = :id AND status = :invited", { id: p.id, invited: CoSignerStatus.INVITED })
      .execute();
    await transition(tx, p, {
      action: ProposalAction.SUBMIT,
      set: { serial, submittedOn: today() },
      version,
      note: lapsed.affected ? `${lapsed.affected} 位受邀委员未在截止前联名, 邀请失效` : null,
    });
  });
}

/**
 * 评价: SATISFIED or BASICALLY_SATISFIED closes the file; UNSATISFIED sends it back to
 * the same units for re-handling (重新办理) with a new three-month due date.
 */
export async function evaluateReply(ctx: RequestContext, rawId: string, input: EvaluateReplyInput): Promise<Proposal> {
  const seen = await getProposal(ctx, rawId);
  await assertEvaluator(ctx, seen);
  const note = optionalNote(input.note, "input.note");
  if (input.evaluation === Evaluation.UNSATISFIED && !note) {
    throw badInput("input.note", "不满意时请说明意见", "say what is unsatisfactory");
  }
  return afterWrite(ctx, seen.id, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    const outcome = input.evaluation === Evaluation.UNSATISFIED ? Guard.UNSATISFIED : Guard.SATISFIED;
    assertCan(tx, p, ProposalAction.EVALUATE, outcome);
    const t = today();
    const evaluation = { evaluation: input.evaluation, evaluationNote: note, evaluatedOn: t };
    if (input.evaluation !== Evaluation.UNSATISFIED) {
      await transition(tx, p, {
        action: ProposalAction.EVALUATE,
        guard: outcome,
        set: { ...evaluation, closedOn: t },
        note: note ? `${input.evaluation}: ${note}` : input.evaluation,
      });
      return;
    }
    const round = await tx.repo(ProposalAssignment).findBy({
      proposalId: p.id,
      round: p.handlingRound,
      status: In([AssignmentStatus.ACCEPTED, AssignmentStatus.REPLIED]),
    });
    if (!round.some((a) => a.role === "LEAD")) {
      throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, "办理记录不完整", "handling round has no lead unit");
    }
    const dueOn = addMonths(t, 3);
    const again = ASSIGNMENT_WORKFLOW.next(tx, null, ProposalAction.EVALUATE);
    await tx.repo(ProposalAssignment).insert(
      round.map((a) => ({
        proposalId: p.id,
        unitId: a.unitId,
        role: a.role,
        round: p.handlingRound + 1,
        status: again,
        assignedOn: t,
        dueOn,
        acceptedOn: t,
        returnedOn: null,
        returnReason: null,
        repliedOn: null,
      })),
    );
    await transition(tx, p, {
      action: ProposalAction.EVALUATE,
      guard: outcome,
      set: { ...evaluation, handlingRound: p.handlingRound + 1, assignedOn: t, dueOn },
      note: `不满意, 重新办理 (答复期限 ${dueOn}): ${note}`,
    });
  });
}
