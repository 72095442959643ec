import type { Random } from "@tongxin/sdk";
import { AssignmentRole, type ProposalAssignment } from "../assignment/assignment.entity";
import { ReplyClass } from "../assignment/reply.entity";
import { addMonths } from "../calendar";
import { ProposalAction, type ProposalEvent } from "../proposal/proposal-event.entity";
import { Evaluation, type Proposal } from "../proposal/proposal.entity";
import { ASSIGNMENT_WORKFLOW, Guard } from "../proposal/proposal.workflow";
import { sample, unitActor, type Actor, type Row, type Rows, type Unit, type YearContext } from "./kit";
import type { Outcome } from "./plan";
import { REPLY_OPENINGS } from "./reference-data";

const A = ProposalAction;

/**
 * Records one step of the proposal being walked, to the state PROPOSAL_WORKFLOW gives it;
 * `guard` picks the outcome of a step that has several, `bump` is false for what drafting
 * itself writes (version 1).
 */
export type Step = (
  action: ProposalAction,
  actor: Actor,
  date: string,
  note?: string | null,
  options?: { guard?: string; bump?: boolean },
) => Row<ProposalEvent>;

const RETURN_REASONS = [
  "所提事项不属于本单位职责范围, 建议改由其他部门主办",
  "该提案主要涉及项目审批事项, 建议交由发展改革部门主办",
];

export interface HandlingPlan {
  outcome: Outcome;
  event: Step;
  after: (min: number, max: number) => string;
  evaluator: Actor;
  returned: boolean;
  reopened: boolean;
  replyClass: () => ReplyClass;
  closedByOffice: boolean;
  excellent: boolean;
  units: Unit[];
}

/** 交办 → 签收 → 答复 → 评价 (and the detours: a unit returning it, an unsatisfied proposer). */
export function walkHandling(rows: Rows, rng: Random, cy: YearContext, p: Row<Proposal>, h: HandlingPlan): void {
  const { event, after } = h;
  const staff = cy.staff;
  const fitting = h.units.filter((u) => u.categories.includes(p.category!));
  const leadUnit = fitting.length ? rng.pick(fitting) : rng.pick(h.units);
  const assisting = sample(
    rng,
    h.units.filter((u) => u !== leadUnit),
    rng.chance(0.55) ? 0 : rng.chance(0.75) ? 1 : 2,
  );
  const round = (lead: Unit, helpers: Unit[]) => {
    const status = ASSIGNMENT_WORKFLOW.next(staff.role, null, A.ASSIGN);
    const assignedOn = after(3, 10);
    const dueOn = addMonths(assignedOn, 3);
    p.handlingRound = (p.handlingRound ?? 0) + 1;
    Object.assign(p, { assignedOn, dueOn });
    const list = [
      { unit: lead, role: AssignmentRole.LEAD },
      ...helpers.map((u) => ({ unit: u, role: AssignmentRole.ASSISTING })),
    ].map(({ unit, role }) => {
      const row: Row<ProposalAssignment> = {
        id: ++rows.next.assignment,
        proposalId: p.id,
        unitId: unit.id,
        role,
        round: p.handlingRound,
        status,
        assignedOn,
        dueOn,
        acceptedOn: null,
        returnedOn: null,
        returnReason: null,
        repliedOn: null,
      };
      rows.assignments.push(row);
      return { unit, row };
    });
    return list;
  };
  const names = (l: Unit, hs: Unit[]) =>
    `主办: ${l.name}${hs.length ? `; 协办: ${hs.map((u) => u.name).join("、")}` : ""}`;

  if (h.returned) {
    const wrong = rng.pick(h.units.filter((u) => u !== leadUnit));
    const first = round(wrong, []);
    event(A.ASSIGN, staff, p.assignedOn!, `${names(wrong, [])}; 答复期限 ${p.dueOn}`);
    const reason = rng.pick(RETURN_REASONS);
    const on = after(2, 5);
    const returned = ASSIGNMENT_WORKFLOW.next("UNIT", first[0].row.status!, A.RETURN, Guard.OWN);
    Object.assign(first[0].row, { status: returned, returnedOn: on, returnReason: reason });
    event(A.RETURN, unitActor(wrong), on, `${wrong.name} (主办) 退回: ${reason}`);
    Object.assign(p, { assignedOn: null, dueOn: null });
    if (h.outcome === "FILED") return;
  } else if (h.outcome === "FILED") {
    return;
  }

  const current = round(leadUnit, assisting);
  event(A.ASSIGN, staff, p.assignedOn!, `${names(leadUnit, assisting)}; 答复期限 ${p.dueOn}`);
  if (h.outcome === "ASSIGNED_PENDING") return;
  for (const a of current) {
    const on = after(a.row.role === AssignmentRole.LEAD ? 1 : 0, a.row.role === AssignmentRole.LEAD ? 6 : 3);
    Object.assign(a.row, { status: ASSIGNMENT_WORKFLOW.next("UNIT", a.row.status!, A.ACCEPT), acceptedOn: on });
    event(A.ACCEPT, unitActor(a.unit), on, `${a.unit.name} (${a.row.role === "LEAD" ? "主办" : "协办"}) 签收`);
  }
  if (h.outcome === "ASSIGNED_ACCEPTED") return;

  const reply = (a: { unit: Unit; row: Row<ProposalAssignment> }, cls: ReplyClass, on: string) => {
    Object.assign(a.row, { status: ASSIGNMENT_WORKFLOW.next("UNIT", a.row.status!, A.REPLY), repliedOn: on });
    rows.replies.push({
      proposalId: p.id,
      assignmentId: a.row.id,
      unitId: a.unit.id,
      round: a.row.round,
      role: a.row.role,
      replyClass: cls,
      body: `对《${p.title}》的答复: ${REPLY_OPENINGS[cls]}下一步, 我单位将继续加强与相关部门的沟通协调, 推动所提问题逐步解决。`,
      repliedOn: on,
      createdAt: new Date(Date.parse(`${on}T17:00:00+08:00`)),
    });
    event(
      A.REPLY,
      unitActor(a.unit),
      on,
      `${a.unit.name} (${a.row.role === "LEAD" ? "主办" : "协办"}) 答复, ${cls} 类`,
      { guard: a.row.role === AssignmentRole.LEAD ? Guard.LEAD_UNIT : Guard.ASSISTING_UNIT },
    );
  };
  const answerRound = (list: typeof current, cls: ReplyClass) => {
    for (const a of list.slice(1))
      if (rng.chance(0.6)) reply(a, rng.pick([ReplyClass.A, ReplyClass.B, ReplyClass.C]), after(10, 30));
    reply(list[0], cls, after(10, 40));
  };

  if (h.reopened) {
    answerRound(current, rng.chance(0.6) ? ReplyClass.C : ReplyClass.D);
    const on = after(5, 20);
    const note = "答复内容与所提建议有差距, 希望进一步落实";
    const dueOn = addMonths(on, 3);
    p.handlingRound = (p.handlingRound ?? 0) + 1;
    Object.assign(p, {
      evaluation: Evaluation.UNSATISFIED,
      evaluationNote: note,
      evaluatedOn: on,
      assignedOn: on,
      dueOn,
    });
    const again = current.map((a) => {
      const row: Row<ProposalAssignment> = {
        ...a.row,
        id: ++rows.next.assignment,
        round: p.handlingRound,
        status: ASSIGNMENT_WORKFLOW.next(h.evaluator.role, null, A.EVALUATE),
        assignedOn: on,
        dueOn,
        acceptedOn: on,
        repliedOn: null,
      };
      rows.assignments.push(row);
      return { unit: a.unit, row };
    });
    event(A.EVALUATE, h.evaluator, on, `不满意, 重新办理 (答复期限 ${dueOn}): ${note}`, { guard: Guard.UNSATISFIED });
    if (h.outcome === "REOPENED") return;
    answerRound(again.slice(0, 1), h.replyClass());
  } else {
    answerRound(current, h.replyClass());
  }
  if (h.outcome === "REPLIED") {
    if (h.excellent) {
      p.keyReplyExcellent = true;
      event(A.RATE_EXCELLENT, staff, after(5, 20));
    }
    return;
  }
  if (h.closedByOffice) {
    const on = after(30, 45);
    p.closedOn = on;
    event(A.CLOSE, staff, on, "提案者逾期未评价, 按程序办结");
  } else {
    const on = after(5, 25);
    const evaluation = rng.chance(0.8) ? Evaluation.SATISFIED : Evaluation.BASICALLY_SATISFIED;
    Object.assign(p, { evaluation, evaluationNote: null, evaluatedOn: on, closedOn: on });
    event(A.EVALUATE, h.evaluator, on, evaluation, { guard: Guard.SATISFIED });
  }
  if (h.excellent) {
    p.keyReplyExcellent = true;
    event(A.RATE_EXCELLENT, staff, after(5, 20));
  }
}
