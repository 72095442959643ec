import { SYSTEM, type Identity } from "@tongxin/sdk";
import { databasesUnderTest, member, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { codeOf, ok, startProposalsSubgraph } from "../testing/fixtures";
import { draftInput, M, proposalAt, type Stage } from "../testing/steps";
import { AssignmentStatus } from "../assignment/assignment.entity";
import { ProposalAction, ProposalEvent } from "./proposal-event.entity";
import { Proposal, ProposalStatus } from "./proposal.entity";
import { ASSIGNMENT_WORKFLOW, Guard, PROPOSAL_WORKFLOW } from "./proposal.workflow";

const A = ProposalAction;

interface Attempt {
  name: string;
  who: Identity;
  query: string;
  vars: Record<string, unknown>;
  /** The step taken; the stages it is allowed from are read from the workflow tables. */
  action: ProposalAction;
  /** For a unit's step: the guard that picks the unit's own assignment row. */
  unitStep?: string;
  /** Stages in which this actor cannot see the proposal at all. */
  hiddenIn?: Stage[];
}

const ATTEMPTS: Attempt[] = [
  { name: "submit", who: member(1), query: M.submit, vars: {}, action: A.SUBMIT },
  {
    name: "file",
    who: staff("zhaotong"),
    query: M.review,
    vars: { i: { decision: "FILED" } },
    action: A.FILE,
    hiddenIn: ["DRAFT"],
  },
  {
    name: "convert",
    who: staff("zhaotong"),
    query: M.convert,
    vars: {},
    action: A.CONVERT,
    hiddenIn: ["DRAFT"],
  },
  {
    name: "assign",
    who: staff("zhaotong"),
    query: M.assign,
    vars: { i: { leadUnitId: "2" } },
    action: A.ASSIGN,
    hiddenIn: ["DRAFT"],
  },
  {
    name: "markKey",
    who: staff("zhaotong"),
    query: M.markKey,
    vars: { i: { supervisingLeader: "市政协副主席" } },
    action: A.MARK_KEY,
    hiddenIn: ["DRAFT"],
  },
  {
    name: "accept",
    who: unit(1),
    query: M.accept,
    vars: {},
    action: A.ACCEPT,
    hiddenIn: ["DRAFT", "SUBMITTED", "NOT_FILED", "MERGED", "FILED"],
  },
  {
    name: "return",
    who: unit(1),
    query: M.giveBack,
    vars: { r: "不属于本单位职责" },
    action: A.RETURN,
    unitStep: Guard.OWN,
    hiddenIn: ["DRAFT", "SUBMITTED", "NOT_FILED", "MERGED", "FILED"],
  },
  {
    name: "reply",
    who: unit(1),
    query: M.reply,
    vars: { i: { replyClass: "B", body: "正在解决。" } },
    action: A.REPLY,
    hiddenIn: ["DRAFT", "SUBMITTED", "NOT_FILED", "MERGED", "FILED"],
  },
  {
    name: "evaluate",
    who: member(1),
    query: M.evaluate,
    vars: { i: { evaluation: "SATISFIED" } },
    action: A.EVALUATE,
  },
  {
    name: "close",
    who: staff("zhaotong"),
    query: M.close,
    vars: {},
    action: A.CLOSE,
    hiddenIn: ["DRAFT"],
  },
];
const STAGES: Stage[] = [
  "DRAFT",
  "SUBMITTED",
  "NOT_FILED",
  "MERGED",
  "FILED",
  "PENDING",
  "ACCEPTED",
  "REPLIED",
  "CLOSED",
];

/** Where each stage stands: the proposal's status and unit 1's assignment, if any. */
const STANDING: Record<Stage, [ProposalStatus, AssignmentStatus | null]> = {
  DRAFT: [ProposalStatus.DRAFT, null],
  SUBMITTED: [ProposalStatus.SUBMITTED, null],
  NOT_FILED: [ProposalStatus.NOT_FILED, null],
  MERGED: [ProposalStatus.MERGED, null],
  FILED: [ProposalStatus.FILED, null],
  PENDING: [ProposalStatus.ASSIGNED, AssignmentStatus.PENDING],
  ACCEPTED: [ProposalStatus.ASSIGNED, AssignmentStatus.ACCEPTED],
  REPLIED: [ProposalStatus.REPLIED, AssignmentStatus.REPLIED],
  CLOSED: [ProposalStatus.CLOSED, AssignmentStatus.REPLIED],
};

/** The tables' answer: the proposal's step is listed, and so is the unit's, for a step that moves one. */
function allowed(a: Attempt, stage: Stage): boolean {
  const [status, assignment] = STANDING[stage];
  if (!PROPOSAL_WORKFLOW.allows(status, a.action)) return false;
  const unitFrom = ASSIGNMENT_WORKFLOW.from(a.action, a.unitStep);
  return unitFrom.length === 0 || (assignment !== null && unitFrom.includes(assignment));
}

describe.each(databasesUnderTest())("proposal rules ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
  });
  afterAll(() => sg?.stop());
  const em = () => sg.databases.get("proposals")!.dataSource.manager;
  const snapshot = async () => ({
    proposals: await em().find(Proposal, { order: { id: "ASC" } }),
    events: await em().count(ProposalEvent),
  });

  it("refuses every transition from a wrong state with INVALID_TRANSITION and changes nothing", async () => {
    const at = new Map<Stage, string>();
    for (const stage of STAGES) at.set(stage, await proposalAt(sg, stage));
    const before = await snapshot();
    const answers: string[] = [];
    for (const a of ATTEMPTS) {
      for (const stage of STAGES) {
        if (allowed(a, stage)) continue;
        const r = await sg.query(a.who, a.query, { id: at.get(stage), ...a.vars });
        const expected = a.hiddenIn?.includes(stage) ? "NOT_FOUND" : "INVALID_TRANSITION";
        answers.push(`${a.name} from ${stage}: ${codeOf(r.errors)}`);
        expect(`${a.name} from ${stage}: ${codeOf(r.errors)}`).toBe(`${a.name} from ${stage}: ${expected}`);
      }
    }
    expect(answers.length).toBeGreaterThan(60);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses the right step from the wrong actor, and changes nothing", async () => {
    const draft = (await ok(sg, member(1), M.draft, { i: draftInput({ coSignerIds: ["2"] }) })).draftProposal.id;
    const replied = await proposalAt(sg, "REPLIED");
    const pending = await proposalAt(sg, "PENDING");
    const submitted = await proposalAt(sg, "SUBMITTED");
    const before = await snapshot();
    const cases: [string, Identity, string, Record<string, unknown>, string][] = [
      ["co-signer submits", member(2), M.submit, { id: draft }, "FORBIDDEN"],
      ["uninvited member co-signs", member(3), M.coSign, { id: draft }, "NOT_FOUND"],
      ["lead co-signs own proposal", member(1), M.coSign, { id: draft }, "FORBIDDEN"],
      ["office submits a member's draft", staff("zhaotong"), M.submit, { id: draft }, "NOT_FOUND"],
      ["member files", member(1), M.review, { id: submitted, i: { decision: "FILED" } }, "FORBIDDEN"],
      ["unit files", unit(1), M.review, { id: submitted, i: { decision: "FILED" } }, "FORBIDDEN"],
      ["office accepts for a unit", staff("zhaotong"), M.accept, { id: pending }, "FORBIDDEN"],
      ["unassigned unit accepts", unit(2), M.accept, { id: pending }, "NOT_FOUND"],
      [
        "office evaluates a member's reply",
        staff("zhaotong"),
        M.evaluate,
        { id: replied, i: { evaluation: "SATISFIED" } },
        "FORBIDDEN",
      ],
      ["other member evaluates", member(2), M.evaluate, { id: replied, i: { evaluation: "SATISFIED" } }, "NOT_FOUND"],
      ["unit evaluates", unit(1), M.evaluate, { id: replied, i: { evaluation: "SATISFIED" } }, "FORBIDDEN"],
      ["member closes", member(1), M.close, { id: replied }, "FORBIDDEN"],
    ];
    for (const [name, who, query, vars, code] of cases) {
      const r = await sg.query(who, query, vars);
      expect(`${name}: ${codeOf(r.errors)}`).toBe(`${name}: ${code}`);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses every cross-committee attempt", async () => {
    const city = await proposalAt(sg, "SUBMITTED");
    const cityFiled = await proposalAt(sg, "FILED");
    const county = await proposalAt(sg, "SUBMITTED", member(4));
    const countyNotFiled = await proposalAt(sg, "SUBMITTED", member(4));
    await ok(sg, staff("zhenxiong"), M.review, {
      id: countyNotFiled,
      i: { decision: "NOT_FILED", reason: "个人诉求" },
    });
    const before = await snapshot();
    const cases: [string, Identity, string, Record<string, unknown>, string, string?][] = [
      [
        "county office files a city proposal",
        staff("zhenxiong"),
        M.review,
        { id: city, i: { decision: "FILED" } },
        "NOT_FOUND",
      ],
      [
        "city office files a county proposal",
        staff("zhaotong"),
        M.review,
        { id: county, i: { decision: "FILED" } },
        "FORBIDDEN",
      ],
      ["sibling county office files", staff("weixin"), M.review, { id: county, i: { decision: "FILED" } }, "NOT_FOUND"],
      ["city office converts a county proposal", staff("zhaotong"), M.convert, { id: countyNotFiled }, "FORBIDDEN"],
      [
        "merge into another committee's proposal",
        staff("zhaotong"),
        M.review,
        { id: city, i: { decision: "MERGED", mergedIntoId: county } },
        "BAD_USER_INPUT",
        "input.mergedIntoId",
      ],
      [
        "assign a county unit to a city proposal",
        staff("zhaotong"),
        M.assign,
        { id: cityFiled, i: { leadUnitId: "4" } },
        "BAD_USER_INPUT",
        "input.leadUnitId",
      ],
      [
        "assist with a county unit",
        staff("zhaotong"),
        M.assign,
        { id: cityFiled, i: { leadUnitId: "1", assistingUnitIds: ["6"] } },
        "BAD_USER_INPUT",
        "input.assistingUnitIds[0]",
      ],
      ["county unit accepts a city proposal", unit(4), M.accept, { id: cityFiled }, "NOT_FOUND"],
      [
        "county member evaluates a city proposal",
        member(4),
        M.evaluate,
        { id: city, i: { evaluation: "SATISFIED" } },
        "NOT_FOUND",
      ],
      [
        "county member drafts for the city",
        member(4),
        M.draft,
        { i: draftInput({ committee: "zhaotong" }) },
        "FORBIDDEN",
      ],
      [
        "city member invites a county member",
        member(1),
        M.draft,
        { i: draftInput({ coSignerIds: ["4"] }) },
        "BAD_USER_INPUT",
        "input.coSignerIds[0]",
      ],
      [
        "county office drafts for the city",
        staff("zhenxiong"),
        M.draft,
        { i: draftInput({ committee: "zhaotong", collectiveProposer: "民盟", collectiveProposerType: "PARTY" }) },
        "FORBIDDEN",
      ],
      [
        "county office adds a city handling unit",
        staff("zhenxiong"),
        `mutation { createHandlingUnit(input: { committee: "zhaotong", name: "昭通市新局" }) { id } }`,
        {},
        "FORBIDDEN",
      ],
    ];
    for (const [name, who, query, vars, code, field] of cases) {
      const r = await sg.query(who, query, vars);
      expect(`${name}: ${codeOf(r.errors)}`).toBe(`${name}: ${code}`);
      if (field) expect(`${name}: ${r.errors![0].extensions!.field}`).toBe(`${name}: ${field}`);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("names the offending field of bad input, in both languages, and writes nothing", async () => {
    const filed = await proposalAt(sg, "FILED");
    const submitted = await proposalAt(sg, "SUBMITTED");
    const accepted = await proposalAt(sg, "ACCEPTED");
    const replied = await proposalAt(sg, "REPLIED");
    const pending = await proposalAt(sg, "PENDING");
    const before = await snapshot();
    const later = (months: number) => {
      const d = new Date();
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString().slice(0, 10);
    };
    const cases: [Identity, string, Record<string, unknown>, string][] = [
      [member(1), M.draft, { i: draftInput({ title: "   " }) }, "input.title"],
      [member(1), M.draft, { i: draftInput({ body: "" }) }, "input.body"],
      [member(1), M.draft, { i: draftInput({ year: 1999 }) }, "input.year"],
      [
        member(1),
        M.draft,
        { i: draftInput({ coSignerIds: ["2"], coSignDeadline: "2024-13-01" }) },
        "input.coSignDeadline",
      ],
      [member(1), M.draft, { i: draftInput({ coSignerIds: ["2", "2"] }) }, "input.coSignerIds[1]"],
      [member(1), M.draft, { i: draftInput({ coSignerIds: ["1"] }) }, "input.coSignerIds[0]"],
      [member(1), M.draft, { i: draftInput({ coSignerIds: ["x"] }) }, "input.coSignerIds[0]"],
      [member(1), M.draft, { i: draftInput({ collectiveProposer: "民盟" }) }, "input.collectiveProposer"],
      [
        member(1),
        M.draft,
        { i: draftInput({ attachments: [{ fileName: "a.pdf", mimeType: "pdf", sizeBytes: 10 }] }) },
        "input.attachments[0].mimeType",
      ],
      [
        member(1),
        M.draft,
        { i: draftInput({ attachments: [{ fileName: "a.pdf", mimeType: "application/pdf", sizeBytes: 0 }] }) },
        "input.attachments[0].sizeBytes",
      ],
      [member(7), M.draft, { i: draftInput() }, "input.committee"],
      [
        staff("zhaotong"),
        M.draft,
        { i: draftInput({ collectiveProposer: "民盟昭通市委员会" }) },
        "input.collectiveProposerType",
      ],
      [staff("zhaotong"), M.draft, { i: draftInput({ collectiveProposerType: "PARTY" }) }, "input.collectiveProposer"],
      [staff("zhaotong"), M.review, { id: submitted, i: { decision: "NOT_FILED" } }, "input.reason"],
      [staff("zhaotong"), M.review, { id: submitted, i: { decision: "MERGED" } }, "input.mergedIntoId"],
      [
        staff("zhaotong"),
        M.review,
        { id: submitted, i: { decision: "MERGED", mergedIntoId: submitted } },
        "input.mergedIntoId",
      ],
      [
        staff("zhaotong"),
        M.review,
        { id: submitted, i: { decision: "FILED", mergedIntoId: filed } },
        "input.mergedIntoId",
      ],
      [staff("zhaotong"), M.assign, { id: filed, i: { leadUnitId: "1", dueOn: "2020-01-01" } }, "input.dueOn"],
      [staff("zhaotong"), M.assign, { id: filed, i: { leadUnitId: "1", dueOn: later(7) } }, "input.dueOn"],
      [
        staff("zhaotong"),
        M.assign,
        { id: filed, i: { leadUnitId: "1", assistingUnitIds: ["1"] } },
        "input.assistingUnitIds[0]",
      ],
      [staff("zhaotong"), M.assign, { id: filed, i: { leadUnitId: "3" } }, "input.leadUnitId"],
      [staff("zhaotong"), M.assign, { id: filed, i: { leadUnitId: "999" } }, "input.leadUnitId"],
      [staff("zhaotong"), M.markKey, { id: filed, i: { supervisingLeader: " " } }, "input.supervisingLeader"],
      [unit(1), M.reply, { id: accepted, i: { replyClass: "A", body: "  " } }, "input.body"],
      [unit(1), M.giveBack, { id: pending, r: "" }, "reason"],
      [member(1), M.evaluate, { id: replied, i: { evaluation: "UNSATISFIED" } }, "input.note"],
      [SYSTEM, `query { proposals(first: 101) { totalCount } }`, {}, "first"],
      [SYSTEM, `query { proposals(committee: "nowhere") { totalCount } }`, {}, "committee"],
    ];
    for (const [who, query, vars, field] of cases) {
      const r = await sg.query(who, query, vars);
      expect(`${field}: ${codeOf(r.errors)} ${r.errors?.[0].extensions?.field}`).toBe(
        `${field}: BAD_USER_INPUT ${field}`,
      );
      expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("keeps drafts private to their drafters, and shows units only what was assigned to them", async () => {
    const draft = (await ok(sg, member(1), M.draft, { i: draftInput({ coSignerIds: ["3"] }) })).draftProposal.id;
    const see = async (who: Identity, id: string) =>
      codeOf((await sg.query(who, `query($id: ID!) { proposal(id: $id) { id } }`, { id })).errors) ?? "ok";
    expect(await see(member(1), draft)).toBe("ok");
    expect(await see(member(3), draft)).toBe("ok");
    expect(await see(member(2), draft)).toBe("NOT_FOUND");
    expect(await see(staff("zhaotong"), draft)).toBe("NOT_FOUND");
    expect(await see(unit(1), draft)).toBe("NOT_FOUND");

    const collective = (
      await ok(sg, staff("zhenxiong"), M.draft, {
        i: draftInput({ collectiveProposer: "镇雄县工商业联合会", collectiveProposerType: "ORGANISATION" }),
      })
    ).draftProposal.id;
    expect(await see(staff("zhenxiong"), collective)).toBe("ok");
    expect(await see(staff("zhaotong"), collective)).toBe("NOT_FOUND");
    await ok(sg, staff("zhenxiong"), M.submit, { id: collective });
    expect(await see(staff("zhaotong"), collective)).toBe("ok");
    expect(await see(staff("weixin"), collective)).toBe("NOT_FOUND");

    const assigned = await proposalAt(sg, "PENDING");
    const other = await proposalAt(sg, "FILED");
    expect(await see(unit(1), assigned)).toBe("ok");
    expect(await see(unit(1), other)).toBe("NOT_FOUND");
    expect(await see(unit(2), assigned)).toBe("NOT_FOUND");
    const list = await ok(sg, unit(1), `{ proposals(first: 100) { totalCount edges { node { id } } } }`);
    const ids = list.proposals.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(assigned);
    expect(ids).not.toContain(other);
    const assignedToUnit1 = await em()
      .createQueryBuilder(Proposal, "p")
      .where("EXISTS (SELECT 1 FROM proposal_assignment a WHERE a.proposal_id = p.id AND a.unit_id = 1)")
      .getCount();
    expect(list.proposals.totalCount).toBe(assignedToUnit1);
    expect(codeOf((await sg.query(unit(1), `{ opinionReports { totalCount } }`)).errors)).toBe("FORBIDDEN");

    const mine = await ok(sg, member(3), `{ proposals(first: 100) { totalCount } }`);
    expect(mine.proposals.totalCount).toBe(1);
    const byRole = await ok(
      sg,
      member(3),
      `query($m: [_Any!]!) { _entities(representations: $m) { ... on Member { lead: proposals(role: LEAD) { id } cosigned: proposals(role: COSIGNER) { id } } } }`,
      {
        m: [
          { __typename: "Member", id: "1" },
          { __typename: "Member", id: "3" },
        ],
      },
    );
    // Member 3 sees of member 1's proposals only the one they were invited to co-sign.
    expect(byRole._entities).toEqual([
      { lead: [{ id: draft }], cosigned: [] },
      { lead: [], cosigned: [{ id: draft }] },
    ]);
  });
});
