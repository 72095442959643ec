import { databasesUnderTest, member, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { AssignmentRole, AssignmentStatus, ProposalAssignment } from "../assignment/assignment.entity";
import { ProposalReply, ReplyClass } from "../assignment/reply.entity";
import { OpinionReport, OpinionReportStatus } from "../opinion-report/opinion-report.entity";
import {
  Evaluation,
  Proposal,
  ProposalCategory,
  ProposalKind,
  ProposalStatus,
  ReviewDecision,
} from "../proposal/proposal.entity";
import { codeOf, ok, startProposalsSubgraph } from "../testing/fixtures";

/**
 * DOMAIN.md's definitions against a fixture counted by hand (2023 unless noted; units 1
 * and 2 are the city's, 4 zhenxiong's):
 *
 * zhaotong  P1 draft                       P7 assigned again after UNSATISFIED; round-1 lead reply D (unit 1)
 *           P2 submitted                   P8 replied: lead B (unit 2), assisting A (unit 1); key, excellent
 *           P3 not filed                   P9 closed: lead C then A (unit 1), SATISFIED; collective
 *           P4 merged                      P10 closed: lead D (unit 1), BASICALLY_SATISFIED; key
 *           P5 filed                       P11 closed by the office: lead A (unit 2), not evaluated
 *           P6 assigned to unit 1, due 2020-01-01, pending (overdue); key     P12 closed, but of 2024
 * zhenxiong Q1 closed: lead A (unit 4), SATISFIED;  Q2 submitted;  Q3 assigned to unit 4, due 2020-02-01, accepted
 * weixin    nothing
 * Categories: even ids EDUCATION, odd ids and P4, P5 HEALTH.
 */
const CITY = {
  received: 10,
  filed: 7,
  filingRate: 0.7,
  notFiled: 1,
  merged: 1,
  collective: 1,
  replied: 5,
  replyRate: 5 / 7,
  solvedOrBasicallySolved: 3,
  evaluated: 3,
  satisfied: 1,
  basicallySatisfied: 1,
  unsatisfied: 1,
  satisfactionRate: 2 / 3,
  keyProposals: 3,
  keyProposalsExcellent: 1,
  overdue: 1,
  closed: 3,
};
const ZHENXIONG = {
  received: 3,
  filed: 2,
  filingRate: 2 / 3,
  notFiled: 0,
  merged: 0,
  collective: 0,
  replied: 1,
  replyRate: 0.5,
  solvedOrBasicallySolved: 1,
  evaluated: 1,
  satisfied: 1,
  basicallySatisfied: 0,
  unsatisfied: 0,
  satisfactionRate: 1,
  keyProposals: 0,
  keyProposalsExcellent: 0,
  overdue: 1,
  closed: 1,
};
const FIELDS = Object.keys(CITY).join(" ");

async function insertFixture(sg: TestSubgraph): Promise<void> {
  const em = sg.databases.get("proposals")!.dataSource.manager;
  const S = ProposalStatus;
  const FILED = { reviewDecision: ReviewDecision.FILED };
  const proposal = (id: number, committeeCode: string, status: ProposalStatus, extra: Partial<Proposal> = {}) => ({
    id,
    committeeCode,
    year: 2023,
    term: null,
    session: null,
    serial: status === S.DRAFT ? null : id,
    title: `提案 ${id}`,
    body: "正文",
    category: id % 2 === 0 ? ProposalCategory.EDUCATION : ProposalCategory.HEALTH,
    kind: ProposalKind.MEMBER,
    leadMemberId: 1,
    status,
    handlingRound: 0,
    isKey: false,
    keyReplyExcellent: false,
    draftedBy: "member:1",
    version: 1,
    ...extra,
  });
  await em.insert(Proposal, [
    proposal(1, "zhaotong", S.DRAFT),
    proposal(2, "zhaotong", S.SUBMITTED),
    proposal(3, "zhaotong", S.NOT_FILED, { reviewDecision: ReviewDecision.NOT_FILED, notFiledReason: "个人诉求" }),
    proposal(4, "zhaotong", S.MERGED, { reviewDecision: ReviewDecision.MERGED, category: ProposalCategory.HEALTH }),
    proposal(5, "zhaotong", S.FILED, { ...FILED, category: ProposalCategory.HEALTH }),
    proposal(6, "zhaotong", S.ASSIGNED, { ...FILED, handlingRound: 1, isKey: true }),
    proposal(7, "zhaotong", S.ASSIGNED, { ...FILED, handlingRound: 2, evaluation: Evaluation.UNSATISFIED }),
    proposal(8, "zhaotong", S.REPLIED, { ...FILED, handlingRound: 1, isKey: true, keyReplyExcellent: true }),
    proposal(9, "zhaotong", S.CLOSED, {
      ...FILED,
      handlingRound: 2,
      evaluation: Evaluation.SATISFIED,
      kind: ProposalKind.COLLECTIVE,
      leadMemberId: null,
      collectiveProposer: "民盟昭通市委员会",
    }),
    proposal(10, "zhaotong", S.CLOSED, {
      ...FILED,
      handlingRound: 1,
      evaluation: Evaluation.BASICALLY_SATISFIED,
      isKey: true,
    }),
    proposal(11, "zhaotong", S.CLOSED, { ...FILED, handlingRound: 1 }),
    proposal(12, "zhaotong", S.CLOSED, { ...FILED, handlingRound: 1, year: 2024, evaluation: Evaluation.SATISFIED }),
    proposal(21, "zhenxiong", S.CLOSED, { ...FILED, handlingRound: 1, evaluation: Evaluation.SATISFIED }),
    proposal(22, "zhenxiong", S.SUBMITTED),
    proposal(23, "zhenxiong", S.ASSIGNED, { ...FILED, handlingRound: 1 }),
  ]);
  const L = AssignmentRole.LEAD;
  const assignment = (
    id: number,
    proposalId: number,
    unitId: number,
    round: number,
    status: AssignmentStatus,
    dueOn = "2099-01-01",
    role = L,
  ) => ({
    id,
    proposalId,
    unitId,
    role,
    round,
    status,
    assignedOn: "2023-03-01",
    dueOn,
  });
  const A = AssignmentStatus;
  await em.insert(ProposalAssignment, [
    assignment(1, 6, 1, 1, A.PENDING, "2020-01-01"),
    assignment(2, 7, 1, 1, A.REPLIED, "2020-01-01"),
    assignment(3, 7, 1, 2, A.ACCEPTED),
    assignment(4, 8, 2, 1, A.REPLIED),
    assignment(5, 8, 1, 1, A.REPLIED, "2099-01-01", AssignmentRole.ASSISTING),
    assignment(6, 9, 1, 1, A.REPLIED, "2020-01-01"),
    assignment(7, 9, 1, 2, A.REPLIED),
    assignment(8, 10, 1, 1, A.REPLIED),
    assignment(9, 11, 2, 1, A.REPLIED),
    assignment(10, 12, 1, 1, A.REPLIED),
    assignment(11, 21, 4, 1, A.REPLIED),
    assignment(12, 23, 4, 1, A.ACCEPTED, "2020-02-01"),
  ]);
  const reply = (
    assignmentId: number,
    proposalId: number,
    unitId: number,
    round: number,
    replyClass: ReplyClass,
    role = L,
  ) => ({
    proposalId,
    assignmentId,
    unitId,
    round,
    role,
    replyClass,
    body: "答复",
    repliedOn: "2023-06-01",
  });
  const C = ReplyClass;
  // In the order they were given: the latest lead reply is the one with the highest id.
  await em.insert(ProposalReply, [
    reply(2, 7, 1, 1, C.D),
    reply(5, 8, 1, 1, C.A, AssignmentRole.ASSISTING),
    reply(4, 8, 2, 1, C.B),
    reply(6, 9, 1, 1, C.C),
    reply(7, 9, 1, 2, C.A),
    reply(8, 10, 1, 1, C.D),
    reply(9, 11, 2, 1, C.A),
    reply(10, 12, 1, 1, C.A),
    reply(11, 21, 4, 1, C.A),
  ]);
  const R = OpinionReportStatus;
  const report = (committeeCode: string, submittedOn: string, status: OpinionReportStatus) => ({
    committeeCode,
    title: "社情民意",
    body: "正文",
    submittedOn,
    submitterName: "委员",
    status,
    compiledOn: [R.COMPILED, R.FORWARDED, R.INSTRUCTED].includes(status) ? submittedOn : null,
    forwardedOn: [R.FORWARDED, R.INSTRUCTED].includes(status) ? submittedOn : null,
    instructedOn: status === R.INSTRUCTED ? submittedOn : null,
    version: 1,
  });
  await em.insert(OpinionReport, [
    report("zhaotong", "2023-03-01", R.SUBMITTED),
    report("zhaotong", "2023-05-01", R.COMPILED),
    report("zhaotong", "2023-06-01", R.FORWARDED),
    report("zhaotong", "2023-07-01", R.INSTRUCTED),
    report("zhaotong", "2023-12-31", R.INSTRUCTED),
    report("zhaotong", "2024-01-01", R.COMPILED),
    report("zhaotong", "2022-12-31", R.INSTRUCTED),
    report("zhaotong", "2023-08-01", R.DECLINED),
    report("zhenxiong", "2023-04-01", R.INSTRUCTED),
    report("zhenxiong", "2023-09-01", R.SUBMITTED),
  ]);
}

describe.each(databasesUnderTest())("proposal and opinion-report figures ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
    await insertFixture(sg);
  });
  afterAll(() => sg?.stop());

  const figures = async (who = staff("zhaotong"), codes = ["zhaotong", "zhenxiong", "weixin"], args = "year: 2023") => {
    const r = await sg.query<{
      _entities: { code: string; proposalStats: Record<string, number>; opinionReportStats: Record<string, number> }[];
    }>(
      who,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Committee { code proposalStats(${args}) { ${FIELDS} } opinionReportStats(${args}) { collected compiled forwarded instructed } } } }`,
      { r: codes.map((code) => ({ __typename: "Committee", code })) },
    );
    return r;
  };

  it("counts each committee's own proposals and reports of the year", async () => {
    const r = await figures();
    expect(r.errors).toBeUndefined();
    const [city, zhenxiong, weixin] = r.data!._entities;
    expect(city.proposalStats).toEqual(CITY);
    expect(zhenxiong.proposalStats).toEqual(ZHENXIONG);
    expect(weixin.proposalStats).toMatchObject({
      received: 0,
      filingRate: null,
      replyRate: null,
      satisfactionRate: null,
    });
    expect(city.opinionReportStats).toEqual({ collected: 6, compiled: 4, forwarded: 3, instructed: 2 });
    expect(zhenxiong.opinionReportStats).toEqual({ collected: 2, compiled: 1, forwarded: 1, instructed: 1 });
    expect(weixin.opinionReportStats).toEqual({ collected: 0, compiled: 0, forwarded: 0, instructed: 0 });
  });

  it("adds the descendants when asked, recomputing the rates from the sums", async () => {
    const r = await figures(staff("zhaotong"), ["zhaotong"], "year: 2023, includeDescendants: true");
    const { proposalStats, opinionReportStats } = r.data!._entities[0];
    expect(proposalStats).toEqual({
      received: 13,
      filed: 9,
      filingRate: 9 / 13,
      notFiled: 1,
      merged: 1,
      collective: 1,
      replied: 6,
      replyRate: 6 / 9,
      solvedOrBasicallySolved: 4,
      evaluated: 4,
      satisfied: 2,
      basicallySatisfied: 1,
      unsatisfied: 1,
      satisfactionRate: 3 / 4,
      keyProposals: 3,
      keyProposalsExcellent: 1,
      overdue: 2,
      closed: 4,
    });
    expect(opinionReportStats).toEqual({ collected: 8, compiled: 5, forwarded: 4, instructed: 3 });
    const y2024 = await figures(staff("zhaotong"), ["zhaotong"], "year: 2024");
    expect(y2024.data!._entities[0].proposalStats).toMatchObject({ received: 1, replied: 1, satisfactionRate: 1 });
    expect(y2024.data!._entities[0].opinionReportStats).toMatchObject({ collected: 1, compiled: 1 });
  });

  it("breaks the city's figures down by category, reply class and handling unit", async () => {
    const r = await ok(
      sg,
      staff("zhaotong"),
      `{ _entities(representations: [{ __typename: "Committee", code: "zhaotong" }]) { ... on Committee { proposalStats(year: 2023) {
          byCategory { category received filed replied solvedOrBasicallySolved }
          byReplyClass { replyClass count }
          byHandlingUnit { unit { id } assigned replied replyRate solvedOrBasicallySolved evaluated satisfactionRate overdue } } } } }`,
    );
    const s = r._entities[0].proposalStats;
    expect(s.byCategory).toEqual([
      { category: "EDUCATION", received: 4, filed: 3, replied: 2, solvedOrBasicallySolved: 1 },
      { category: "HEALTH", received: 6, filed: 4, replied: 3, solvedOrBasicallySolved: 2 },
    ]);
    expect(s.byReplyClass).toEqual([
      { replyClass: "A", count: 2 },
      { replyClass: "B", count: 1 },
      { replyClass: "C", count: 0 },
      { replyClass: "D", count: 2 },
    ]);
    expect(s.byHandlingUnit).toEqual([
      {
        unit: { id: "1" },
        assigned: 4,
        replied: 3,
        replyRate: 3 / 4,
        solvedOrBasicallySolved: 1,
        evaluated: 3,
        satisfactionRate: 2 / 3,
        overdue: 1,
      },
      {
        unit: { id: "2" },
        assigned: 2,
        replied: 2,
        replyRate: 1,
        solvedOrBasicallySolved: 2,
        evaluated: 0,
        satisfactionRate: null,
        overdue: 0,
      },
    ]);
  });

  it("gives a county the same figures whoever asks, and refuses a sibling, a member and a unit", async () => {
    const own = await figures(staff("zhenxiong"), ["zhenxiong"]);
    expect(own.data!._entities[0].proposalStats).toEqual(ZHENXIONG);
    const sibling = await figures(staff("zhenxiong"), ["weixin"]);
    expect(codeOf(sibling.errors)).toBe("FORBIDDEN");
    expect(sibling.data!._entities[0].proposalStats).toBeNull();
    expect(codeOf((await figures(member(1), ["zhaotong"])).errors)).toBe("FORBIDDEN");
    expect(codeOf((await figures(unit(1), ["zhaotong"])).errors)).toBe("FORBIDDEN");
    const bad = await figures(staff("zhaotong"), ["zhaotong"], "year: 1800");
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });

  it("costs the same number of statements for one committee or many", async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Committee {
        proposalStats(year: 2023) { received byCategory { received } byReplyClass { count } byHandlingUnit { unit { name } assigned } }
        all: proposalStats(year: 2023, includeDescendants: true) { received }
        opinionReportStats(year: 2023) { collected } } } }`;
    const cost = async (codes: string[]) => {
      await sg.query(staff("zhaotong"), q, { r: codes.map((code) => ({ __typename: "Committee", code })) });
      const before = sg.statementCount();
      const r = await sg.query(staff("zhaotong"), q, { r: codes.map((code) => ({ __typename: "Committee", code })) });
      expect(r.errors).toBeUndefined();
      return sg.statementCount() - before;
    };
    const one = await cost(["zhaotong"]);
    const three = await cost(["zhaotong", "zhenxiong", "weixin"]);
    expect(three).toBe(one);
    expect(one).toBeLessThanOrEqual(7);
  });

  it("lists overdue assignments for the office in its scope and for the unit itself", async () => {
    const Q = `{ overdueAssignments(first: 20) { totalCount edges { node { unit { id } role dueOn overdue proposal { id } } } } }`;
    const city = await ok(sg, staff("zhaotong"), Q);
    expect(
      city.overdueAssignments.edges.map((e: { node: { proposal: { id: string } } }) => e.node.proposal.id),
    ).toEqual(["6", "23"]);
    const county = await ok(sg, staff("zhenxiong"), Q);
    expect(county.overdueAssignments.totalCount).toBe(1);
    expect((await ok(sg, staff("weixin"), Q)).overdueAssignments.totalCount).toBe(0);
    const u1 = await ok(sg, unit(1), Q);
    expect(u1.overdueAssignments.edges).toEqual([
      { node: { unit: { id: "1" }, role: "LEAD", dueOn: "2020-01-01", overdue: true, proposal: { id: "6" } } },
    ]);
    expect((await ok(sg, unit(2), Q)).overdueAssignments.totalCount).toBe(0);
    expect(codeOf((await sg.query(member(1), Q)).errors)).toBe("FORBIDDEN");
    expect(
      codeOf((await sg.query(staff("zhenxiong"), `{ overdueAssignments(committee: "weixin") { totalCount } }`)).errors),
    ).toBe("FORBIDDEN");
  });
});
