import { ANONYMOUS } from "@tongxin/sdk";
import {
  databasesUnderTest,
  member,
  startTestSubgraph,
  staff,
  unit,
  type TestSubgraph,
} from "@tongxin/sdk/dist/testing";
import { DutyActivity, DutyActivityParticipant } from "./activity/activity.entity";
import { activitiesModule } from "./index";
import { codeOf, committees, crowd, fieldOf } from "./testing/fixture";

type Who = Parameters<TestSubgraph["query"]>[0];
type Row = { id: string; version: number; kind: string };

describe.each(databasesUnderTest())("duty activities ($kind)", (db) => {
  let sg: TestSubgraph;
  let topic: Row;

  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [activitiesModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: crowd,
    });
  });
  afterAll(() => sg?.stop());

  const count = async () => {
    const em = sg.databases.get("activities")!.dataSource.manager;
    return { activities: await em.count(DutyActivity), participants: await em.count(DutyActivityParticipant) };
  };
  const create = (who: Who, input: Record<string, unknown>) =>
    sg.query<{ createDutyActivity: Row }>(
      who,
      `mutation($i: CreateDutyActivityInput!) { createDutyActivity(input: $i) { id version kind } }`,
      { i: { kind: "TOPIC", title: "关于学前教育高质量发展的调研", startsOn: "2023-02-10", ...input } },
    );
  const stats = (who: Who, code: string, includeDescendants = false) =>
    sg.query<{ _entities: { activityStats: Record<string, number> | null }[] }>(
      who,
      `query($r: [_Any!]!, $d: Boolean) { _entities(representations: $r) { ... on Committee { activityStats(year: 2023, includeDescendants: $d) {
        researchTopics fieldTrips inspections researchReports grassrootsActivities grassrootsExperts grassrootsVisits grassrootsPeopleServed grassrootsMattersDone participations } } } }`,
      { r: [{ __typename: "Committee", code }], d: includeDescendants },
    );

  it("back-enters a topic, its trips and a grassroots return for the organiser's office only", async () => {
    const t = await create(staff("c"), {
      reportTitle: "学前教育调研报告",
      reportSubmittedOn: "2023-06-30",
      participants: [{ memberId: "1", leads: true }, { memberId: "2" }],
    });
    expect(t.errors).toBeUndefined();
    topic = t.data!.createDutyActivity;
    const trip = await create(staff("c"), {
      kind: "RESEARCH_TRIP",
      title: "深入调研: 鲁甸县",
      startsOn: "2023-03-08",
      topicId: topic.id,
      // A city trip may take county members along (9 sits on both, 4 on a).
      participants: [{ memberId: "1", leads: true }, { memberId: "4" }, { memberId: "9" }],
    });
    expect(trip.errors).toBeUndefined();
    const inspection = await create(staff("c"), { kind: "INSPECTION", title: "视察机场迁建", startsOn: "2023-05-20" });
    expect(inspection.errors).toBeUndefined();
    const visits = await create(staff("a"), {
      kind: "GRASSROOTS_VISIT",
      title: "2023年第一季度走基层",
      startsOn: "2023-02-15",
      expertsContacted: 12,
      visits: 80,
      peopleServed: 250,
      mattersDone: 20,
      participants: [{ memberId: "4" }, { memberId: "5" }],
    });
    expect(visits.errors).toBeUndefined();
    expect(codeOf((await create(staff("c"), { committee: "a" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await create(member(1), {})).errors)).toBe("FORBIDDEN");
  });

  it("refuses what does not add up, naming the field, and writes nothing", async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "RESEARCH_TRIP", visits: 3 }, "input.visits"],
      [{ kind: "RESEARCH_TRIP", startsOn: "2999-01-01" }, "input.startsOn"],
      [{ endsOn: "2023-01-01" }, "input.endsOn"],
      [{ reportSubmittedOn: "2023-03-01" }, "input.reportTitle"],
      [{ kind: "PUBLICITY", reportTitle: "x" }, "input.reportTitle"],
      [{ kind: "GRASSROOTS_VISIT", mattersDone: -1 }, "input.mattersDone"],
      [{ kind: "TOPIC", topicId: "1" }, "input.topicId"],
      [{ participants: [{ memberId: "8" }] }, "input.participants[0].memberId"],
      [{ participants: [{ memberId: "1" }, { memberId: "1" }] }, "input.participants[1].memberId"],
    ];
    for (const [input, field] of cases) {
      const r = await create(staff("c"), input);
      expect([input, codeOf(r.errors), fieldOf(r.errors)]).toEqual([input, "BAD_USER_INPUT", field]);
    }
    const foreignTopic = await create(staff("a"), {
      kind: "RESEARCH_TRIP",
      title: "x",
      startsOn: "2023-03-01",
      topicId: topic.id,
    });
    expect(codeOf(foreignTopic.errors)).toBe("NOT_FOUND");
    expect(await count()).toEqual(before);
  });

  it("shows activities within scope, NOT_FOUND elsewhere, and nothing to units or anonymous callers", async () => {
    const q = `query($id: ID!) { dutyActivity(id: $id) { title trips { title } participants { leads member { id } } } }`;
    const own = await sg.query<{ dutyActivity: { trips: unknown[]; participants: unknown[] } }>(staff("c"), q, {
      id: topic.id,
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.dutyActivity.trips).toHaveLength(1);
    expect(own.data!.dutyActivity.participants).toHaveLength(2);
    expect(codeOf((await sg.query(staff("a"), q, { id: topic.id })).errors)).toBe("NOT_FOUND");
    // Member 4 (county a) took part in the city's trip: they see it, not the topic they were not on.
    const list = await sg.query<{ dutyActivities: { edges: { node: { kind: string } }[] } }>(
      member(4),
      `{ dutyActivities(year: 2023) { edges { node { kind } } } }`,
    );
    expect(list.data!.dutyActivities.edges.map((e) => e.node.kind).sort()).toEqual([
      "GRASSROOTS_VISIT",
      "RESEARCH_TRIP",
    ]);
    expect(codeOf((await sg.query(unit(1), q, { id: topic.id })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(ANONYMOUS, q, { id: topic.id })).errors)).toBe("UNAUTHENTICATED");
  });

  it("counts topics, trips and the four grassroots counts, the city with its counties by addition", async () => {
    const city = (await stats(staff("c"), "c")).data!._entities[0].activityStats!;
    expect(city).toMatchObject({
      researchTopics: 1,
      fieldTrips: 2,
      inspections: 1,
      researchReports: 1,
      grassrootsActivities: 0,
      participations: 5,
    });
    const county = (await stats(staff("c"), "a")).data!._entities[0].activityStats!;
    expect(county).toMatchObject({
      grassrootsActivities: 1,
      grassrootsExperts: 12,
      grassrootsVisits: 80,
      grassrootsPeopleServed: 250,
      grassrootsMattersDone: 20,
    });
    const all = (await stats(staff("c"), "c", true)).data!._entities[0].activityStats!;
    for (const k of Object.keys(all)) expect([k, all[k]]).toEqual([k, city[k] + county[k]]);
    expect(codeOf((await stats(staff("a"), "c")).errors)).toBe("FORBIDDEN");
  });

  it("gives a member their record of activities, the office of their committee too, nobody else", async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { activityRecord(year: 2023) { activities research grassroots entries { kind leads } } } } }`;
    const own = await sg.query<{ _entities: { activityRecord: Record<string, unknown> }[] }>(member(4), q, {
      r: [{ __typename: "Member", id: "4" }],
    });
    expect(own.data!._entities[0].activityRecord).toEqual({
      activities: 2,
      research: 1,
      grassroots: 1,
      entries: [
        { kind: "GRASSROOTS_VISIT", leads: false },
        { kind: "RESEARCH_TRIP", leads: false },
      ],
    });
    expect((await sg.query(staff("a"), q, { r: [{ __typename: "Member", id: "4" }] })).errors).toBeUndefined();
    expect(codeOf((await sg.query(member(5), q, { r: [{ __typename: "Member", id: "4" }] })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(staff("b"), q, { r: [{ __typename: "Member", id: "4" }] })).errors)).toBe(
      "FORBIDDEN",
    );
  });

  it("costs the same number of statements for a page of 5 activities as for 50", async () => {
    for (let i = 0; i < 50; i++) {
      const r = await create(staff("b"), {
        kind: "PUBLICITY",
        title: `宣讲 ${i}`,
        startsOn: "2023-04-01",
        participants: [{ memberId: "7" }],
      });
      expect(r.errors).toBeUndefined();
    }
    const page = `query($n: Int!) { dutyActivities(committee: "b", first: $n) { edges { node { id participants { member { id } } topic { id } trips { id } committee { code } } } } }`;
    const cost = async (n: number) => {
      const before = sg.statementCount();
      expect((await sg.query(staff("b"), page, { n })).errors).toBeUndefined();
      return sg.statementCount() - before;
    };
    expect(await cost(5)).toBe(await cost(50));
  });
});
