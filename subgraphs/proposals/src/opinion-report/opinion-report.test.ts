import { SYSTEM, today } from "@tongxin/sdk";
import { databasesUnderTest, member, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { codeOf, ok, startProposalsSubgraph } from "../testing/fixtures";
import { OpinionReport } from "./opinion-report.entity";

const SUBMIT = `mutation($i: SubmitOpinionReportInput!) { submitOpinionReport(input: $i) { id status version submitterName submittedOn committee { code } } }`;
const COMPILE = `mutation($id: ID!, $b: String!, $v: Int) { compileOpinionReport(id: $id, bulletin: $b, version: $v) { id status bulletin version } }`;
const FORWARD = `mutation($id: ID!, $to: String!) { forwardOpinionReport(id: $id, forwardedTo: $to) { id status } }`;
const INSTRUCT = `mutation($id: ID!, $i: LeaderInstructionInput!) { recordLeaderInstruction(id: $id, input: $i) { id status instructionLeader instructedOn } }`;
const DECLINE = `mutation($id: ID!, $r: String!) { declineOpinionReport(id: $id, reason: $r) { id status } }`;

describe.each(databasesUnderTest())("opinion reports ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
  });
  afterAll(() => sg?.stop());
  const count = () => sg.databases.get("proposals")!.dataSource.manager.count(OpinionReport);

  it("walks collected → compiled → forwarded → instructed, each step once and from the right state", async () => {
    const r = await ok(sg, member(1), SUBMIT, {
      i: { title: "关于城区停车难问题的反映", body: "群众反映城区停车难。" },
    });
    const id = r.submitOpinionReport.id;
    expect(r.submitOpinionReport).toMatchObject({
      status: "SUBMITTED",
      submitterName: "李明",
      committee: { code: "zhaotong" },
    });
    const early = await sg.query(staff("zhaotong"), FORWARD, { id, to: "市委办公室" });
    expect(codeOf(early.errors)).toBe("INVALID_TRANSITION");
    const stale = await sg.query(staff("zhaotong"), COMPILE, { id, b: "《昭通政协社情民意》第1期", v: 99 });
    expect(codeOf(stale.errors)).toBe("CONFLICT");
    await ok(sg, staff("zhaotong"), COMPILE, { id, b: "《昭通政协社情民意》第1期", v: 1 });
    expect(codeOf((await sg.query(staff("zhaotong"), COMPILE, { id, b: "又一期" })).errors)).toBe("INVALID_TRANSITION");
    await ok(sg, staff("zhaotong"), FORWARD, { id, to: "市委办公室、市政府办公室" });
    const future = await sg.query(staff("zhaotong"), INSTRUCT, {
      id,
      i: { leader: "市委主要领导", instruction: "请研究", instructedOn: "2999-01-01" },
    });
    expect(future.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.instructedOn" });
    const done = await ok(sg, staff("zhaotong"), INSTRUCT, {
      id,
      i: { leader: "市委主要领导", instruction: "请住建部门研究解决。" },
    });
    expect(done.recordLeaderInstruction).toMatchObject({ status: "INSTRUCTED", instructionLeader: "市委主要领导" });
    const seen = await ok(
      sg,
      member(1),
      `query($id: ID!) { opinionReport(id: $id) { status version compiledOn forwardedOn } }`,
      {
        id,
      },
    );
    expect(seen.opinionReport).toMatchObject({ status: "INSTRUCTED", version: 4 });
  });

  it("lets two clerks compile the same report only once", async () => {
    const r = await ok(sg, member(1), SUBMIT, { i: { title: "关于乡村医生队伍老龄化问题的反映", body: "正文" } });
    const id = r.submitOpinionReport.id;
    const results = await Promise.all([
      sg.query(staff("zhaotong"), COMPILE, { id, b: "第2期" }),
      sg.query(staff("zhaotong"), COMPILE, { id, b: "第3期" }),
    ]);
    expect(results.filter((x) => !x.errors)).toHaveLength(1);
    expect(["INVALID_TRANSITION", "CONFLICT"]).toContain(codeOf(results.find((x) => x.errors)!.errors));
  });

  it("keeps reports to their committee's offices and their submitters", async () => {
    const mine = (await ok(sg, member(4), SUBMIT, { i: { title: "关于山区学校寄宿条件的反映", body: "正文" } }))
      .submitOpinionReport.id;
    const see = async (who: Parameters<typeof sg.query>[0]) =>
      codeOf((await sg.query(who, `query($id: ID!) { opinionReport(id: $id) { id } }`, { id: mine })).errors) ?? "ok";
    expect(await see(member(4))).toBe("ok");
    expect(await see(staff("zhenxiong"))).toBe("ok");
    expect(await see(staff("zhaotong"))).toBe("ok");
    expect(await see(staff("weixin"))).toBe("NOT_FOUND");
    expect(await see(member(5))).toBe("NOT_FOUND");
    expect(await see(unit(4))).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(staff("zhaotong"), DECLINE, { id: mine, r: "重复" })).errors)).toBe("FORBIDDEN");
    await ok(sg, staff("zhenxiong"), DECLINE, { id: mine, r: "与已编发信息重复" });
    const list = await ok(sg, staff("zhenxiong"), `{ opinionReports(year: ${today().slice(0, 4)}) { totalCount } }`);
    expect(list.opinionReports.totalCount).toBe(1);
  });

  it("names the offending field and writes nothing", async () => {
    const before = await count();
    const cases: [Parameters<typeof sg.query>[0], Record<string, unknown>, string][] = [
      [member(1), { title: "", body: "正文" }, "input.title"],
      [member(1), { title: "标题", body: " " }, "input.body"],
      [member(1), { title: "标题", body: "正文", submitterName: "别人" }, "input.submitterName"],
      [member(7), { title: "标题", body: "正文" }, "input.committee"],
      [staff("zhaotong"), { title: "标题", body: "正文" }, "input.submitterName"],
      [staff("zhaotong"), { title: "标题", body: "正文", submitterName: "x", committee: "nowhere" }, "input.committee"],
    ];
    for (const [who, i, field] of cases) {
      const r = await sg.query(who, SUBMIT, { i });
      expect(`${field}: ${codeOf(r.errors)} ${r.errors?.[0].extensions?.field}`).toBe(
        `${field}: BAD_USER_INPUT ${field}`,
      );
    }
    expect(
      codeOf((await sg.query(member(4), SUBMIT, { i: { title: "t", body: "b", committee: "zhaotong" } })).errors),
    ).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(unit(1), SUBMIT, { i: { title: "t", body: "b" } })).errors)).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
    expect((await ok(sg, SYSTEM, `{ opinionReports(first: 0) { totalCount } }`)).opinionReports.totalCount).toBe(
      before,
    );
  });
});
