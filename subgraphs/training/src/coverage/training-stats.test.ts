import { ANONYMOUS } from "@tongxin/sdk";
import { databasesUnderTest, member, startTestSubgraph, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingModule } from "../index";
import { TrainingKind, TrainingSession } from "../session/session.entity";
import { codeOf, committees, fieldOf, register } from "../testing/fixture";

/**
 * DOMAIN.md's training definitions against a fixture counted by hand. Sessions and who attended:
 *   T1 c ONBOARDING        2022-03-15  1 2 9 attended, 3 absent
 *   T2 c JOINT_CITY_COUNTY 2023-09-19  1, and county members 4 (a) and 7 (b): their only training
 *   T3 a EXTERNAL          2023-05-16  5 attended, 6 absent
 *   T4 c ONLINE            2021-12-01  2 attended (before both terms)
 *   T5 a INVITED_EXPERT    2024-06-18  5 attended, 9 excused
 *   T6 c EXTERNAL          2023-07-11  1 2 8 attended, 3 excused (8 resigned since)
 */
describe.each(databasesUnderTest())("trainingStats definitions ($kind)", (db) => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [trainingModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: register,
    });
    const em = sg.databases.get("training")!.dataSource.manager;
    const session = (id: number, code: string, kind: TrainingKind, startsOn: string, hours: number) => ({
      id,
      committeeCode: code,
      title: `班次${id}`,
      kind,
      provider: "承办方",
      startsOn,
      endsOn: startsOn,
      place: "",
      hours,
      version: 1,
    });
    await em.insert(TrainingSession, [
      session(1, "c", TrainingKind.ONBOARDING, "2022-03-15", 16),
      session(2, "c", TrainingKind.JOINT_CITY_COUNTY, "2023-09-19", 12),
      session(3, "a", TrainingKind.EXTERNAL, "2023-05-16", 40),
      session(4, "c", TrainingKind.ONLINE, "2021-12-01", 4),
      session(5, "a", TrainingKind.INVITED_EXPERT, "2024-06-18", 6.5),
      session(6, "c", TrainingKind.EXTERNAL, "2023-07-11", 40),
    ]);
    const { ATTENDED, ABSENT, EXCUSED } = TrainingAttendance;
    const marks: [number, number, TrainingAttendance][] = [
      [1, 1, ATTENDED],
      [1, 2, ATTENDED],
      [1, 9, ATTENDED],
      [1, 3, ABSENT],
      [2, 1, ATTENDED],
      [2, 4, ATTENDED],
      [2, 7, ATTENDED],
      [3, 5, ATTENDED],
      [3, 6, ABSENT],
      [4, 2, ATTENDED],
      [5, 5, ATTENDED],
      [5, 9, EXCUSED],
      [6, 1, ATTENDED],
      [6, 2, ATTENDED],
      [6, 8, ATTENDED],
      [6, 3, EXCUSED],
    ];
    await em.insert(
      TrainingEnrolment,
      marks.map(([sessionId, memberId, attendance]) => ({
        sessionId,
        memberId,
        attendance,
        markedAt: new Date(),
        markedBy: "test",
      })),
    );
  });
  afterAll(() => sg?.stop());

  const FIGURES =
    "from until term year asOf sessions trainees attendances coverage activeMembers activeMembersTrained byKind { kind sessions trainees attendances }";
  const stats = async (codes: string[], args: string, who = staff("c")) => {
    const r = await sg.query<{ _entities: ({ trainingStats: Record<string, unknown> | null } | null)[] }>(
      who,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Committee { trainingStats${args} { ${FIGURES} } } } }`,
      { reps: codes.map((code) => ({ __typename: "Committee", code })) },
    );
    return { figures: r.data?._entities.map((e) => e?.trainingStats ?? null) ?? [], errors: r.errors };
  };

  it("counts the city's sessions, trainees of any committee and coverage over its term", async () => {
    const { figures, errors } = await stats(["c"], "(term: 5)");
    expect(errors).toBeUndefined();
    expect(figures[0]).toMatchObject({
      from: "2022-01-10",
      until: "2027-01-09",
      term: 5,
      year: null,
      sessions: 3, // T1, T2, T6; T4 came before the term
      trainees: 6, // 1 2 9 | 1 4 7 | 1 2 8
      attendances: 9,
      activeMembers: 4, // 1 2 3 9
      activeMembersTrained: 3, // 3 was absent, then excused
      coverage: 0.75,
      byKind: [
        { kind: "ONBOARDING", sessions: 1, trainees: 3, attendances: 3 },
        { kind: "EXTERNAL", sessions: 1, trainees: 3, attendances: 3 },
        { kind: "JOINT_CITY_COUNTY", sessions: 1, trainees: 3, attendances: 3 },
      ],
    });
  });

  it("counts a county member trained by a city session in the county's coverage", async () => {
    const { figures } = await stats(["a", "b"], "");
    expect(figures[0]).toMatchObject({
      from: "2021-12-27",
      until: "2026-12-26",
      term: 11,
      sessions: 2, // T3, T5
      trainees: 1, // 5
      attendances: 2,
      activeMembers: 4, // 4 5 6 9
      activeMembersTrained: 3, // 4 (city's T2 only), 5, 9 (city's T1)
      coverage: 0.75,
    });
    expect(figures[1]).toMatchObject({ sessions: 0, trainees: 0, activeMembers: 1, activeMembersTrained: 1, coverage: 1 });
  });

  it("counts a calendar year, and distinct people over a subtree", async () => {
    const year = (await stats(["c"], "(year: 2023)")).figures[0];
    expect(year).toMatchObject({
      from: "2023-01-01",
      until: "2023-12-31",
      asOf: "2023-12-31",
      sessions: 2,
      trainees: 5,
      attendances: 6,
      activeMembersTrained: 2,
      coverage: 0.5,
    });
    const all = (await stats(["c"], "(term: 5, includeDescendants: true)")).figures[0];
    expect(all).toMatchObject({
      sessions: 5,
      trainees: 7,
      attendances: 11,
      activeMembers: 8, // 9 sits on c and a: once
      activeMembersTrained: 6,
      coverage: 0.75,
    });
    const before = (await stats(["c"], "(term: 4)")).figures[0];
    expect(before).toMatchObject({ from: "2017-01-10", until: "2022-01-09", sessions: 1, trainees: 1 });
  });

  it("refuses a term and a year together, or a term that does not exist", async () => {
    const both = await stats(["c"], "(term: 5, year: 2023)");
    expect([codeOf(both.errors), fieldOf(both.errors)]).toEqual(["BAD_USER_INPUT", "year"]);
    expect(fieldOf((await stats(["c"], "(term: 0)")).errors)).toBe("term");
    expect(fieldOf((await stats(["c"], "(term: 7)")).errors)).toBe("term");
    expect((await stats(["c"], "(term: 6)")).figures[0]).toMatchObject({ from: "2027-01-10", sessions: 0 });
  });

  it("costs the same statements for one committee as for three with different periods", async () => {
    const before = sg.statementCount();
    await stats(["c"], "(term: 5)");
    const one = sg.statementCount() - before;
    const r = await sg.query(
      staff("c"),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Committee { t: trainingStats { sessions } y: trainingStats(year: 2023) { coverage } all: trainingStats(includeDescendants: true) { trainees } } } }`,
      { reps: ["c", "a", "b"].map((code) => ({ __typename: "Committee", code })) },
    );
    expect(r.errors).toBeUndefined();
    expect(one).toBe(2);
    expect(sg.statementCount() - before - one).toBe(one);
  });

  it("gives a county the same figure whoever asks, and refuses those outside its scope", async () => {
    expect((await stats(["a"], "", staff("a"))).figures[0]).toEqual((await stats(["a"], "", staff("c"))).figures[0]);
    expect(codeOf((await stats(["b"], "", staff("a"))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["a"], "", member(4))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["a"], "", unit(2))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stats(["a"], "", ANONYMOUS)).errors)).toBe("UNAUTHENTICATED");
  });

  it("lists the active members not yet trained in the period", async () => {
    const q = `query($c: String!, $term: Int, $year: Int) { membersNotTrained(committee: $c, term: $term, year: $year, first: 100) { totalCount activeMembers from until edges { node { id } } } }`;
    type R = {
      membersNotTrained: { totalCount: number; activeMembers: number; edges: { node: { id: string } }[] };
    };
    const ids = async (vars: Record<string, unknown>) =>
      (await sg.query<R>(staff("c"), q, vars)).data!.membersNotTrained.edges.map((e) => e.node.id);
    const city = (await sg.query<R>(staff("c"), q, { c: "c", term: 5 })).data!.membersNotTrained;
    expect(city).toMatchObject({ totalCount: 1, activeMembers: 4, from: "2022-01-10", until: "2027-01-09" });
    expect(city.edges.map((e) => e.node.id)).toEqual(["3"]);
    expect(await ids({ c: "a" })).toEqual(["6"]);
    expect(await ids({ c: "c", year: 2023 })).toEqual(["3", "9"]);
    expect(codeOf((await sg.query(staff("b"), q, { c: "a" })).errors)).toBe("FORBIDDEN");
  });

  it("keeps each member's record: sessions, hours, by year; readable by them and by their offices", async () => {
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { trainingRecord { sessionsAttended hours byYear { year sessionsAttended hours } entries { sessionId kind organiser { code } attendance } } y: trainingRecord(year: 2023) { sessionsAttended hours } t: trainingRecord(term: 11, committee: "a") { sessionsAttended from until } } } }`;
    type Rec = { sessionsAttended: number; hours: number; from?: string; until?: string };
    type R = {
      _entities: ({
        trainingRecord: (Rec & { byYear: unknown[]; entries: unknown[] }) | null;
        y: Rec | null;
        t: Rec | null;
      } | null)[];
    };
    const read = (who: Parameters<TestSubgraph["query"]>[0], id: string) =>
      sg.query<R>(who, q, { reps: [{ __typename: "Member", id }] });
    const own = await read(member(9), "9");
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0]).toEqual({
      trainingRecord: {
        sessionsAttended: 1,
        hours: 16,
        byYear: [{ year: 2022, sessionsAttended: 1, hours: 16 }],
        entries: [
          { sessionId: "1", kind: "ONBOARDING", organiser: { code: "c" }, attendance: "ATTENDED" },
          { sessionId: "5", kind: "INVITED_EXPERT", organiser: { code: "a" }, attendance: "EXCUSED" },
        ],
      },
      y: { sessionsAttended: 0, hours: 0 },
      t: { sessionsAttended: 1, from: "2021-12-27", until: "2026-12-26" },
    });
    const five = (await read(staff("a"), "5")).data!._entities[0]!;
    expect(five.trainingRecord).toMatchObject({ sessionsAttended: 2, hours: 46.5 });
    expect((await read(staff("c"), "4")).data!._entities[0]!.y).toEqual({ sessionsAttended: 1, hours: 12 });
    expect(codeOf((await read(staff("b"), "4")).errors)).toBe("FORBIDDEN");
    expect(codeOf((await read(member(5), "4")).errors)).toBe("FORBIDDEN");
  });
});
