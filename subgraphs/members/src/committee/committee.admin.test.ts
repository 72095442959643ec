import { ANONYMOUS, SYSTEM, type Identity } from "@tongxin/sdk";
import { databasesUnderTest, member, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
const fieldOf = (errors: Errors) => errors?.[0]?.extensions?.field;
const ADMIN: Identity = { role: "ADMIN", subject: "admin" };

const CREATE = `mutation($i: CreateCommitteeInput!) { createCommittee(input: $i) { code name level parent { code } currentTerm termStartedOn terms { term startedOn endsOn } } }`;
const MOVE = `mutation($c: String!, $p: String) { moveCommittee(code: $c, parent: $p) { code parent { code } } }`;

/** A platform started empty (no seed), set up only through the API. */
describe.each(databasesUnderTest())("committee setup through the API ($kind)", (db) => {
  let sg: TestSubgraph;
  const create = (who: Identity, i: Record<string, unknown>) =>
    sg.query<{ createCommittee: Record<string, unknown> }>(who, CREATE, {
      i: { term: 1, termStartedOn: "2022-01-10", ...i },
    });

  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [membersModule], databaseUrl: db.freshUrl() });
  });
  afterAll(() => sg?.stop());

  it("starts empty and usable", async () => {
    const r = await sg.query<{ committees: unknown[] }>(ANONYMOUS, "{ committees { code } }");
    expect(r.errors).toBeUndefined();
    expect(r.data!.committees).toEqual([]);
  });

  it("lets only a platform administrator create a root", async () => {
    expect(codeOf((await create(staff("x"), { code: "zhaotong", name: "昭通市政协", level: "CITY" })).errors)).toBe(
      "FORBIDDEN",
    );
    expect(codeOf((await create(ANONYMOUS, { code: "zhaotong", name: "昭通市政协", level: "CITY" })).errors)).toBe(
      "UNAUTHENTICATED",
    );
    const r = await create(ADMIN, { code: "zhaotong", name: "昭通市政协", level: "CITY", term: 5 });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createCommittee).toEqual({
      code: "zhaotong",
      name: "昭通市政协",
      level: "CITY",
      parent: null,
      currentTerm: 5,
      termStartedOn: "2022-01-10",
      terms: [{ term: 5, startedOn: "2022-01-10", endsOn: null }],
    });
  });

  it("lets the city's office create a county under itself, not a county's office under the city", async () => {
    const ok = await create(staff("zhaotong"), {
      code: "zhenxiong",
      name: "镇雄县政协",
      level: "COUNTY",
      parent: "zhaotong",
      term: 11,
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createCommittee).toMatchObject({ parent: { code: "zhaotong" }, currentTerm: 11 });
    const refused = await create(staff("zhenxiong"), {
      code: "weixin",
      name: "威信县政协",
      level: "COUNTY",
      parent: "zhaotong",
    });
    expect(codeOf(refused.errors)).toBe("FORBIDDEN");
    // The county cannot create below itself either: a county is the lowest level.
    const below = await create(staff("zhenxiong"), {
      code: "xiang",
      name: "某乡",
      level: "COUNTY",
      parent: "zhenxiong",
    });
    expect(fieldOf(below.errors)).toBe("input.level");
    // A member is not an office.
    expect(
      codeOf((await create(member(1), { code: "w2", name: "x", level: "COUNTY", parent: "zhaotong" })).errors),
    ).toBe("FORBIDDEN");
  });

  it("validates the input and names the field", async () => {
    expect(fieldOf((await create(ADMIN, { code: "Bad Code", name: "x", level: "CITY" })).errors)).toBe("input.code");
    expect(fieldOf((await create(ADMIN, { code: "zhenxiong", name: "重复", level: "CITY" })).errors)).toBe(
      "input.code",
    );
    expect(
      fieldOf((await create(ADMIN, { code: "x1", name: "x", level: "CITY", termStartedOn: "2022-13-01" })).errors),
    ).toBe("input.startedOn");
    expect(
      codeOf((await create(staff("zhaotong"), { code: "x2", name: "x", level: "COUNTY", parent: "nowhere" })).errors),
    ).toBe("NOT_FOUND");
  });

  it("puts a province above the root (ADMIN only) and refuses cycles", async () => {
    const yunnan = await create(ADMIN, {
      code: "yunnan",
      name: "云南省政协",
      level: "PROVINCE",
      term: 13,
      termStartedOn: "2023-01-12",
    });
    expect(yunnan.errors).toBeUndefined();
    expect(codeOf((await sg.query(staff("zhaotong"), MOVE, { c: "zhaotong", p: "yunnan" })).errors)).toBe("FORBIDDEN");
    const moved = await sg.query<{ moveCommittee: unknown }>(ADMIN, MOVE, { c: "zhaotong", p: "yunnan" });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.moveCommittee).toEqual({ code: "zhaotong", parent: { code: "yunnan" } });
    // The province's office now reads the city's subtree: the directory cache saw the move.
    const path = await sg.query<{ committee: { parent: { parent: { code: string } } } }>(
      ANONYMOUS,
      `{ committee(code: "zhenxiong") { parent { parent { code } } } }`,
    );
    expect(path.data!.committee.parent.parent.code).toBe("yunnan");
    const stats = await sg.query(staff("yunnan"), `{ committee(code: "zhenxiong") { memberStats { activeMembers } } }`);
    expect(stats.errors).toBeUndefined();
    // A cycle: the province under its own grandchild, and a committee under itself.
    const cycle = await sg.query(ADMIN, MOVE, { c: "yunnan", p: "zhenxiong" });
    expect(codeOf(cycle.errors)).toBe("BAD_USER_INPUT");
    expect(cycle.errors![0].message).toMatch(/cannot move yunnan under itself or its descendant/);
    expect(codeOf((await sg.query(ADMIN, MOVE, { c: "zhaotong", p: "zhaotong" })).errors)).toBe("BAD_USER_INPUT");
  });

  it("moves inside the office's subtree only", async () => {
    await create(ADMIN, { code: "qujing", name: "曲靖市政协", level: "CITY", parent: "yunnan" });
    // The city's office cannot give its county to another city, the province's office can.
    expect(codeOf((await sg.query(staff("zhaotong"), MOVE, { c: "zhenxiong", p: "qujing" })).errors)).toBe("FORBIDDEN");
    expect((await sg.query(staff("yunnan"), MOVE, { c: "zhenxiong", p: "qujing" })).errors).toBeUndefined();
    expect((await sg.query(staff("yunnan"), MOVE, { c: "zhenxiong", p: "zhaotong" })).errors).toBeUndefined();
    expect(codeOf((await sg.query(staff("yunnan"), MOVE, { c: "zhaotong", p: null })).errors)).toBe("FORBIDDEN");
  });

  it("renames within scope", async () => {
    const q = `mutation($c: String!, $n: String!) { updateCommittee(code: $c, input: { name: $n }) { name } }`;
    expect(codeOf((await sg.query(staff("zhenxiong"), q, { c: "zhaotong", n: "x" })).errors)).toBe("FORBIDDEN");
    const r = await sg.query<{ updateCommittee: { name: string } }>(staff("zhaotong"), q, {
      c: "zhenxiong",
      n: "镇雄县政协(新)",
    });
    expect(r.data!.updateCommittee.name).toBe("镇雄县政协(新)");
  });

  it("records terms in date order and derives the current one from them", async () => {
    const q = `mutation($i: CommitteeTermInput!) { recordCommitteeTerm(input: $i) { currentTerm termStartedOn terms { term startedOn endsOn } } }`;
    expect(
      codeOf(
        (await sg.query(staff("zhaotong"), q, { i: { committee: "zhenxiong", term: 10, startedOn: "2017-01-05" } }))
          .errors,
      ),
    ).toBe("FORBIDDEN");
    const past = await sg.query<{ recordCommitteeTerm: Record<string, unknown> }>(staff("zhenxiong"), q, {
      i: { committee: "zhenxiong", term: 10, startedOn: "2017-01-05" },
    });
    expect(past.errors).toBeUndefined();
    expect(past.data!.recordCommitteeTerm).toEqual({
      currentTerm: 11,
      termStartedOn: "2022-01-10",
      terms: [
        { term: 10, startedOn: "2017-01-05", endsOn: "2022-01-10" },
        { term: 11, startedOn: "2022-01-10", endsOn: null },
      ],
    });
    const disorder = await sg.query(staff("zhenxiong"), q, {
      i: { committee: "zhenxiong", term: 9, startedOn: "2018-01-01" },
    });
    expect(fieldOf(disorder.errors)).toBe("input.startedOn");
    // A next term planned in the future does not become current before its day.
    const next = await sg.query<{ recordCommitteeTerm: { currentTerm: number } }>(staff("zhenxiong"), q, {
      i: { committee: "zhenxiong", term: 12, startedOn: "2099-01-10" },
    });
    expect(next.data!.recordCommitteeTerm.currentTerm).toBe(11);
  });

  it("adds sectors and parties to the platform (ADMIN) and per committee (its office); accepts 群众", async () => {
    const addS = `mutation($i: CatalogEntryInput!) { addSector(input: $i) { name committee } }`;
    const addP = `mutation($i: CatalogEntryInput!) { addParty(input: $i) { name shortName committee } }`;
    expect(codeOf((await sg.query(staff("zhaotong"), addS, { i: { name: "教育" } })).errors)).toBe("FORBIDDEN");
    expect((await sg.query(ADMIN, addS, { i: { name: "教育" } })).errors).toBeUndefined();
    expect((await sg.query(ADMIN, addP, { i: { name: "群众" } })).errors).toBeUndefined();
    expect(fieldOf((await sg.query(ADMIN, addS, { i: { name: "教育" } })).errors)).toBe("input.name");
    const own = await sg.query(staff("zhaotong"), addS, { i: { name: "侨联", committee: "zhaotong" } });
    expect(own.errors).toBeUndefined();
    expect(codeOf((await sg.query(staff("zhenxiong"), addS, { i: { name: "x", committee: "zhaotong" } })).errors)).toBe(
      "FORBIDDEN",
    );
    // The county sees the platform list and its city's addition; a sibling city does not.
    const seen = async (who: Identity) =>
      (await sg.query<{ sectors: { name: string }[] }>(who, "{ sectors { name } }")).data!.sectors.map((s) => s.name);
    expect(await seen(staff("zhenxiong"))).toEqual(["教育", "侨联"]);
    expect(await seen(staff("qujing"))).toEqual(["教育"]);
    // The county adds its own word that its city already lists: refused; a sibling city may.
    expect(
      fieldOf((await sg.query(staff("zhenxiong"), addS, { i: { name: "侨联", committee: "zhenxiong" } })).errors),
    ).toBe("input.name");
    expect(
      (await sg.query(staff("qujing"), addS, { i: { name: "侨联", committee: "qujing" } })).errors,
    ).toBeUndefined();

    // A member of party 群众 with the city's own sector, seated in the term that is recorded.
    const created = await sg.query<{ createMember: { party: { shortName: string }; memberships: { term: number }[] } }>(
      staff("zhenxiong"),
      `mutation($i: CreateMemberInput!) { createMember(input: $i) { party { shortName } memberships { term } } }`,
      { i: { name: "张三", gender: "MALE", sector: "侨联", party: "群众", startedOn: "2022-02-01" } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createMember).toEqual({ party: { shortName: "群众" }, memberships: [{ term: 11 }] });
  });

  it("checks a seat's term against the committee's term dates", async () => {
    const q = `mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`;
    const base = { name: "李四", gender: "FEMALE", sector: "教育" };
    // Term 10 ran 2017-01-05 .. 2022-01-10.
    expect(
      (await sg.query(staff("zhenxiong"), q, { i: { ...base, term: 10, startedOn: "2018-03-01" } })).errors,
    ).toBeUndefined();
    expect(
      fieldOf((await sg.query(staff("zhenxiong"), q, { i: { ...base, term: 10, startedOn: "2022-03-01" } })).errors),
    ).toBe("input.startedOn");
    expect(
      fieldOf((await sg.query(staff("zhenxiong"), q, { i: { ...base, term: 11, startedOn: "2021-12-01" } })).errors),
    ).toBe("input.startedOn");
    expect(fieldOf((await sg.query(staff("zhenxiong"), q, { i: { ...base, term: 7 } })).errors)).toBe("input.term");
    // Without a term, the one running on the start day is taken.
    const r = await sg.query<{ createMember: { memberships: { term: number }[] } }>(
      staff("zhenxiong"),
      `mutation($i: CreateMemberInput!) { createMember(input: $i) { memberships { term } } }`,
      { i: { ...base, startedOn: "2019-05-01" } },
    );
    expect(r.data!.createMember.memberships[0].term).toBe(10);
  });

  it("serves the changed tree to the directory as SYSTEM sees it", async () => {
    const r = await sg.query<{ committees: { code: string; currentTerm: number }[] }>(
      SYSTEM,
      "{ committees { code currentTerm } }",
    );
    expect(r.data!.committees.map((c) => c.code).sort()).toEqual(["qujing", "yunnan", "zhaotong", "zhenxiong"]);
  });
});
