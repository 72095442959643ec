import { seededRandom, type Random } from "@tongxin/sdk";
import type { CommitteeNode, CommitteeTree, MemberInfo, SeedContext } from "@tongxin/sdk";
import type { EntityManager, ObjectLiteral } from "typeorm";
import { AssignmentRole, AssignmentStatus, ProposalAssignment } from "../assignment/assignment.entity";
import { ProposalReply, ReplyClass } from "../assignment/reply.entity";
import { addDays, addMonths, daysBetween } from "../calendar";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { OpinionReport, OpinionReportStatus } from "../opinion-report/opinion-report.entity";
import { ProposalAttachment } from "../proposal/attachment.entity";
import { CoSignerStatus, ProposalCoSigner } from "../proposal/co-signer.entity";
import { ProposalNumberCounter } from "../proposal/number-counter.entity";
import { ProposalAction, ProposalEvent } from "../proposal/proposal-event.entity";
import {
  Evaluation,
  Proposal,
  ProposalCategory,
  ProposalKind,
  ProposalStatus,
  ReviewDecision,
} from "../proposal/proposal.entity";
import { planYear, type Outcome, type YearPlan } from "./plan";
import {
  CATEGORY_WEIGHTS,
  collectiveProposers,
  DEPARTMENTS,
  OPINION_FORMS,
  OPINION_ISSUES,
  PROBLEMS,
  REPLY_OPENINGS,
  SUGGESTIONS,
  TITLE_SUFFIXES,
  TOPICS,
} from "./reference-data";

const YEARS = [2023, 2024];
const S = ProposalStatus;
const A = ProposalAction;

type Row<T> = Partial<T> & ObjectLiteral;
interface Actor {
  role: string;
  subject: string;
  memberId: number | null;
  unitId: number | null;
  committee: string | null;
}
interface Unit {
  id: number;
  name: string;
  categories: ProposalCategory[];
}
interface Place {
  /** 昭通市, 镇雄县 … */
  full: string;
  /** 昭通, 镇雄 … */
  short: string;
  /** 市, 县, 区 */
  kind: string;
}

const placeOf = (node: CommitteeNode): Place => {
  const full = node.name.replace(/政协$/, "");
  const kind = full.slice(-1);
  return { full, short: /[市县区]$/.test(full) ? full.slice(0, -1) : full, kind };
};

/** Everything the seed writes, in insertion order. */
class Rows {
  units: Row<HandlingUnit>[] = [];
  proposals: Row<Proposal>[] = [];
  counters: Row<ProposalNumberCounter>[] = [];
  coSigners: Row<ProposalCoSigner>[] = [];
  attachments: Row<ProposalAttachment>[] = [];
  events: Row<ProposalEvent>[] = [];
  assignments: Row<ProposalAssignment>[] = [];
  replies: Row<ProposalReply>[] = [];
  reports: Row<OpinionReport>[] = [];
  /** Merged proposals and their MERGE event: the target is chosen once the year's filed proposals exist. */
  merges: { id: number; into: number; event: Row<ProposalEvent> }[] = [];
  next = { proposal: 0, unit: 0, assignment: 0, report: 0 };
}

/** Picks `n` distinct items. */
const sample = <T>(rng: Random, list: readonly T[], n: number): T[] => rng.shuffle([...list]).slice(0, n);
const between = (rng: Random, from: string, to: string) =>
  addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
const weighted = <T extends { weight: number }>(rng: Random, list: readonly T[]): T => {
  let r = rng.next() * list.reduce((n, x) => n + x.weight, 0);
  for (const x of list) if ((r -= x.weight) < 0) return x;
  return list[list.length - 1];
};

function buildUnits(rows: Rows, node: CommitteeNode, tree: CommitteeTree): Unit[] {
  const place = placeOf(node);
  const cityAbove = tree
    .path(node.code)
    .map((c) => tree.get(c)!)
    .find((c) => c.level === "CITY");
  const isCountyLevel = node.level === "COUNTY";
  return DEPARTMENTS.map((d, i) => {
    let name = `${place.full}${isCountyLevel ? d.county : d.city}`;
    // County environment offices are branches of the city bureau (昭通市生态环境局镇雄分局).
    if (isCountyLevel && d.county === "生态环境分局" && cityAbove) {
      name = `${placeOf(cityAbove).full}生态环境局${place.short}分局`;
    }
    const id = ++rows.next.unit;
    rows.units.push({ id, committeeCode: node.code, name, active: true, sortOrder: i + 1 });
    return { id, name, categories: d.categories };
  });
}

/** Event times: office hours, Beijing time, strictly increasing within one proposal. */
class Clock {
  private last = 0;
  constructor(private readonly rng: Random) {}
  at(date: string): Date {
    const base = Date.parse(`${date}T09:00:00+08:00`) + this.rng.int(0, 8 * 60) * 60_000;
    this.last = Math.max(base, this.last + 60_000);
    return new Date(this.last);
  }
}

interface YearContext {
  node: CommitteeNode;
  place: Place;
  year: number;
  register: MemberInfo[];
  units: Unit[];
  plenaryStart: string;
  staff: Actor;
  /** Statuses reserved for this year's opinion reports; converted proposals take theirs first. */
  reportPool: OpinionReportStatus[];
}

const memberActor = (m: MemberInfo): Actor => ({
  role: "MEMBER",
  subject: `member:${m.id}`,
  memberId: Number(m.id),
  unitId: null,
  committee: null,
});
const unitActor = (u: Unit): Actor => ({
  role: "UNIT",
  subject: `unit:${u.id}`,
  memberId: null,
  unitId: u.id,
  committee: null,
});

const NOT_FILED_REASONS = [
  "所提事项属于个人诉求, 不宜作为提案立案, 建议通过信访渠道反映",
  "所提内容已有明确政策规定并正在落实",
  "建议内容过于宽泛, 缺乏具体可行的措施",
];
const RETURN_REASONS = [
  "所提事项不属于本单位职责范围, 建议改由其他部门主办",
  "该提案主要涉及项目审批事项, 建议交由发展改革部门主办",
];
const ATTACHMENTS = [
  { fileName: "调研报告.pdf", mimeType: "application/pdf" },
  { fileName: "现场照片.zip", mimeType: "application/zip" },
  { fileName: "相关数据.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
];

/** One committee's proposals of one year, walked through the workflow as people would. */
function generateYear(rows: Rows, rng: Random, cy: YearContext, plan: YearPlan): Row<Proposal>[] {
  const { year, place, register, units, staff } = cy;
  const finished = year < 2024;
  const outcomes = rng.shuffle([...plan.outcomes]);
  const indices = outcomes.map((_, i) => i);
  const received = indices.filter((i) => outcomes[i] !== "DRAFT");
  const isFiled = (o: Outcome) => !["DRAFT", "SUBMITTED", "NOT_FILED", "MERGED"].includes(o);
  const hasLeadReply = (o: Outcome) => o === "REPLIED" || o === "CLOSED" || o === "REOPENED";
  const filed = indices.filter((i) => isFiled(outcomes[i]));
  // Without members on the register, a committee's proposals are all collective.
  const collective = new Set(register.length ? sample(rng, received, plan.collective) : received);
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

    let status: ProposalStatus = S.DRAFT;
    let version = 1;
    let day = "";
    /** Records a step; `bump` is false for what drafting itself writes (version 1). */
    const event = (
      action: ProposalAction,
      to: ProposalStatus,
      actor: Actor,
      date: string,
      note: string | null = null,
      bump = true,
    ) => {
      const row: Row<ProposalEvent> = {
        proposalId: id,
        action,
        from: action === A.DRAFT ? null : status,
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
    const drafted = event(A.DRAFT, S.DRAFT, drafter, draftedOn, null, false);
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
          S.DRAFT,
          drafter,
          draftedOn,
          `邀请联名: ${invited.map((m) => m.name).join("、")}`,
          false,
        );
        const signDays = invited.map(() => rng.int(1, 6)).sort((a, b) => a - b);
        invited.forEach((m, k) => {
          const signs = outcome === "DRAFT" ? rng.chance(0.5) : rng.chance(0.92);
          const signedAt = signs
            ? event(A.COSIGN, S.DRAFT, memberActor(m), addDays(draftedOn, signDays[k]), m.name).at
            : null;
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
    event(A.SUBMIT, S.SUBMITTED, drafter, day, lapsed ? `${lapsed} 位受邀委员未在截止前联名, 邀请失效` : null);
    p.submittedOn = day;

    if (outcome !== "SUBMITTED") {
      const reviewedOn = after(10, 25);
      p.reviewedOn = reviewedOn;
      if (outcome === "NOT_FILED") {
        const reason = rng.pick(NOT_FILED_REASONS);
        Object.assign(p, { reviewDecision: ReviewDecision.NOT_FILED, notFiledReason: reason });
        event(A.NOT_FILE, S.NOT_FILED, staff, reviewedOn, reason);
        if (converted.has(i)) {
          const reportId = ++rows.next.report;
          const on = after(1, 7);
          event(A.CONVERT, S.NOT_FILED, staff, on, `转为社情民意信息 #${reportId}`);
          p.convertedReportId = reportId;
          pushReport(rows, rng, cy, {
            id: reportId,
            status: cy.reportPool.shift() ?? OpinionReportStatus.SUBMITTED,
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
        rows.merges.push({ id, into: -1, event: event(A.MERGE, S.MERGED, staff, reviewedOn) });
      } else {
        p.reviewDecision = ReviewDecision.FILED;
        event(A.FILE, S.FILED, staff, reviewedOn);
        if (key.has(i)) {
          const leader = rng.pick([
            `${place.full}政协主席`,
            `${place.full}政协副主席`,
            `${place.full}人民政府副${place.kind}长`,
          ]);
          Object.assign(p, { isKey: true, supervisingLeader: leader });
          event(A.MARK_KEY, S.FILED, staff, after(1, 5), `督办领导: ${leader}`);
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

interface HandlingPlan {
  outcome: Outcome;
  event: (
    action: ProposalAction,
    to: ProposalStatus,
    actor: Actor,
    date: string,
    note?: string | null,
  ) => Row<ProposalEvent>;
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
function walkHandling(rows: Rows, rng: Random, cy: YearContext, p: Row<Proposal>, h: HandlingPlan): void {
  const { event, after } = h;
  const staff = cy.staff;
  const fitting = h.units.filter((u) => u.categories.includes(p.category!));
  const leadUnit = fitting.length ? rng.pick(fitting) : rng.pick(h.units);
  const assisting = sample(
    rng,
    h.units.filter((u) => u !== leadUnit),
    rng.chance(0.55) ? 0 : rng.chance(0.75) ? 1 : 2,
  );
  const round = (lead: Unit, helpers: Unit[], status: AssignmentStatus) => {
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
        acceptedOn: status === AssignmentStatus.ACCEPTED ? assignedOn : null,
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
    const first = round(wrong, [], AssignmentStatus.PENDING);
    event(A.ASSIGN, S.ASSIGNED, staff, p.assignedOn!, `${names(wrong, [])}; 答复期限 ${p.dueOn}`);
    const reason = rng.pick(RETURN_REASONS);
    const on = after(2, 5);
    Object.assign(first[0].row, { status: AssignmentStatus.RETURNED, returnedOn: on, returnReason: reason });
    event(A.RETURN, S.FILED, unitActor(wrong), on, `${wrong.name} (主办) 退回: ${reason}`);
    Object.assign(p, { assignedOn: null, dueOn: null });
    if (h.outcome === "FILED") return;
  } else if (h.outcome === "FILED") {
    return;
  }

  const current = round(leadUnit, assisting, AssignmentStatus.PENDING);
  event(A.ASSIGN, S.ASSIGNED, staff, p.assignedOn!, `${names(leadUnit, assisting)}; 答复期限 ${p.dueOn}`);
  if (h.outcome === "ASSIGNED_PENDING") return;
  for (const a of current) {
    const on = after(a.row.role === AssignmentRole.LEAD ? 1 : 0, a.row.role === AssignmentRole.LEAD ? 6 : 3);
    Object.assign(a.row, { status: AssignmentStatus.ACCEPTED, acceptedOn: on });
    event(
      A.ACCEPT,
      S.ASSIGNED,
      unitActor(a.unit),
      on,
      `${a.unit.name} (${a.row.role === "LEAD" ? "主办" : "协办"}) 签收`,
    );
  }
  if (h.outcome === "ASSIGNED_ACCEPTED") return;

  const reply = (a: { unit: Unit; row: Row<ProposalAssignment> }, cls: ReplyClass, on: string, to: ProposalStatus) => {
    Object.assign(a.row, { status: AssignmentStatus.REPLIED, repliedOn: on });
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
      to,
      unitActor(a.unit),
      on,
      `${a.unit.name} (${a.row.role === "LEAD" ? "主办" : "协办"}) 答复, ${cls} 类`,
    );
  };
  const answerRound = (list: typeof current, cls: ReplyClass) => {
    for (const a of list.slice(1))
      if (rng.chance(0.6)) reply(a, rng.pick([ReplyClass.A, ReplyClass.B, ReplyClass.C]), after(10, 30), S.ASSIGNED);
    reply(list[0], cls, after(10, 40), S.REPLIED);
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
        status: AssignmentStatus.ACCEPTED,
        assignedOn: on,
        dueOn,
        acceptedOn: on,
        repliedOn: null,
      };
      rows.assignments.push(row);
      return { unit: a.unit, row };
    });
    event(A.EVALUATE, S.ASSIGNED, h.evaluator, on, `不满意, 重新办理 (答复期限 ${dueOn}): ${note}`);
    if (h.outcome === "REOPENED") return;
    answerRound(again.slice(0, 1), h.replyClass());
  } else {
    answerRound(current, h.replyClass());
  }
  if (h.outcome === "REPLIED") {
    if (h.excellent) {
      p.keyReplyExcellent = true;
      event(A.RATE_EXCELLENT, S.REPLIED, staff, after(5, 20));
    }
    return;
  }
  if (h.closedByOffice) {
    const on = after(30, 45);
    p.closedOn = on;
    event(A.CLOSE, S.CLOSED, staff, on, "提案者逾期未评价, 按程序办结");
  } else {
    const on = after(5, 25);
    const evaluation = rng.chance(0.8) ? Evaluation.SATISFIED : Evaluation.BASICALLY_SATISFIED;
    Object.assign(p, { evaluation, evaluationNote: null, evaluatedOn: on, closedOn: on });
    event(A.EVALUATE, S.CLOSED, h.evaluator, on, evaluation);
  }
  if (h.excellent) {
    p.keyReplyExcellent = true;
    event(A.RATE_EXCELLENT, S.CLOSED, staff, after(5, 20));
  }
}

interface ReportDraft {
  id: number;
  status: OpinionReportStatus;
  submittedOn: string;
  title: string;
  body: string;
  submitter: MemberInfo | null;
  submitterName: string;
  sourceProposalId: number | null;
}

function pushReport(rows: Rows, rng: Random, cy: YearContext, r: ReportDraft): void {
  const { place } = cy;
  const reached = (s: OpinionReportStatus) => {
    const order = [OpinionReportStatus.COMPILED, OpinionReportStatus.FORWARDED, OpinionReportStatus.INSTRUCTED];
    return order.indexOf(r.status) >= order.indexOf(s);
  };
  const compiledOn = reached(OpinionReportStatus.COMPILED) ? addDays(r.submittedOn, rng.int(3, 15)) : null;
  const forwardedOn = compiledOn && reached(OpinionReportStatus.FORWARDED) ? addDays(compiledOn, rng.int(1, 10)) : null;
  const instructedOn =
    forwardedOn && reached(OpinionReportStatus.INSTRUCTED) ? addDays(forwardedOn, rng.int(5, 30)) : null;
  const isCity = cy.node.level === "CITY";
  const issueNo = Number((compiledOn ?? r.submittedOn).slice(5, 7)) * 2 - rng.int(0, 1);
  rows.reports.push({
    id: r.id,
    committeeCode: cy.node.code,
    title: r.title,
    body: r.body,
    submittedOn: r.submittedOn,
    submitterMemberId: r.submitter ? Number(r.submitter.id) : null,
    submitterName: r.submitterName,
    sourceProposalId: r.sourceProposalId,
    status: r.status,
    compiledOn,
    bulletin: compiledOn ? `《${place.short}政协社情民意》${compiledOn.slice(0, 4)}年第${issueNo}期` : null,
    forwardedOn,
    forwardedTo: forwardedOn
      ? rng.pick(
          isCity
            ? [`${place.full}委办公室、${place.full}人民政府办公室`, "云南省政协办公厅"]
            : [`${place.full}委办公室、${place.full}人民政府办公室`, "昭通市政协办公室"],
        )
      : null,
    instructedOn,
    instructionLeader: instructedOn
      ? rng.pick(
          isCity
            ? ["省政协领导", `${place.full}委主要领导`, `${place.full}人民政府分管领导`]
            : [`${place.full}委主要领导`, `${place.full}人民政府分管领导`, "市政协领导"],
        )
      : null,
    instruction: instructedOn
      ? rng.pick([
          "请有关部门认真研究办理。",
          "请相关部门高度重视, 抓好落实并反馈。",
          "所反映问题很具体, 请职能部门核实处理。",
        ])
      : null,
    declinedReason: r.status === OpinionReportStatus.DECLINED ? "内容与已编发信息重复, 未予采用" : null,
    version:
      1 +
      [compiledOn, forwardedOn, instructedOn].filter(Boolean).length +
      (r.status === OpinionReportStatus.DECLINED ? 1 : 0),
    createdAt: new Date(Date.parse(`${r.submittedOn}T10:00:00+08:00`)),
    updatedAt: new Date(Date.parse(`${instructedOn ?? forwardedOn ?? compiledOn ?? r.submittedOn}T16:00:00+08:00`)),
  });
}

function reportPool(rng: Random, plan: YearPlan, finished: boolean): OpinionReportStatus[] {
  const { collected, compiled, forwarded, instructed } = plan.reports;
  const R = OpinionReportStatus;
  const rest = collected - compiled;
  return rng.shuffle([
    ...Array<OpinionReportStatus>(instructed).fill(R.INSTRUCTED),
    ...Array<OpinionReportStatus>(forwarded - instructed).fill(R.FORWARDED),
    ...Array<OpinionReportStatus>(compiled - forwarded).fill(R.COMPILED),
    // A finished year has decided on every report; 2024 still has some waiting.
    ...Array<OpinionReportStatus>(finished ? rest : Math.ceil(rest / 2)).fill(R.DECLINED),
    ...Array<OpinionReportStatus>(finished ? 0 : Math.floor(rest / 2)).fill(R.SUBMITTED),
  ]);
}

function remainingReports(rows: Rows, rng: Random, cy: YearContext): void {
  const { year, register, place } = cy;
  const finished = year < 2024;
  const offices = [
    `政协${place.full}委员会社会和法制委员会`,
    `政协${place.full}委员会文化文史和学习委员会`,
    `${place.full}政协机关信息科`,
  ];
  while (cy.reportPool.length) {
    const status = cy.reportPool.shift()!;
    const submittedOn =
      !finished && status === OpinionReportStatus.SUBMITTED
        ? between(rng, `${year}-12-01`, `${year}-12-25`)
        : between(rng, `${year}-01-10`, finished ? `${year}-12-20` : `${year}-11-15`);
    const member = register.length && rng.chance(0.85) ? rng.pick(register) : null;
    const issue = rng.pick(OPINION_ISSUES);
    pushReport(rows, rng, cy, {
      id: ++rows.next.report,
      status,
      submittedOn,
      title: rng.pick(OPINION_FORMS).replace("{issue}", issue),
      body: `近期, ${place.full}部分群众反映${issue}。经了解, 该问题涉及面广, 群众关注度高。建议有关部门深入调查研究, 及时回应群众关切, 采取有效措施加以解决。`,
      submitter: member,
      submitterName: member?.name ?? rng.pick(offices),
      sourceProposalId: null,
    });
  }
}

/** What a driver takes for a parameter: UTC text for timestamps (as TypeORM writes them), 1/0 for booleans. */
function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("T", " ").replace("Z", "");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v ?? null;
}

/**
 * Multi-row INSERTs straight through the driver: TypeORM's entity insert costs more per
 * row than the database does, and the seed writes some 45,000 rows. Columns are those
 * the first row sets (the others take their defaults); names come from the entity metadata.
 */
async function insertRows(em: EntityManager, entity: Function, rows: ObjectLiteral[]): Promise<void> {
  if (!rows.length) return;
  const meta = em.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => rows[0][c.propertyName] !== undefined);
  const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
  const head = `INSERT INTO ${meta.tableName} (${columns.map((c) => c.databaseName).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await em.query(
      head + chunk.map(() => tuple).join(", "),
      chunk.flatMap((r) => columns.map((c) => sqlValue(r[c.propertyName]))),
    );
  }
}

/**
 * Demo data for 2023 and 2024 when the module's tables are empty: handling units for
 * every committee, proposals walked through the workflow with their events, opinion
 * reports. Deterministic; the city's 2023 figures are the source report's.
 */
export async function seedProposals({ ctx, dataSource, log }: SeedContext): Promise<void> {
  const em = dataSource.manager;
  if ((await em.count(Proposal)) > 0 || (await em.count(HandlingUnit)) > 0) return;
  const started = Date.now();
  const tree = await ctx.committees();
  const nodes = tree.all();
  const codes = nodes.map((n) => n.code);
  const registers = new Map<number, Map<string, MemberInfo[]>>();
  const actives = await Promise.all(YEARS.map((year) => ctx.runtime.members.activeIn(codes, `${year}-01-15`)));
  for (const [k, year] of YEARS.entries()) {
    const active = actives[k];
    const byCommittee = new Map(codes.map((c) => [c, [] as MemberInfo[]]));
    for (const m of [...active].sort((a, b) => Number(a.id) - Number(b.id))) {
      for (const c of m.committees) byCommittee.get(c)?.push(m);
    }
    registers.set(year, byCommittee);
  }

  const rows = new Rows();
  const rng = seededRandom(20240108);
  const unitsOf = new Map(nodes.map((n) => [n.code, buildUnits(rows, n, tree)]));
  for (const node of nodes) {
    // Magnitudes follow the committee's size against the city above it (the city itself: 1).
    const city = tree
      .path(node.code)
      .map((c) => tree.get(c)!)
      .find((c) => c.level === "CITY");
    const size = (code: string) => registers.get(2023)!.get(code)!.length;
    const isCity = node.level === "CITY";
    const ratio = isCity || !city || size(city.code) === 0 ? 1 : size(node.code) / size(city.code);
    for (const year of YEARS) {
      const plan = planYear(year, isCity, ratio, rng);
      const cy: YearContext = {
        node,
        place: placeOf(node),
        year,
        register: registers.get(year)!.get(node.code)!,
        units: unitsOf.get(node.code)!,
        plenaryStart: `${year}-01-${String(rng.int(3, 8)).padStart(2, "0")}`,
        staff: { role: "STAFF", subject: `staff:${node.code}`, memberId: null, unitId: null, committee: node.code },
        reportPool: reportPool(rng, plan, year < 2024),
      };
      generateYear(rows, rng, cy, plan);
      remainingReports(rows, rng, cy);
    }
  }

  await dataSource.transaction(async (tx) => {
    await insertRows(tx, HandlingUnit, rows.units);
    await insertRows(tx, Proposal, rows.proposals);
    await insertRows(tx, ProposalNumberCounter, rows.counters);
    await insertRows(tx, ProposalCoSigner, rows.coSigners);
    await insertRows(tx, ProposalAttachment, rows.attachments);
    await insertRows(tx, ProposalEvent, rows.events);
    await insertRows(tx, ProposalAssignment, rows.assignments);
    await insertRows(tx, ProposalReply, rows.replies);
    await insertRows(tx, OpinionReport, rows.reports);
    for (const m of rows.merges) await tx.update(Proposal, { id: m.id }, { mergedIntoId: m.into });
  });
  log(
    `seeded ${rows.units.length} handling units, ${rows.proposals.length} proposals (${rows.events.length} events), ${rows.reports.length} opinion reports in ${Date.now() - started} ms`,
  );
}
