import { staticCommitteeSource, staticMembersSource, type MemberInfo } from "@tongxin/sdk";
import { databasesUnderTest, member, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import courtyard from "./index";

const tree = staticCommitteeSource([
  { code: "zhaotong", name: "昭通市政协", level: "CITY", parentCode: null },
  { code: "zhenxiong", name: "镇雄县政协", level: "COUNTY", parentCode: "zhaotong" },
  { code: "weixin", name: "威信县政协", level: "COUNTY", parentCode: "zhaotong" },
  { code: "suijiang", name: "绥江县政协", level: "COUNTY", parentCode: "zhaotong" },
]);
const person = (id: string, committee: string, status: MemberInfo["status"] = "ACTIVE"): MemberInfo => ({
  id,
  name: `委员${id}`,
  status,
  sector: "农业",
  committees: status === "ACTIVE" ? [committee] : [],
});
const register = staticMembersSource([
  person("1", "zhenxiong"),
  person("2", "zhenxiong"),
  person("3", "weixin"),
  person("4", "suijiang"),
  person("5", "zhenxiong", "REVOKED"),
]);

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const RECORD = `mutation($i: CourtyardSessionInput!) { courtyardRecordSession(input: $i) { id committeeCode theme participants issues { id status } organisers { id } } }`;
const session = (extra: Record<string, unknown> = {}) => ({
  heldOn: "2023-05-10",
  township: "泼机镇",
  village: "大坪村",
  theme: "PUFA_QIANGJI",
  topic: "修订村规民约",
  participants: 80,
  organiserIds: ["1"],
  issues: ["村组道路破损需修缮", "灌溉水渠堵塞"],
  ...extra,
});

describe.each(databasesUnderTest())("courtyard plugin ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [courtyard],
      databaseUrl: db.freshUrl(),
      committeeSource: tree,
      membersSource: register,
      enablement: new Map([["courtyard", new Set(["zhenxiong", "weixin"])]]),
    });
  });
  afterAll(() => sg?.stop());

  const record = async (who: ReturnType<typeof staff>, extra: Record<string, unknown> = {}) =>
    sg.query<{ courtyardRecordSession: { id: string; issues: { id: string }[] } }>(who, RECORD, { i: session(extra) });
  const codeAndField = (errors: Errors) => [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field];

  it("records a consultation with its organisers and the issues villagers raised", async () => {
    const r = await record(staff("zhenxiong"));
    expect(r.errors).toBeUndefined();
    expect(r.data!.courtyardRecordSession).toMatchObject({
      committeeCode: "zhenxiong",
      theme: "PUFA_QIANGJI",
      participants: 80,
      organisers: [{ id: "1" }],
    });
    expect(r.data!.courtyardRecordSession.issues).toHaveLength(2);
  });

  it("refuses a county where the plugin is not enabled, and another county's office", async () => {
    expect(codeAndField((await record(staff("suijiang"), { organiserIds: ["4"] })).errors)).toEqual([
      "FORBIDDEN",
      "input.committee",
    ]);
    expect(codeAndField((await record(staff("zhaotong"), { committee: "zhenxiong" })).errors)[0]).toBe("FORBIDDEN");
    expect(codeAndField((await record(staff("weixin"), { committee: "zhenxiong" })).errors)[0]).toBe("FORBIDDEN");
  });

  it("names the offending field and writes nothing on bad input", async () => {
    const count = async () =>
      (
        await sg.query<{ courtyardSessions: { totalCount: number } }>(
          staff("zhaotong"),
          `{ courtyardSessions { totalCount } }`,
        )
      ).data!.courtyardSessions.totalCount;
    const before = await count();
    expect(codeAndField((await record(staff("zhenxiong"), { organiserIds: ["3"] })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.organiserIds[0]",
    ]);
    expect(codeAndField((await record(staff("zhenxiong"), { organiserIds: ["5"] })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.organiserIds[0]",
    ]);
    expect(codeAndField((await record(staff("zhenxiong"), { organiserIds: [] })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.organiserIds",
    ]);
    expect(codeAndField((await record(staff("zhenxiong"), { heldOn: "2999-01-01" })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.heldOn",
    ]);
    expect(codeAndField((await record(staff("zhenxiong"), { village: " " })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.village",
    ]);
    expect(codeAndField((await record(staff("zhenxiong"), { issues: ["ok", ""] })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.issues[1]",
    ]);
    expect(codeAndField((await record(staff("zhenxiong"), { participants: -1 })).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.participants",
    ]);
    expect(await count()).toBe(before);
  });

  it("counts by theme where enabled, null elsewhere, and sums the counties for the city", async () => {
    await record(staff("zhenxiong"), { theme: "YIFENG_YISU", participants: 20, issues: [] });
    await record(staff("weixin"), { organiserIds: ["3"], participants: 50, issues: ["饮用水管老化"] });
    await record(staff("weixin"), { organiserIds: ["3"], heldOn: "2024-03-01", issues: [] });
    const issue = (
      await sg.query<{ courtyardSessions: { edges: { node: { issues: { id: string }[] } }[] } }>(
        staff("weixin"),
        `{ courtyardSessions(committee: "weixin", year: 2023) { edges { node { issues { id } } } } }`,
      )
    ).data!.courtyardSessions.edges[0].node.issues[0].id;
    const resolved = await sg.query(
      staff("weixin"),
      `mutation($id: ID!) { courtyardUpdateIssue(input: { issueId: $id, status: RESOLVED, resolvedOn: "2023-08-01" }) { status resolvedOn } }`,
      { id: issue },
    );
    expect(resolved.errors).toBeUndefined();

    const stats = async (code: string, desc: boolean) =>
      (
        await sg.query<{
          _entities: {
            courtyardStats: {
              sessions: number;
              participants: number;
              issuesRaised: number;
              issuesResolved: number;
              committees: number;
              byTheme: { theme: string; sessions: number }[];
            } | null;
          }[];
        }>(
          staff("zhaotong"),
          `query($r: [_Any!]!, $d: Boolean) { _entities(representations: $r) { ... on Committee { courtyardStats(year: 2023, includeDescendants: $d) { sessions participants issuesRaised issuesResolved committees byTheme { theme sessions } } } } }`,
          { r: [{ __typename: "Committee", code }], d: desc },
        )
      ).data!._entities[0].courtyardStats;
    const zx = await stats("zhenxiong", false);
    expect(zx).toMatchObject({ sessions: 2, participants: 100, issuesRaised: 2, issuesResolved: 0, committees: 1 });
    expect(zx!.byTheme.find((t) => t.theme === "PUFA_QIANGJI")!.sessions).toBe(1);
    const wx = await stats("weixin", false);
    expect(wx).toMatchObject({ sessions: 1, participants: 50, issuesRaised: 1, issuesResolved: 1 });
    expect(await stats("suijiang", false)).toBeNull();
    expect(await stats("zhaotong", false)).toBeNull();
    const city = await stats("zhaotong", true);
    expect(city).toMatchObject({ sessions: 3, participants: 150, issuesRaised: 3, issuesResolved: 1, committees: 2 });
  });

  it("shows a member the consultations they organised, and only those", async () => {
    const r = await sg.query<{ courtyardSessions: { totalCount: number } }>(
      member("3"),
      `{ courtyardSessions { totalCount } }`,
    );
    expect(r.data!.courtyardSessions.totalCount).toBe(2);
    const viaMember = await sg.query<{ _entities: { courtyardSessions: { committeeCode: string }[] }[] }>(
      member("3"),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { courtyardSessions { committeeCode } } } }`,
      {
        r: [
          { __typename: "Member", id: "3" },
          { __typename: "Member", id: "1" },
        ],
      },
    );
    expect(viaMember.data!._entities[0].courtyardSessions).toHaveLength(2);
    expect(viaMember.data!._entities[1].courtyardSessions).toHaveLength(0);
  });
});
