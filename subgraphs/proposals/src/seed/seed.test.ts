import { SYSTEM } from "@tongxin/sdk";
import { databasesUnderTest, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { proposalsModule } from "../index";
import { ProposalEvent } from "../proposal/proposal-event.entity";
import { PROPOSAL_WORKFLOW } from "../proposal/proposal.workflow";
import { Proposal, ProposalStatus } from "../proposal/proposal.entity";
import { ProposalNumberCounter } from "../proposal/number-counter.entity";
import { OpinionReport } from "../opinion-report/opinion-report.entity";
import { ok, startProposalsSubgraph } from "../testing/fixtures";
import { CITY_2023 } from "./plan";

async function seed(sg: TestSubgraph): Promise<number> {
  const started = Date.now();
  await proposalsModule.seed!({
    ctx: sg.systemContext(),
    dataSource: sg.databases.get("proposals")!.dataSource,
    log: () => undefined,
  });
  return Date.now() - started;
}

describe.each(databasesUnderTest())("demo data ($kind)", (db) => {
  let sg: TestSubgraph;
  let took: number;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl(), { units: false });
    took = await seed(sg);
  });
  afterAll(() => sg?.stop());
  const em = () => sg.databases.get("proposals")!.dataSource.manager;

  it("gives the city the source report's 2023 figures", async () => {
    const r = await ok(
      sg,
      staff("zhaotong"),
      `{ committee: _entities(representations: [{ __typename: "Committee", code: "zhaotong" }]) { ... on Committee {
          proposalStats(year: 2023) { received filed replied replyRate solvedOrBasicallySolved keyProposals keyProposalsExcellent collective overdue }
          opinionReportStats(year: 2023) { collected compiled instructed } } } }`,
    );
    const [city] = r.committee;
    expect(city.proposalStats).toEqual({
      received: CITY_2023.received,
      filed: CITY_2023.filed,
      replied: CITY_2023.filed,
      replyRate: 1,
      solvedOrBasicallySolved: CITY_2023.solvedOrBasicallySolved,
      keyProposals: CITY_2023.keyProposals,
      keyProposalsExcellent: CITY_2023.keyProposalsExcellent,
      collective: CITY_2023.collective,
      overdue: 0,
    });
    expect(city.opinionReportStats).toEqual({
      collected: CITY_2023.reportsCollected,
      compiled: CITY_2023.reportsCompiled,
      instructed: CITY_2023.reportsInstructed,
    });
  });

  it("spreads 2024 over every state of the workflow, in every committee", async () => {
    for (const committee of ["zhaotong", "zhenxiong", "weixin"]) {
      for (const status of Object.values(ProposalStatus)) {
        const n = await em().countBy(Proposal, { committeeCode: committee, year: 2024, status });
        expect({ committee, status, some: n > 0 }).toEqual({ committee, status, some: true });
      }
    }
  });

  it("keeps every proposal consistent with its own timeline and numbers", async () => {
    const proposals = await em().find(Proposal, { order: { id: "ASC" } });
    const events = await em().find(ProposalEvent, { order: { id: "ASC" } });
    const last = new Map<number, ProposalEvent>();
    const previousAt = new Map<number, number>();
    for (const e of events) {
      expect(e.at.getTime()).toBeGreaterThan(previousAt.get(e.proposalId) ?? 0);
      previousAt.set(e.proposalId, e.at.getTime());
      const before = last.get(e.proposalId);
      if (before) expect(e.from).toBe(before.to);
      last.set(e.proposalId, e);
    }
    for (const p of proposals) expect(last.get(p.id)!.to).toBe(p.status);
    const counters = await em().find(ProposalNumberCounter);
    for (const c of counters) {
      const serials = proposals
        .filter((p) => p.committeeCode === c.committeeCode && p.year === c.year && p.serial !== null)
        .map((p) => p.serial!)
        .sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: c.lastSerial }, (_, i) => i + 1));
    }
    expect(proposals.filter((p) => p.status === ProposalStatus.DRAFT).every((p) => p.serial === null)).toBe(true);
  });

  it("walks only steps of the workflow table, each by a role its row names", async () => {
    const events = await em().find(ProposalEvent);
    const strays = events
      .filter((e) => {
        const row = PROPOSAL_WORKFLOW.transitions.find(
          (t) => t.from === e.from && t.action === e.action && t.to === e.to,
        );
        return !row || !row.roles.includes(e.actorRole as never);
      })
      .map((e) => `${e.from} --${e.action}--> ${e.to} by ${e.actorRole}`);
    expect(events.length).toBeGreaterThan(1000);
    expect([...new Set(strays)]).toEqual([]);
  });

  it("is deterministic, fast and runs only on empty tables", async () => {
    expect(took).toBeLessThan(5_000);
    const count = await em().count(Proposal);
    await seed(sg);
    expect(await em().count(Proposal)).toBe(count);
    const other = await startProposalsSubgraph("sqlite::memory:", { units: false });
    try {
      await seed(other);
      const digest = async (s: TestSubgraph) => {
        const m = s.databases.get("proposals")!.dataSource.manager;
        const ps = await m.find(Proposal, { order: { id: "ASC" } });
        const rs = await m.find(OpinionReport, { order: { id: "ASC" } });
        return JSON.stringify([
          ps.map((p) => [p.title, p.status, p.serial, p.leadMemberId, p.submittedOn, p.closedOn]),
          rs.map((r) => [r.title, r.status, r.submittedOn]),
        ]);
      };
      expect(await digest(other)).toBe(await digest(sg));
    } finally {
      await other.stop();
    }
  });

  it("seeds handling units for each committee with its place name", async () => {
    const r = await ok(sg, SYSTEM, `{ handlingUnits(committee: "zhenxiong") { name } }`);
    const names = r.handlingUnits.map((u: { name: string }) => u.name);
    expect(names).toContain("镇雄县教育体育局");
    expect(names).toContain("昭通市生态环境局镇雄分局");
    const city = await ok(sg, SYSTEM, `{ handlingUnits(committee: "zhaotong") { name } }`);
    expect(city.handlingUnits.map((u: { name: string }) => u.name)).toContain("昭通市卫生健康委员会");
  });
});
