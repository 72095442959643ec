import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import type { Stack } from "@tongxin/infra";
import { codeOf, seededStack } from "./helpers";

type StudioFigures = {
  asOf: string;
  studios: number;
  newStudios: number;
  studioMembers: number;
  newStudioMembers: number;
  coverage: number | null;
  sectorCoverage: number | null;
  activities: number;
  activeMembers: number;
  activeMembersInStudios: number;
};
type TrainingFigures = {
  from: string;
  until: string;
  sessions: number;
  trainees: number;
  attendances: number;
  coverage: number | null;
  activeMembers: number;
};
type Figures = {
  code: string;
  name: string;
  memberStats: { activeMembers: number } | null;
  studioStats: StudioFigures | null;
  trainingStats: TrainingFigures | null;
  currentTerm: TrainingFigures | null;
};

const STUDIO =
  "asOf studios newStudios studioMembers newStudioMembers coverage sectorCoverage activities activeMembers activeMembersInStudios";
const TRAINING = "from until sessions trainees attendances coverage activeMembers";
const FIGURES = `code name memberStats(year: 2023) { activeMembers } studioStats(year: 2023) { ${STUDIO} } trainingStats(term: 5) { ${TRAINING} } currentTerm: trainingStats { ${TRAINING} }`;

describe.each(databasesUnderTest())("studios through the gateway ($kind)", (db) => {
  let stack: Stack;
  let cityToken: string;

  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    cityToken = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  it("answers members, studio and training figures of the city and every county in one query", async () => {
    const r = await stack.query<{ committee: Figures & { children: Figures[] } }>(
      cityToken,
      `{ committee(code: "zhaotong") { ${FIGURES} children { ${FIGURES} } } }`,
    );
    expect(r.errors).toBeUndefined();
    const city = r.data!.committee;
    // The source report's 2023 figures: 11 new studios, 135 new studio members, 226 in all.
    expect(city.studioStats).toMatchObject({
      asOf: "2023-12-31",
      newStudios: 11,
      studioMembers: 226,
      newStudioMembers: 135,
    });
    // "Active" means the same in both subgraphs: the members subgraph's register at the end of 2023.
    expect(city.studioStats!.activeMembers).toBe(city.memberStats!.activeMembers);
    expect(city.trainingStats).toMatchObject({ from: "2022-01-10", until: "2027-01-09" });
    expect(city.trainingStats!.coverage).toBeGreaterThan(0.9);

    const cityShare = 226 / city.memberStats!.activeMembers;
    expect(city.children).toHaveLength(11);
    for (const county of city.children) {
      const s = county.studioStats!;
      expect(s.activeMembers).toBe(county.memberStats!.activeMembers);
      // Counties are calibrated in proportion to their size.
      expect(Math.abs(s.studioMembers / s.activeMembers - cityShare)).toBeLessThan(0.02);
      expect(s.newStudios).toBeGreaterThanOrEqual(4);
      expect(s.newStudioMembers).toBeLessThan(s.studioMembers);
      expect(s.activities).toBeGreaterThan(0);
      expect(s.coverage).toBeGreaterThan(0.5);
      expect(s.coverage).toBeLessThan(0.65);
      // Term 5 is a county's current term only in 昭阳区 (the others are in their 11th, 水富 its 4th).
      const term5Current = county.code === "zhaoyang";
      expect(county.trainingStats!.sessions > 0).toBe(term5Current);
      expect(county.currentTerm!.sessions).toBeGreaterThan(10);
      expect(county.currentTerm!.coverage).toBeGreaterThan(0.9);
      expect(county.currentTerm!.coverage).toBeLessThan(1);
    }

    // A county's figure is the same number whoever asks for it.
    const own = await stack.query<{ committee: Figures }>(
      stack.token({ role: "STAFF", committee: "zhenxiong" }),
      `{ committee(code: "zhenxiong") { ${FIGURES} } }`,
    );
    expect(own.data!.committee).toEqual(city.children.find((c) => c.code === "zhenxiong"));
  });

  it("reads a page of studios with roster and members at the same SQL cost for 5 and 50", async () => {
    const q = `query($n: Int) { studios(committee: "zhaotong", includeDescendants: true, first: $n) { edges { node {
      id name committee { name } leadMember { name } memberCount activityCount(year: 2023)
      roster { joinedOn member { id name sector { name } } } } } } }`;
    const cost = async (n: number) => {
      await stack.query(cityToken, q, { n }); // warm caches (committee trees) before measuring
      const before = stack.statementCount();
      const r = await stack.query<{ studios: { edges: { node: { roster: { member: { name: string } }[] } }[] } }>(
        cityToken,
        q,
        { n },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.studios.edges).toHaveLength(n);
      for (const e of r.data!.studios.edges) for (const s of e.node.roster) expect(s.member.name).toBeTruthy();
      return stack.statementCount() - before;
    };
    const small = await cost(5);
    const large = await cost(50);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });

  it("keeps each office to its own studios, and lets a roster member record an activity", async () => {
    const weixin = stack.token({ role: "STAFF", committee: "weixin" });
    const yiliang = stack.token({ role: "STAFF", committee: "yiliang" });
    const list = await stack.query<{
      studios: { edges: { node: { id: string; version: number; roster: { member: { id: string } }[] } }[] };
    }>(
      weixin,
      `{ studios(committee: "weixin", status: OPEN, first: 1) { edges { node { id version roster { member { id } } } } } }`,
    );
    const studio = list.data!.studios.edges[0].node;
    const rosterMember = studio.roster[0].member.id;

    const seen = `query($id: ID!) { studio(id: $id) { name roster { member { name } } } }`;
    expect(codeOf((await stack.query(yiliang, seen, { id: studio.id })).errors)).toBe("NOT_FOUND");
    expect((await stack.query(cityToken, seen, { id: studio.id })).errors).toBeUndefined();

    const create = `mutation { createStudio(input: { committee: "weixin", name: "越权工作室", theme: "测试", establishedOn: "2024-01-01" }) { id } }`;
    expect(codeOf((await stack.query(yiliang, create)).errors)).toBe("FORBIDDEN");
    expect(codeOf((await stack.query(cityToken, create)).errors)).toBe("FORBIDDEN");

    const record = (token: string) =>
      stack.query<{
        recordStudioActivity: { title: string; participants: { name: string }[]; studio: { name: string } };
      }>(
        token,
        `mutation($i: RecordStudioActivityInput!) { recordStudioActivity(input: $i) { title participants { name } studio { name } } }`,
        {
          i: {
            studioId: studio.id,
            heldOn: "2024-06-01",
            type: "MICRO_CONSULTATION",
            title: "关于乡村学校营养餐的微协商",
            participantIds: [rosterMember],
            peopleServed: 40,
          },
        },
      );
    const byMember = await record(stack.token({ role: "MEMBER", member: rosterMember }));
    expect(byMember.errors).toBeUndefined();
    expect(byMember.data!.recordStudioActivity.participants[0].name).toBeTruthy();
    expect(codeOf((await record(yiliang)).errors)).toBe("NOT_FOUND");

    // Member.studios, contributed by the studios subgraph, next to the members subgraph's own fields.
    const m = await stack.query<{ member: { name: string; studios: { id: string }[] } }>(
      weixin,
      `query($id: ID!) { member(id: $id) { name studios { id } } }`,
      { id: rosterMember },
    );
    expect(m.data!.member.studios.map((s) => s.id)).toContain(studio.id);
  });

  it("lists the city's members outside every studio, consistent with today's coverage", async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const r = await stack.query<{
      membersOutsideStudios: {
        totalCount: number;
        activeMembers: number;
        sectorsWithoutStudioMember: string[];
        edges: { node: { name: string } }[];
      };
      committee: { studioStats: StudioFigures };
    }>(
      cityToken,
      `{ membersOutsideStudios(committee: "zhaotong", first: 5) { totalCount activeMembers sectorsWithoutStudioMember edges { node { name } } }
         committee(code: "zhaotong") { studioStats(year: ${year}) { ${STUDIO} } } }`,
    );
    expect(r.errors).toBeUndefined();
    const gap = r.data!.membersOutsideStudios;
    const today = r.data!.committee.studioStats;
    expect(gap.activeMembers).toBe(today.activeMembers);
    expect(gap.totalCount).toBe(today.activeMembers - today.activeMembersInStudios);
    expect(gap.edges).toHaveLength(5);
    for (const e of gap.edges) expect(e.node.name).toBeTruthy();
    expect(Array.isArray(gap.sectorsWithoutStudioMember)).toBe(true);
  });
});
