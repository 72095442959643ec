import { databasesUnderTest, member, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { codeOf, ok, startProposalsSubgraph } from "../testing/fixtures";

describe.each(databasesUnderTest())("handling units ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
  });
  afterAll(() => sg?.stop());
  const LIST = `query($c: String!, $all: Boolean) { handlingUnits(committee: $c, includeInactive: $all) { id name active } }`;

  it("keeps one directory per committee, edited by that committee's office", async () => {
    const created = await ok(
      sg,
      staff("weixin"),
      `mutation { createHandlingUnit(input: { name: " 威信县农业农村局 " }) { id name committee { code } } }`,
    );
    expect(created.createHandlingUnit).toMatchObject({ name: "威信县农业农村局", committee: { code: "weixin" } });
    const dup = await sg.query(
      staff("weixin"),
      `mutation { createHandlingUnit(input: { name: "威信县农业农村局" }) { id } }`,
    );
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    const id = created.createHandlingUnit.id;
    const retire = `mutation($id: ID!) { updateHandlingUnit(id: $id, input: { active: false }) { active } }`;
    expect(codeOf((await sg.query(staff("zhaotong"), retire, { id })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(staff("zhenxiong"), retire, { id })).errors)).toBe("NOT_FOUND");
    await ok(sg, staff("weixin"), retire, { id });
    expect(
      (await ok(sg, staff("weixin"), LIST, { c: "weixin" })).handlingUnits.map((u: { id: string }) => u.id),
    ).not.toContain(id);
    expect(
      (await ok(sg, staff("weixin"), LIST, { c: "weixin", all: true })).handlingUnits.map((u: { id: string }) => u.id),
    ).toContain(id);
  });

  it("shows the directory to offices in scope and a unit only itself", async () => {
    expect((await ok(sg, staff("zhaotong"), LIST, { c: "zhenxiong" })).handlingUnits).toHaveLength(2);
    expect(codeOf((await sg.query(staff("zhenxiong"), LIST, { c: "zhaotong" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(member(1), LIST, { c: "zhaotong" })).errors)).toBe("FORBIDDEN");
    const one = `query($id: ID!) { handlingUnit(id: $id) { name } }`;
    expect((await ok(sg, unit(4), one, { id: "4" })).handlingUnit.name).toBe("镇雄县教育体育局");
    expect(codeOf((await sg.query(unit(4), one, { id: "5" })).errors)).toBe("NOT_FOUND");
    const refs = await ok(
      sg,
      unit(4),
      `{ _entities(representations: [{ __typename: "HandlingUnit", id: "4" }, { __typename: "HandlingUnit", id: "1" }]) { ... on HandlingUnit { name } } }`,
    );
    expect(refs._entities).toEqual([{ name: "镇雄县教育体育局" }, null]);
  });
});
