import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import type { Stack } from "@tongxin/infra";
import { codeOf, seededStack } from "./helpers";

/** DOMAIN.md's 2023 figures for the city committee, which the demo data is calibrated on. */
const CITY_2023 = { received: 225, filed: 221, replied: 221, solvedOrBasicallySolved: 205, keyProposalsExcellent: 10 };
const REPORTS_2023 = { collected: 281, compiled: 239, instructed: 179 };
const COUNTS = [
  "received",
  "filed",
  "replied",
  "solvedOrBasicallySolved",
  "evaluated",
  "keyProposals",
  "keyProposalsExcellent",
  "overdue",
] as const;
const FIGURES = `proposalStats(year: 2023) { ${COUNTS.join(" ")} filingRate replyRate satisfactionRate }
  opinionReportStats(year: 2023) { collected compiled instructed }`;

type Figures = Record<(typeof COUNTS)[number], number> & Record<string, number | null>;
type Reports = { collected: number; compiled: number; instructed: number };
interface CommitteeFigures {
  code: string;
  proposalStats: Figures;
  opinionReportStats: Reports;
}

describe.each(databasesUnderTest())("proposals through the gateway ($kind)", (db) => {
  let stack: Stack;
  let cityStaff: string;

  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    cityStaff = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  const ask = async <T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const r = await stack.query<T>(token, query, variables);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!;
  };

  it("returns the city and its eleven counties with their figures in one query, the city's total adding up", async () => {
    const r = await ask<{
      committee: CommitteeFigures & {
        all: { proposalStats: Figures; opinionReportStats: Reports };
        children: CommitteeFigures[];
      };
    }>(
      cityStaff,
      `{ committee(code: "zhaotong") { code ${FIGURES}
          all: proposalStats(year: 2023, includeDescendants: true) { ${COUNTS.join(" ")} }
          allReports: opinionReportStats(year: 2023, includeDescendants: true) { collected compiled instructed }
          children { code ${FIGURES} } } }`,
    );
    const city = r.committee as unknown as CommitteeFigures & {
      all: Figures;
      allReports: Reports;
      children: CommitteeFigures[];
    };
    expect(city.children).toHaveLength(11);
    for (const key of COUNTS) {
      const counties = city.children.reduce((n, c) => n + c.proposalStats[key], 0);
      expect(`${key} ${city.all[key]}`).toBe(`${key} ${city.proposalStats[key] + counties}`);
    }
    for (const key of ["collected", "compiled", "instructed"] as const) {
      const counties = city.children.reduce((n, c) => n + c.opinionReportStats[key], 0);
      expect(city.allReports[key]).toBe(city.opinionReportStats[key] + counties);
    }
    for (const c of city.children) {
      expect(c.proposalStats.received).toBeGreaterThan(50);
      expect(c.proposalStats.filingRate).toBeGreaterThan(0.9);
      expect(c.opinionReportStats.collected).toBeGreaterThan(c.opinionReportStats.compiled);
    }
    // A county's figure is the same number whoever asks for it.
    const own = await ask<{ committee: CommitteeFigures }>(
      stack.token({ role: "STAFF", committee: "zhenxiong" }),
      `{ committee(code: "zhenxiong") { code ${FIGURES} } }`,
    );
    expect(own.committee).toEqual(city.children.find((c) => c.code === "zhenxiong"));
  });

  it("gives the city the 2023 figures of the source report", async () => {
    const r = await ask<{ committee: CommitteeFigures }>(
      cityStaff,
      `{ committee(code: "zhaotong") { code ${FIGURES} } }`,
    );
    expect(r.committee.proposalStats).toMatchObject({ ...CITY_2023, replyRate: 1, filingRate: 221 / 225 });
    expect(r.committee.opinionReportStats).toEqual(REPORTS_2023);
    const county = await stack.query(
      stack.token({ role: "STAFF", committee: "yiliang" }),
      `{ committee(code: "zhaotong") { proposalStats(year: 2023) { received } } }`,
    );
    expect(codeOf(county.errors)).toBe("FORBIDDEN");
  });

  it("walks a proposal from DRAFT to CLOSED with four tokens, and the timeline lists each step", async () => {
    const people = await ask<{ members: { edges: { node: { id: string } }[] } }>(
      cityStaff,
      `{ members(committee: "zhaotong", status: ACTIVE, first: 2) { edges { node { id } } } }`,
    );
    const [lead, coSigner] = people.members.edges.map((e) => e.node.id);
    const units = await ask<{ handlingUnits: { id: string; name: string }[] }>(
      cityStaff,
      `{ handlingUnits(committee: "zhaotong") { id name } }`,
    );
    const handler = units.handlingUnits[0];
    const leadToken = stack.token({ role: "MEMBER", member: lead });
    const coSignerToken = stack.token({ role: "MEMBER", member: coSigner });
    const unitToken = stack.token({ role: "UNIT", unit: handler.id });

    const drafted = await ask<{ draftProposal: { id: string; status: string } }>(
      leadToken,
      `mutation($i: DraftProposalInput!) { draftProposal(input: $i) { id status } }`,
      {
        i: {
          committee: "zhaotong",
          title: "关于以人为本提质增效全面推动昭通学前教育高质量发展的建议",
          body: "建议扩大普惠性学前教育资源, 加强乡村幼儿园教师队伍建设。",
          category: "EDUCATION",
          coSignerIds: [coSigner],
        },
      },
    );
    const id = drafted.draftProposal.id;
    const run = (token: string, mutation: string, variables: Record<string, unknown> = {}) =>
      ask(token, mutation, { id, ...variables });
    await run(coSignerToken, `mutation($id: ID!) { coSignProposal(id: $id) { id } }`);
    await run(leadToken, `mutation($id: ID!) { submitProposal(id: $id) { id } }`);
    await run(cityStaff, `mutation($id: ID!) { reviewProposal(id: $id, input: { decision: FILED }) { id } }`);
    await run(cityStaff, `mutation($id: ID!, $u: ID!) { assignProposal(id: $id, input: { leadUnitId: $u }) { id } }`, {
      u: handler.id,
    });
    await run(unitToken, `mutation($id: ID!) { acceptAssignment(id: $id) { id } }`);
    await run(
      unitToken,
      `mutation($id: ID!) { replyToProposal(id: $id, input: { replyClass: A, body: "已采纳并列入年度计划。" }) { id } }`,
    );
    await run(leadToken, `mutation($id: ID!) { evaluateReply(id: $id, input: { evaluation: SATISFIED }) { id } }`);

    const seen = await ask<{
      proposal: {
        status: string;
        number: string;
        leadProposer: { id: string; name: string };
        committee: { name: string };
        timeline: {
          action: string;
          to: string;
          actorRole: string;
          actorMember: { id: string } | null;
          actorUnit: { name: string } | null;
        }[];
      };
    }>(
      leadToken,
      `query($id: ID!) { proposal(id: $id) { status number leadProposer { id name } committee { name }
          timeline { action to actorRole actorMember { id } actorUnit { name } } } }`,
      { id },
    );
    expect(seen.proposal).toMatchObject({
      status: "CLOSED",
      leadProposer: { id: lead },
      committee: { name: "昭通市政协" },
    });
    expect(seen.proposal.number).toMatch(/^\d{4}-\d{3}$/);
    expect(seen.proposal.timeline.map((e) => `${e.action}>${e.to} by ${e.actorRole}`)).toEqual([
      "DRAFT>DRAFT by MEMBER",
      "INVITE_COSIGNERS>DRAFT by MEMBER",
      "COSIGN>DRAFT by MEMBER",
      "SUBMIT>SUBMITTED by MEMBER",
      "FILE>FILED by STAFF",
      "ASSIGN>ASSIGNED by STAFF",
      "ACCEPT>ASSIGNED by UNIT",
      "REPLY>REPLIED by UNIT",
      "EVALUATE>CLOSED by MEMBER",
    ]);
    expect(seen.proposal.timeline[2].actorMember).toEqual({ id: coSigner });
    expect(seen.proposal.timeline[7].actorUnit).toEqual({ name: handler.name });
  });

  it("does not let a handling unit see a proposal that was not assigned to it", async () => {
    const units = await ask<{ handlingUnits: { id: string }[] }>(
      cityStaff,
      `{ handlingUnits(committee: "zhaotong") { id } }`,
    );
    const unitId = units.handlingUnits[1].id;
    const token = stack.token({ role: "UNIT", unit: unitId });
    const page = await ask<{
      proposals: { edges: { node: { id: string; assignments: { unit: { id: string } }[] } }[] };
    }>(
      cityStaff,
      `{ proposals(committee: "zhaotong", year: 2023, first: 100) { edges { node { id assignments { unit { id } } } } } }`,
    );
    const foreign = page.proposals.edges.find((e) => !e.node.assignments.some((a) => a.unit.id === unitId))!.node.id;
    const hidden = await stack.query<{ proposal: unknown }>(
      token,
      `query($id: ID!) { proposal(id: $id) { id title } }`,
      {
        id: foreign,
      },
    );
    expect(codeOf(hidden.errors)).toBe("NOT_FOUND");
    expect(hidden.data?.proposal ?? null).toBeNull();
    const own = await ask<{
      proposals: { totalCount: number; edges: { node: { id: string; assignments: { unit: { id: string } }[] } }[] };
    }>(token, `{ proposals(first: 100) { totalCount edges { node { id assignments { unit { id } } } } } }`);
    expect(own.proposals.totalCount).toBeGreaterThan(0);
    expect(own.proposals.edges.map((e) => e.node.id)).not.toContain(foreign);
    for (const e of own.proposals.edges) expect(e.node.assignments.map((a) => a.unit.id)).toContain(unitId);
  });

  it("reads a page of proposals with proposers, co-signers and committee in a constant number of statements", async () => {
    const q = `query($n: Int) { proposals(committee: "zhaotong", year: 2023, first: $n) { edges { node {
        id number title leadProposer { id name } coSigners { status member { id name } } committee { code name } } } } }`;
    const cost = async (n: number) => {
      await stack.query(cityStaff, q, { n }); // warm the committee tree before measuring
      const before = stack.statementCount();
      const r = await ask<{ proposals: { edges: { node: { coSigners: unknown[] } }[] } }>(cityStaff, q, { n });
      expect(r.proposals.edges).toHaveLength(n);
      return {
        statements: stack.statementCount() - before,
        coSigners: r.proposals.edges.flatMap((e) => e.node.coSigners).length,
      };
    };
    const small = await cost(5);
    const large = await cost(50);
    expect(large.coSigners).toBeGreaterThan(small.coSigners);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(6);
  });
});
