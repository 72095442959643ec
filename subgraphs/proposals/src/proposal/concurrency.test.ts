import { databasesUnderTest, member, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { codeOf, ok, startProposalsSubgraph } from "../testing/fixtures";
import { ProposalEvent } from "./proposal-event.entity";
import { Proposal } from "./proposal.entity";

const DRAFT = `mutation($i: DraftProposalInput!) { draftProposal(input: $i) { id version } }`;
const SUBMIT = `mutation($id: ID!) { submitProposal(id: $id) { id number serial } }`;
const FILE = `mutation($id: ID!, $v: Int) { reviewProposal(id: $id, version: $v, input: { decision: FILED }) { id status } }`;

describe.each(databasesUnderTest())("proposals under concurrency ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
  });
  afterAll(() => sg?.stop());

  const draft = async (who = member(1), title = "关于推进学前教育普惠发展的建议") =>
    (await ok(sg, who, DRAFT, { i: { title, body: "正文", category: "EDUCATION" } })).draftProposal as {
      id: string;
      version: number;
    };

  it("issues every case number once under many concurrent submissions", async () => {
    const drafts = [];
    for (let i = 0; i < 24; i++) drafts.push(await draft(member((i % 3) + 1), `提案 ${i}`));
    const results = await Promise.all(drafts.map((d, i) => sg.query(member((i % 3) + 1), SUBMIT, { id: d.id })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const serials = results.map((r) => (r.data as { submitProposal: { serial: number } }).submitProposal.serial);
    expect([...serials].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it("lets exactly one of two clerks file the same proposal, and writes one event", async () => {
    const d = await draft();
    const submitted = await ok(sg, member(1), SUBMIT, { id: d.id });
    expect(submitted.submitProposal.number).toBeTruthy();
    const current = await ok(sg, staff("zhaotong"), `query($id: ID!) { proposal(id: $id) { version } }`, { id: d.id });
    const v = current.proposal.version;
    const [a, b] = await Promise.all([
      sg.query(staff("zhaotong"), FILE, { id: d.id, v }),
      sg.query(staff("zhaotong"), FILE, { id: d.id, v }),
    ]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(["CONFLICT", "INVALID_TRANSITION"]).toContain(codeOf(losers[0].errors));
    const em = sg.databases.get("proposals")!.dataSource.manager;
    expect(await em.countBy(ProposalEvent, { proposalId: Number(d.id), action: "FILE" as never })).toBe(1);
    expect((await em.findOneByOrFail(Proposal, { id: Number(d.id) })).version).toBe(v + 1);
  });

  it("answers CONFLICT to a stale version and changes nothing", async () => {
    const d = await draft();
    await ok(sg, member(1), SUBMIT, { id: d.id });
    const stale = await sg.query(staff("zhaotong"), FILE, { id: d.id, v: d.version });
    expect(codeOf(stale.errors)).toBe("CONFLICT");
    const edit = await sg.query(
      member(1),
      `mutation($id: ID!, $v: Int!) { updateProposal(id: $id, version: $v, input: { category: HEALTH }) { id } }`,
      { id: d.id, v: d.version },
    );
    expect(codeOf(edit.errors)).toBe("FORBIDDEN");
    const em = sg.databases.get("proposals")!.dataSource.manager;
    const row = await em.findOneByOrFail(Proposal, { id: Number(d.id) });
    expect(row).toMatchObject({ status: "SUBMITTED", category: "EDUCATION", version: d.version + 1 });
  });

  it("keeps draft edits conditional on the version", async () => {
    const d = await draft();
    const EDIT = `mutation($id: ID!, $v: Int!, $t: String) { updateProposal(id: $id, version: $v, input: { title: $t }) { version title } }`;
    const first = await ok(sg, member(1), EDIT, { id: d.id, v: d.version, t: "第一次修改" });
    expect(first.updateProposal).toEqual({ version: d.version + 1, title: "第一次修改" });
    const second = await sg.query(member(1), EDIT, { id: d.id, v: d.version, t: "基于旧版本的修改" });
    expect(codeOf(second.errors)).toBe("CONFLICT");
    const row = await sg.databases.get("proposals")!.dataSource.manager.findOneByOrFail(Proposal, { id: Number(d.id) });
    expect(row.title).toBe("第一次修改");
  });

  it("keeps one request's committed transaction when an overlapping one rolls back", async () => {
    const ctx = sg.systemContext();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const unitRow = (name: string) => ({ committeeCode: "weixin", name, active: true, sortOrder: 99 });
    // The failing transaction starts first and is still open, awaiting I/O, while the other commits.
    const failing = ctx
      .transaction(HandlingUnit, async (tx) => {
        await sleep(40);
        await tx.repo(HandlingUnit).insert(unitRow("威信县回滚局"));
        throw new Error("rolled back on purpose");
      })
      .catch((e: Error) => e.message);
    await sleep(5);
    await ctx.transaction(HandlingUnit, async (tx) => {
      await tx.repo(HandlingUnit).insert(unitRow("威信县提交局"));
    });
    expect(await failing).toBe("rolled back on purpose");
    const names = (await ctx.repo(HandlingUnit).findBy({ sortOrder: 99 })).map((u) => u.name);
    expect(names).toEqual(["威信县提交局"]);
  });
});
