import { ANONYMOUS, SYSTEM } from "@tongxin/sdk";
import { databasesUnderTest, member, startTestSubgraph, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { StudioActivity, StudioActivityType } from "../activity/activity.entity";
import { studiosModule } from "../index";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { Studio, StudioStatus } from "../studio/studio.entity";
import { codeOf, committees, register } from "../testing/fixture";

/**
 * DOMAIN.md's studio definitions against a fixture counted by hand (register in
 * testing/fixture.ts). Studios and stays:
 *   S1 c 2022-05-01 open     m1 [2022-05-01, …)  m2 [2022-06-01, 2022-12-01)  m3 [2023-05-01, …)  m9 [2022-05-01, 2023-08-01)
 *   S2 c 2023-03-01 open     m2 [2023-04-01, …) (rejoined elsewhere)  m3 [2023-04-01, …) (second studio)
 *   S3 c 2023-06-01 closed 2023-10-01   m4 [2023-06-01, 2023-10-01)
 *   S4 a 2023-02-01 open     m5 [2023-03-01, …) (also sits on c)  m6 [2023-12-31, …)  m7 [2024-01-05, …)
 *   S5 c 2024-02-01 open     nobody
 * Activities: S1 2022-09-09, 2023-03-10; S2 2023-12-31; S3 2023-07-01; S4 2023-05-05, 2024-01-10.
 */
describe.each(databasesUnderTest())("studioStats definitions ($kind)", (db) => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [studiosModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: register,
    });
    const em = sg.databases.get("studios")!.dataSource.manager;
    const studio = (id: number, code: string, establishedOn: string, closedOn: string | null = null) => ({
      id,
      committeeCode: code,
      name: `工作室${id}`,
      theme: "乡村振兴",
      sector: null,
      address: "",
      establishedOn,
      leadMemberId: null,
      status: closedOn ? StudioStatus.CLOSED : StudioStatus.OPEN,
      closedOn,
      version: 1,
    });
    await em.insert(Studio, [
      studio(1, "c", "2022-05-01"),
      studio(2, "c", "2023-03-01"),
      studio(3, "c", "2023-06-01", "2023-10-01"),
      studio(4, "a", "2023-02-01"),
      studio(5, "c", "2024-02-01"),
    ]);
    const stay = (studioId: number, memberId: number, joinedOn: string, leftOn: string | null = null) => ({
      studioId,
      memberId,
      joinedOn,
      leftOn,
    });
    await em.insert(StudioRosterEntry, [
      stay(1, 1, "2022-05-01"),
      stay(1, 2, "2022-06-01", "2022-12-01"),
      stay(1, 3, "2023-05-01"),
      stay(1, 9, "2022-05-01", "2023-08-01"),
      stay(2, 2, "2023-04-01"),
      stay(2, 3, "2023-04-01"),
      stay(3, 4, "2023-06-01", "2023-10-01"),
      stay(4, 5, "2023-03-01"),
      stay(4, 6, "2023-12-31"),
      stay(4, 7, "2024-01-05"),
    ]);
    const activity = (studioId: number, heldOn: string) => ({
      studioId,
      heldOn,
      type: StudioActivityType.MICRO_CONSULTATION,
      title: "微协商",
      peopleServed: 10,
      opinionReports: 0,
      notes: "",
      recordedBy: "test",
      recordedByMemberId: null,
      version: 1,
    });
    await em.insert(StudioActivity, [
      activity(1, "2022-09-09"),
      activity(1, "2023-03-10"),
      activity(2, "2023-12-31"),
      activity(3, "2023-07-01"),
      activity(4, "2023-05-05"),
      activity(4, "2024-01-10"),
    ]);
  });
  afterAll(() => sg?.stop());

  const FIGURES =
    "studios newStudios studioMembers newStudioMembers activities coverage sectorCoverage activeMembers activeMembersInStudios sectors sectorsInStudios";
  const stats = async (codes: string[], args: string, who = staff("c")) => {
    const r = await sg.query<{ _entities: ({ studioStats: Record<string, unknown> | null } | null)[] }>(
      who,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Committee { studioStats${args} { asOf ${FIGURES} } } } }`,
      { reps: codes.map((code) => ({ __typename: "Committee", code })) },
    );
    return { figures: r.data?._entities.map((e) => e?.studioStats ?? null) ?? [], errors: r.errors };
  };

  it("counts the city's own studios, stays and activities at the end of the year", async () => {
    const { figures, errors } = await stats(["c"], "(year: 2023)");
    expect(errors).toBeUndefined();
    expect(figures[0]).toEqual({
      asOf: "2023-12-31",
      studios: 2, // S1, S2 (S3 closed in October, S5 opened in 2024)
      newStudios: 2, // S2, S3
      studioMembers: 3, // m1, m2 (rejoined), m3 (two studios, once)
      newStudioMembers: 1, // m3; m1 and m2 first joined in 2022
      activities: 3,
      activeMembers: 5, // m1–m5; m9 resigned
      activeMembersInStudios: 4, // m1, m2, m3, and m5 through the county's S4
      coverage: 0.8,
      sectors: 4,
      sectorsInStudios: 3, // 医药卫生 (m4) has nobody in a studio
      sectorCoverage: 0.75,
    });
  });

  it("counts a county on its own, a member joining on the last day included", async () => {
    const { figures } = await stats(["a", "b"], "(year: 2023)");
    expect(figures[0]).toMatchObject({
      studios: 1,
      newStudios: 1,
      studioMembers: 2, // m5, m6 (joined 31 December)
      newStudioMembers: 2,
      activities: 1,
      activeMembers: 3,
      activeMembersInStudios: 2,
      coverage: 2 / 3,
      sectorCoverage: 2 / 3,
    });
    expect(figures[1]).toMatchObject({ studios: 0, studioMembers: 0, activeMembers: 2, coverage: 0, sectorCoverage: 0 });
  });

  it("counts distinct people over the subtree when descendants are included", async () => {
    const { figures } = await stats(["c"], "(year: 2023, includeDescendants: true)");
    expect(figures[0]).toMatchObject({
      studios: 3,
      newStudios: 3,
      studioMembers: 5, // m1, m2, m3, m5, m6
      newStudioMembers: 3, // m3, m5, m6
      activities: 4,
      activeMembers: 9, // m5 sits on c and a: counted once
      activeMembersInStudios: 5,
      coverage: 5 / 9,
      sectors: 5,
      sectorsInStudios: 3,
      sectorCoverage: 0.6,
    });
  });

  it("describes another year by the same rules", async () => {
    const { figures } = await stats(["c", "a"], "(year: 2024)");
    expect(figures[0]).toMatchObject({ asOf: "2024-12-31", studios: 3, newStudios: 1, studioMembers: 3, newStudioMembers: 0, activities: 0 });
    expect(figures[1]).toMatchObject({ studios: 1, newStudios: 0, studioMembers: 3, newStudioMembers: 1, activities: 1 });
    const { errors } = await stats(["c"], "(year: 1800)");
    expect(codeOf(errors)).toBe("BAD_USER_INPUT");
    expect(errors![0].extensions!.field).toBe("year");
  });

  it("costs the same statements for one committee as for three, across two years", async () => {
    const before = sg.statementCount();
    await stats(["c"], "(year: 2023)");
    const one = sg.statementCount() - before;
    const r = await sg.query(
      staff("c"),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Committee { y23: studioStats(year: 2023) { studios coverage } y24: studioStats(year: 2024) { studios } all: studioStats(year: 2023, includeDescendants: true) { studioMembers } } } }`,
      { reps: ["c", "a", "b"].map((code) => ({ __typename: "Committee", code })) },
    );
    expect(r.errors).toBeUndefined();
    const three = sg.statementCount() - before - one;
    expect(one).toBe(3);
    expect(three).toBe(one);
  });

  it("gives a county the same figure whoever asks, and refuses those outside its scope", async () => {
    const asCounty = await stats(["a"], "(year: 2023)", staff("a"));
    const asCity = await stats(["a"], "(year: 2023)", staff("c"));
    expect(asCounty.figures[0]).toEqual(asCity.figures[0]);
    expect(codeOf((await stats(["b"], "(year: 2023)", staff("a"))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["c"], "(year: 2023)", staff("a"))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["a"], "(year: 2023)", member(5))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["a"], "(year: 2023)", unit(1, "a"))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["a"], "(year: 2023)", ANONYMOUS)).errors)).toBe("UNAUTHENTICATED");
    expect(codeOf((await stats(["x"], "(year: 2023)", SYSTEM)).errors)).toBe("NOT_FOUND");
  });

  it("lists today's active members on no roster, and the sectors without a studio member", async () => {
    const q = `query($c: String!, $first: Int, $after: String) { membersOutsideStudios(committee: $c, first: $first, after: $after) {
      totalCount activeMembers sectorsWithoutStudioMember committee { code } pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Gap = {
      membersOutsideStudios: {
        totalCount: number;
        activeMembers: number;
        sectorsWithoutStudioMember: string[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      };
    };
    const c = (await sg.query<Gap>(staff("c"), q, { c: "c" })).data!.membersOutsideStudios;
    expect(c).toMatchObject({ totalCount: 1, activeMembers: 5, sectorsWithoutStudioMember: ["医药卫生"] });
    expect(c.edges.map((e) => e.node.id)).toEqual(["4"]);
    const b = await sg.query<Gap>(staff("c"), q, { c: "b", first: 1 });
    const page1 = b.data!.membersOutsideStudios;
    expect(page1).toMatchObject({ totalCount: 2, sectorsWithoutStudioMember: ["科技"], pageInfo: { hasNextPage: true } });
    expect(page1.edges.map((e) => e.node.id)).toEqual(["8"]);
    const page2 = (await sg.query<Gap>(staff("c"), q, { c: "b", first: 1, after: page1.pageInfo.endCursor })).data!
      .membersOutsideStudios;
    expect(page2.edges.map((e) => e.node.id)).toEqual(["10"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(codeOf((await sg.query(staff("a"), q, { c: "b" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(member(4), q, { c: "c" })).errors)).toBe("FORBIDDEN");
  });
});
