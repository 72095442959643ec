import type { Random } from "@tongxin/sdk";
import { ReplyClass } from "../assignment/reply.entity";
import { addDays } from "../calendar";
import { CoSignerStatus, type ProposalCoSigner } from "../proposal/co-signer.entity";
import { ProposalAction, type ProposalEvent } from "../proposal/proposal-event.entity";
import { ProposalKind, ReviewDecision, type Proposal, type ProposalStatus } from "../proposal/proposal.entity";
import { OPINION_REPORT_WORKFLOW, OpinionReportAction, PROPOSAL_WORKFLOW } from "../proposal/proposal.workflow";
import { walkHandling, type Step } from "./handling";
import { between, Clock, memberActor, sample, weighted, type Row, type Rows, type YearContext } from "./kit";
import type { Outcome, YearPlan } from "./plan";
import { CATEGORY_WEIGHTS, collectiveProposers, PROBLEMS, SUGGESTIONS, TITLE_SUFFIXES, TOPICS } from "./reference-data";
import { pushReport } from "./reports";

const A = ProposalAction;

const NOT_FILED_REASONS = [
  "所提事项属于个人诉求, 不宜作为提案立案, 建议通过信访渠道反映",
  "所提内容已有明确政策规定并正在落实",
  "建议内容过于宽泛, 缺乏具体可行的措施",
];
const ATTACHMENTS = [
  { fileName: "调研报告.pdf", mimeType: "application/pdf" },
  { fileName: "现场照片.zip", mimeType: "application/zip" },
  { fileName: "相关数据.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
];

/**
 * Which proposals of the year take which detours (collective, key, returned, reopened …),
 * so that the year's figures come out as planned.
 */
function chooseFates(rng: Random, outcomes: Outcome[], hasRegister: boolean, plan: YearPlan) {
  const indices = outcomes.map((_, i) => i);
  const received = indices.filter((i) => outcomes[i] !== "DRAFT");
  const isFiled = (o: Outcome) => !["DRAFT", "SUBMITTED", "NOT_FILED", "MERGED"].includes(o);
  const hasLeadReply = (o: Outcome) => o === "REPLIED" || o === "CLOSED" || o === "REOPENED";
  const filed = indices.filter((i) => isFiled(outcomes[i]));
  // Without members on the register, a committee's proposals are all collective.
  const collective = new Set(hasRegister ? sample(rng, received, plan.collective) : received);
  const key = new Set(sample(rng, filed, plan.keyProposals));
  const excellent = new Set(
    sample(
      rng,
      filed.filter((i) => key.has(i) && outcomes[i] !== "REOPENED" && hasLeadReply(outcomes[i])),
      plan.keyExcellent,
    ),
  );
  const closed = indices.filter((i) => outcomes[i] === "CLOSED");
  const reopenedThenClosed = new Set(sample(rng, closed, plan.reopenedThenClosed));
  // Some proposers never evaluate; after a re-handling that leaves the first, unsatisfied, evaluation standing.
  const closedByOffice = new Set([
    ...sample(
      rng,
      closed.filter((i) => !reopenedThenClosed.has(i)),
      plan.closedByOffice,
    ),
    ...sample(rng, [...reopenedThenClosed], Math.ceil(reopenedThenClosed.size / 2)),
  ]);
  const returned = new Set(
    sample(
      rng,
      filed.filter((i) => outcomes[i] !== "FILED" || rng.chance(0.3)),
      plan.returned,
    ),
  );
  const converted = new Set(
    sample(
      rng,
      indices.filter((i) => outcomes[i] === "NOT_FILED"),
      plan.converted,
    ),
  );
  // The latest lead reply: exactly `solved` of the replied proposals are A or B when planned so.
  const replied = filed.filter((i) => hasLeadReply(outcomes[i]) && outcomes[i] !== "REOPENED");
  const solved = new Set(
    plan.solved === null ? replied.filter(() => rng.chance(0.9)) : sample(rng, replied, plan.solved),
  );
  const finalClass = (i: number): ReplyClass =>
    solved.has(i) ? (rng.chance(0.6) ? ReplyClass.A : ReplyClass.B) : rng.chance(0.75) ? ReplyClass.C : ReplyClass.D;
  return { collective, key, excellent, reopenedThenClosed, closedByOffice, returned, converted, finalClass };
}

/** One committee's proposals of one year, walked through the workflow as people would. */
export function generateYear(rows: Rows, rng: Random, cy: YearContext, plan: YearPlan): Row<Proposal>[] {
  const { year, place, register, units, staff } = cy;
  const finished = year < 2024;
  const outcomes = rng.shuffle([...plan.outcomes]);
  const indices = outcomes.map((_, i) => i);
  const { collective, key, excellent, reopenedThenClosed, closedByOffice, returned, converted, finalClass } =
    chooseFates(rng, outcomes, register.length > 0, plan);

  const proposers = collectiveProposers(place.full, cy.node.level === "CITY");
  const made: Row<Proposal>[] = [];
  for (const i of indices) {
    const outcome = outcomes[i];
    const id = ++rows.next.proposal;
    const clock = new Clock(rng);
    const isCollective = collective.has(i);
    const lead = isCollective ? null : register[Math.floor(rng.next() ** 1.6 * register.length)];
    const drafter = lead ? memberActor(lead) : staff;
    const proposer = isCollective ? rng.pick(proposers) : null;
    const category = weighted(rng, CATEGORY_WEIGHTS).category;
    const topic = rng.pick(TOPICS[category]).replace("{place}", place.full);
    const [p1, p2] = sample(rng, PROBLEMS, 2);
    const [s1, s2, s3] = sample(rng, SUGGESTIONS, 3);

    let status: ProposalStatus | null = null;
    let version = 1;
    let day = "";
    const event: Step = (action, actor, date, note = null, { guard, bump = true } = {}) => {
      const to = PROPOSAL_WORKFLOW.next(actor.role, status, action, guard);
      const row: Row<ProposalEvent> = {
        proposalId: id,
        action,
        from: status,
        to,
        actorRole: actor.role,
        actorSubject: actor.subject,
        actorMemberId: actor.memberId,
        actorUnitId: actor.unitId,
        actorCommittee: actor.committee,
        at: clock.at(date),
        note,
      };
      rows.events.push(row);
      if (bump) version++;
      status = to;
      day = date;
      return row;
    };
    const after = (min: number, max: number) => addDays(day, rng.int(min, max));

    // When it was submitted decides how far it can have gone by the end of 2024.
    const plenary = () => addDays(cy.plenaryStart, rng.int(0, 6));
    let submittedOn: string;
    if (finished) submittedOn = rng.chance(0.75) ? plenary() : between(rng, `${year}-02-01`, `${year}-09-30`);
    else if (outcome === "DRAFT" || outcome === "SUBMITTED")
      submittedOn = between(rng, `${year}-11-25`, `${year}-12-20`);
    else if (outcome === "FILED") submittedOn = between(rng, `${year}-10-10`, `${year}-11-20`);
    else if (outcome === "ASSIGNED_PENDING" || outcome === "ASSIGNED_ACCEPTED") {
      submittedOn = between(rng, `${year}-05-01`, `${year}-07-31`);
    } else if (outcome === "REPLIED") submittedOn = between(rng, `${year}-06-01`, `${year}-08-15`);
    else submittedOn = rng.chance(0.7) ? plenary() : between(rng, `${year}-02-01`, `${year}-03-31`);
    const draftedOn = addDays(submittedOn, -rng.int(8, 15));

    const p: Row<Proposal> = {
      id,
      committeeCode: cy.node.code,
      year,
      term: cy.node.currentTerm ?? null,
      session:
        cy.node.termStartedOn && cy.node.currentTerm ? year - Number(cy.node.termStartedOn.slice(0, 4)) + 1 : null,
      serial: null,
      title: `关于${topic}${rng.pick(TITLE_SUFFIXES)}`,
      body: `近年来, ${place.full}在${topic.replace(/^(加快|推进|加强|推动|做好|完善|优化|促进|扎实做好|落实)/, "")}方面做了大量工作, 取得了一定成效, 但仍存在一些困难和问题: 一是${p1}; 二是${p2}。为此建议: 一是${s1}; 二是${s2}; 三是${s3}。`,
      category,
      kind: isCollective ? ProposalKind.COLLECTIVE : ProposalKind.MEMBER,
      collectiveProposer: proposer?.name ?? null,
      collectiveProposerType: proposer?.type ?? null,
      leadMemberId: lead ? Number(lead.id) : null,
      coSignDeadline: null,
      submittedOn: null,
      reviewDecision: null,
      reviewedOn: null,
      notFiledReason: null,
      mergedIntoId: null,
      convertedReportId: null,
      handlingRound: 0,
      assignedOn: null,
      dueOn: null,
      isKey: false,
      supervisingLeader: null,
      keyReplyExcellent: false,
      evaluation: null,
      evaluationNote: null,
      evaluatedOn: null,
      closedOn: null,
      draftedBy: drafter.subject,
    };
    made.push(p);
    rows.proposals.push(p);
    const drafted = event(A.DRAFT, drafter, draftedOn, null, { bump: false });
    if (rng.chance(0.2)) {
      for (const a of sample(rng, ATTACHMENTS, rng.int(1, 2))) {
        rows.attachments.push({
          proposalId: id,
          ...a,
          sizeBytes: rng.int(80_000, 3_000_000),
          sha256: null,
          addedAt: clock.at(draftedOn),
        });
      }
    }

    // 联名: invited with the draft; most sign within days, a few let the invitation lapse.
    const coSigners: Row<ProposalCoSigner>[] = [];
    if (lead && rng.chance(0.55)) {
      const others = register.filter((m) => m.id !== lead.id);
      const invited = sample(rng, others, Math.min(others.length, rng.int(1, 4)));
      if (invited.length) {
        p.coSignDeadline = addDays(draftedOn, 7);
        const invitation = event(
          A.INVITE_COSIGNERS,
          drafter,
          draftedOn,
          `邀请联名: ${invited.map((m) => m.name).join("、")}`,
          { bump: false },
        );
        const signDays = invited.map(() => rng.int(1, 6)).sort((a, b) => a - b);
        invited.forEach((m, k) => {
          const signs = outcome === "DRAFT" ? rng.chance(0.5) : rng.chance(0.92);
          const signedAt = signs ? event(A.COSIGN, memberActor(m), addDays(draftedOn, signDays[k]), m.name).at : null;
          coSigners.push({
            proposalId: id,
            memberId: Number(m.id),
            status: signs
              ? CoSignerStatus.SIGNED
              : outcome === "DRAFT"
                ? CoSignerStatus.INVITED
                : CoSignerStatus.LAPSED,
            invitedAt: invitation.at,
            signedAt,
          });
        });
      }
    }
    rows.coSigners.push(...coSigners);
    const finish = () =>
      Object.assign(p, { status, version, createdAt: drafted.at, updatedAt: rows.events[rows.events.length - 1].at });
    if (outcome === "DRAFT") {
      finish();
      continue;
    }

    day = submittedOn > day ? submittedOn : day;
    const lapsed = coSigners.filter((c) => c.status === CoSignerStatus.LAPSED).length;
    event(A.SUBMIT, drafter, day, lapsed ? `${lapsed} 位受邀委员未在截止前联名, 邀请失效` : null);
    p.submittedOn = day;

    if (outcome !== "SUBMITTED") {
      const reviewedOn = after(10, 25);
      p.reviewedOn = reviewedOn;
      if (outcome === "NOT_FILED") {
        const reason = rng.pick(NOT_FILED_REASONS);
        Object.assign(p, { reviewDecision: ReviewDecision.NOT_FILED, notFiledReason: reason });
        event(A.NOT_FILE, staff, reviewedOn, reason);
        if (converted.has(i)) {
          const reportId = ++rows.next.report;
          const on = after(1, 7);
          event(A.CONVERT, staff, on, `转为社情民意信息 #${reportId}`);
          p.convertedReportId = reportId;
          pushReport(rows, rng, cy, {
            id: reportId,
            status:
              cy.reportPool.shift() ?? OPINION_REPORT_WORKFLOW.next(staff.role, null, OpinionReportAction.CONVERT),
            submittedOn: on,
            title: p.title!,
            body: p.body!,
            submitter: lead,
            submitterName: proposer?.name ?? lead?.name ?? "提案者",
            sourceProposalId: id,
          });
        }
      } else if (outcome === "MERGED") {
        p.reviewDecision = ReviewDecision.MERGED;
        rows.merges.push({ id, into: -1, event: event(A.MERGE, staff, reviewedOn) });
      } else {
        p.reviewDecision = ReviewDecision.FILED;
        event(A.FILE, staff, reviewedOn);
        if (key.has(i)) {
          const leader = rng.pick([
            `${place.full}政协主席`,
            `${place.full}政协副主席`,
            `${place.full}人民政府副${place.kind}长`,
          ]);
          Object.assign(p, { isKey: true, supervisingLeader: leader });
          event(A.MARK_KEY, staff, after(1, 5), `督办领导: ${leader}`);
        }
        walkHandling(rows, rng, cy, p, {
          outcome,
          event,
          after,
          evaluator: lead ? memberActor(lead) : staff,
          returned: returned.has(i),
          reopened: outcome === "REOPENED" || reopenedThenClosed.has(i),
          replyClass: () => finalClass(i),
          closedByOffice: closedByOffice.has(i),
          excellent: excellent.has(i),
          units,
        });
      }
    }
    finish();
  }

  // Case numbers in the order the proposals came in.
  const numbered = made
    .filter((p) => p.submittedOn)
    .sort((a, b) => a.submittedOn!.localeCompare(b.submittedOn!) || a.id! - b.id!);
  numbered.forEach((p, k) => (p.serial = k + 1));
  if (numbered.length) rows.counters.push({ committeeCode: cy.node.code, year, lastSerial: numbered.length });

  // 并案 into a filed proposal of the same committee and year.
  const targets = made.filter((p) => p.reviewDecision === ReviewDecision.FILED);
  for (const m of rows.merges.filter((x) => x.into === -1)) {
    const target = rng.pick(targets);
    m.into = target.id!;
    m.event.note = `并入提案 #${target.id} (${target.title})`;
  }
  return made;
}
