import { staticCommitteeSource, staticMembersSource } from "@tongxin/sdk";
import { databasesUnderTest, member, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import chishui from "./index";

const tree = staticCommitteeSource([
  { code: "zhaotong", name: "昭通市政协", level: "CITY", parentCode: null },
  { code: "zhenxiong", name: "镇雄县政协", level: "COUNTY", parentCode: "zhaotong" },
  { code: "weixin", name: "威信县政协", level: "COUNTY", parentCode: "zhaotong" },
  { code: "suijiang", name: "绥江县政协", level: "COUNTY", parentCode: "zhaotong" },
]);

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const err = (errors: Errors) => [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field];

/**
 * Hand-counted 2023 figures: zhenxiong section A (target Ⅱ) read Ⅱ and Ⅲ (mean 2.5, misses),
 * section B (target Ⅲ) read Ⅲ and Ⅱ (mean 2.5, meets): 1 of 2 sections meets, 2 of 4 readings
 * at Ⅱ or better. Two inspections, one joint; two problems found, one then closed.
 * weixin: one section (target Ⅱ) read Ⅰ once: meets, 1 of 1 reading at Ⅱ or better.
 */
describe.each(databasesUnderTest())("chishui plugin ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [chishui],
      databaseUrl: db.freshUrl(),
      committeeSource: tree,
      membersSource: staticMembersSource([]),
      enablement: new Map([["chishui", new Set(["zhenxiong", "weixin"])]]),
    });
  });
  afterAll(() => sg?.stop());

  const addSection = (who: ReturnType<typeof staff>, name: string, targetClass: string) =>
    sg.query<{ chishuiAddSection: { id: string } }>(
      who,
      `mutation($i: ChishuiSectionInput!) { chishuiAddSection(input: $i) { id } }`,
      {
        i: { name, river: "赤水河", targetClass },
      },
    );
  const readings = (who: ReturnType<typeof staff>, list: [string, string, string][]) =>
    sg.query<{ chishuiRecordReadings: { id: string }[] }>(
      who,
      `mutation($i: ChishuiReadingsInput!) { chishuiRecordReadings(input: $i) { id } }`,
      {
        i: { readings: list.map(([sectionId, sampledOn, waterClass]) => ({ sectionId, sampledOn, waterClass })) },
      },
    );

  it("keeps its records to the counties where it is enabled and to their own offices", async () => {
    expect(err((await addSection(staff("suijiang"), "X", "II")).errors)).toEqual(["FORBIDDEN", "input.committee"]);
    const city = await sg.query(
      staff("zhaotong"),
      `mutation { chishuiAddSection(input: { committee: "zhenxiong", name: "X", river: "赤水河", targetClass: II }) { id } }`,
    );
    expect(err(city.errors)[0]).toBe("FORBIDDEN");
    expect(err((await sg.query(member("1"), `{ chishuiSections { id } }`)).errors)[0]).toBe("FORBIDDEN");
  });

  it("computes the figures of DOMAIN-style definitions from a hand-counted fixture", async () => {
    const a = (await addSection(staff("zhenxiong"), "A", "II")).data!.chishuiAddSection.id;
    const b = (await addSection(staff("zhenxiong"), "B", "III")).data!.chishuiAddSection.id;
    const w = (await addSection(staff("weixin"), "W", "II")).data!.chishuiAddSection.id;

    // One reading of another county's section spoils the batch: nothing is written.
    const bad = await readings(staff("zhenxiong"), [
      [a, "2023-01-15", "II"],
      [w, "2023-01-15", "I"],
    ]);
    expect(err(bad.errors)).toEqual(["BAD_USER_INPUT", "input.readings[1].sectionId"]);
    expect(err((await readings(staff("zhenxiong"), [[a, "2999-01-15", "II"]])).errors)).toEqual([
      "BAD_USER_INPUT",
      "input.readings[0].sampledOn",
    ]);

    const ok = await readings(staff("zhenxiong"), [
      [a, "2023-01-15", "II"],
      [a, "2023-07-15", "III"],
      [b, "2023-01-15", "III"],
      [b, "2023-07-15", "II"],
      [a, "2024-01-15", "I"],
    ]);
    expect(ok.data!.chishuiRecordReadings).toHaveLength(5);
    await readings(staff("weixin"), [[w, "2023-03-15", "I"]]);

    const insp = await sg.query<{ chishuiRecordInspection: { joint: boolean; problems: { id: string }[] } }>(
      staff("zhenxiong"),
      `mutation($a: ID) { chishuiRecordInspection(input: { heldOn: "2023-04-01", title: "联合视察", partners: ["古蔺县政协"], participants: 20, problems: [{ description: "养殖废水直排", sectionId: $a }, { description: "垃圾清运不及时" }] }) { joint problems { id } } }`,
      { a },
    );
    expect(insp.errors).toBeUndefined();
    expect(insp.data!.chishuiRecordInspection.joint).toBe(true);
    await sg.query(
      staff("zhenxiong"),
      `mutation { chishuiRecordInspection(input: { heldOn: "2023-09-01", title: "专项监督" }) { id } }`,
    );
    const closed = await sg.query(
      staff("zhenxiong"),
      `mutation($id: ID!) { chishuiUpdateProblem(input: { problemId: $id, status: CLOSED, closedOn: "2023-10-01", rectification: "已整改" }) { status closedOn } }`,
      {
        id: insp.data!.chishuiRecordInspection.problems[0].id,
      },
    );
    expect(closed.errors).toBeUndefined();

    const stats = async (code: string, desc: boolean) =>
      (
        await sg.query<{ _entities: { chishuiStats: Record<string, number | null> | null }[] }>(
          staff("zhaotong"),
          `query($r: [_Any!]!, $d: Boolean) { _entities(representations: $r) { ... on Committee { chishuiStats(year: 2023, includeDescendants: $d) { sections sectionsMeetingTarget readings readingsClassIIOrBetter shareClassIIOrBetter inspections jointInspections problemsFound problemsOpen problemsClosed committees } } } }`,
          { r: [{ __typename: "Committee", code }], d: desc },
        )
      ).data!._entities[0].chishuiStats;
    expect(await stats("zhenxiong", false)).toEqual({
      sections: 2,
      sectionsMeetingTarget: 1,
      readings: 4,
      readingsClassIIOrBetter: 2,
      shareClassIIOrBetter: 0.5,
      inspections: 2,
      jointInspections: 1,
      problemsFound: 2,
      problemsOpen: 1,
      problemsClosed: 1,
      committees: 1,
    });
    expect(await stats("weixin", false)).toMatchObject({
      sections: 1,
      sectionsMeetingTarget: 1,
      readings: 1,
      shareClassIIOrBetter: 1,
    });
    expect(await stats("suijiang", false)).toBeNull();
    expect(await stats("zhaotong", false)).toBeNull();
    expect(await stats("zhaotong", true)).toMatchObject({
      sections: 3,
      sectionsMeetingTarget: 2,
      readings: 5,
      readingsClassIIOrBetter: 3,
      shareClassIIOrBetter: 0.6,
      committees: 2,
    });
  });
});
