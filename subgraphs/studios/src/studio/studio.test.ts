import { ANONYMOUS, SYSTEM } from "@tongxin/sdk";
import {
  databasesUnderTest,
  member,
  startTestSubgraph,
  staff,
  unit,
  type TestSubgraph,
} from "@tongxin/sdk/dist/testing";
import { StudioActivity, StudioActivityParticipant } from "../activity/activity.entity";
import { studiosModule } from "../index";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { codeOf, committees, fieldOf, register, type Errors } from "../testing/fixture";
import { Studio } from "./studio.entity";

type StudioView = {
  id: string;
  name: string;
  version: number;
  status: string;
  closedOn: string | null;
  leadMember: { id: string } | null;
  memberCount: number;
  roster: { member: { id: string }; joinedOn: string; leftOn: string | null; current: boolean }[];
};
const STUDIO_FIELDS =
  "id name version status closedOn leadMember { id } memberCount roster(includePast: true) { member { id } joinedOn leftOn current }";

describe.each(databasesUnderTest())("studios, rosters and activities ($kind)", (db) => {
  let sg: TestSubgraph;
  let studio: StudioView;

  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [studiosModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: register,
    });
  });
  afterAll(() => sg?.stop());

  const rows = async () => {
    const em = sg.databases.get("studios")!.dataSource.manager;
    return {
      studios: await em.count(Studio),
      stays: await em.count(StudioRosterEntry),
      activities: await em.count(StudioActivity),
      participants: await em.count(StudioActivityParticipant),
    };
  };
  const mutate = async <T = Record<string, StudioView>>(
    who: Parameters<TestSubgraph["query"]>[0],
    mutation: string,
    variables: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Errors }> => sg.query<T>(who, mutation, variables);
  const create = (who: Parameters<TestSubgraph["query"]>[0], input: Record<string, unknown>) =>
    mutate(who, `mutation($i: CreateStudioInput!) { createStudio(input: $i) { ${STUDIO_FIELDS} } }`, {
      i: { name: "医者仁心委员工作室", sector: "医药卫生", establishedOn: "2023-02-01", ...input },
    });
  const addMember = (who: Parameters<TestSubgraph["query"]>[0], input: Record<string, unknown>) =>
    mutate(who, `mutation($i: AddStudioMemberInput!) { addStudioMember(input: $i) { ${STUDIO_FIELDS} } }`, {
      i: { studioId: studio.id, ...input },
    });
  const removeMember = (who: Parameters<TestSubgraph["query"]>[0], input: Record<string, unknown>) =>
    mutate(who, `mutation($i: RemoveStudioMemberInput!) { removeStudioMember(input: $i) { ${STUDIO_FIELDS} } }`, {
      i: { studioId: studio.id, ...input },
    });

  it("creates a studio with its leading member on the roster, naming the field of any bad input", async () => {
    const before = await rows();
    const bad = async (input: Record<string, unknown>, field: string, who = staff("a")) => {
      const r = await create(who, input);
      expect(codeOf(r.errors)).toBe("BAD_USER_INPUT");
      expect(fieldOf(r.errors)).toBe(field);
      expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff]/);
    };
    await bad({ name: "  " }, "input.name");
    await bad({ sector: null }, "input.theme");
    await bad({ establishedOn: "2023-02-30" }, "input.establishedOn");
    await bad({ establishedOn: "2999-01-01" }, "input.establishedOn");
    await bad({ leadMemberId: "8" }, "input.leadMemberId"); // sits on b, not a
    await bad({ leadMemberId: "9" }, "input.leadMemberId"); // resigned
    await bad({ leadMemberId: "404" }, "input.leadMemberId");
    await bad({ committee: "nowhere" }, "input.committee");
    expect(codeOf((await create(staff("c"), { committee: "a" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await create(member(6), {})).errors)).toBe("FORBIDDEN");
    expect(codeOf((await create(ANONYMOUS, {})).errors)).toBe("UNAUTHENTICATED");
    expect(await rows()).toEqual(before);

    const ok = await create(staff("a"), { leadMemberId: "6", theme: "基层医疗", address: " 甲县城关镇 " });
    expect(ok.errors).toBeUndefined();
    studio = ok.data!.createStudio;
    expect(studio).toMatchObject({
      status: "OPEN",
      leadMember: { id: "6" },
      memberCount: 1,
      roster: [{ member: { id: "6" }, joinedOn: "2023-02-01", leftOn: null, current: true }],
    });
    await bad({}, "input.name"); // the same name again on the same committee
    expect((await create(staff("b"), {})).errors).toBeUndefined(); // another committee may use it
  });

  it("keeps the roster: members of the committee only, no double stays, leave and rejoin", async () => {
    const bad = async (r: { errors?: Errors }, field: string) => {
      expect(codeOf(r.errors)).toBe("BAD_USER_INPUT");
      expect(fieldOf(r.errors)).toBe(field);
    };
    await bad(await addMember(staff("a"), { memberId: "1" }), "input.memberId"); // sits on c only
    await bad(await addMember(staff("a"), { memberId: "6" }), "input.memberId"); // already on it
    await bad(await addMember(staff("a"), { memberId: "7", joinedOn: "2023-01-01" }), "input.joinedOn");
    expect(codeOf((await addMember(staff("c"), { memberId: "7" })).errors)).toBe("FORBIDDEN"); // the city reads, does not write
    expect(codeOf((await addMember(staff("b"), { memberId: "7" })).errors)).toBe("NOT_FOUND"); // outside b's scope

    const joined = await addMember(staff("a"), { memberId: "7", joinedOn: "2023-03-01" });
    expect(joined.errors).toBeUndefined();
    expect(joined.data!.addStudioMember.memberCount).toBe(2);
    expect(joined.data!.addStudioMember.version).toBe(studio.version + 1); // roster changes move the version

    await bad(await removeMember(staff("a"), { memberId: "6" }), "input.memberId"); // the leading member
    await bad(await removeMember(staff("a"), { memberId: "5" }), "input.memberId"); // not on it
    await bad(await removeMember(staff("a"), { memberId: "7", leftOn: "2023-02-01" }), "input.leftOn");
    expect((await removeMember(staff("a"), { memberId: "7", leftOn: "2024-01-01" })).errors).toBeUndefined();
    await bad(await addMember(staff("a"), { memberId: "7", joinedOn: "2023-12-01" }), "input.joinedOn"); // overlaps
    const back = await addMember(staff("a"), { memberId: "7", joinedOn: "2024-03-01" });
    expect(back.errors).toBeUndefined();
    expect(back.data!.addStudioMember.roster.filter((e) => e.member.id === "7")).toEqual([
      { member: { id: "7" }, joinedOn: "2023-03-01", leftOn: "2024-01-01", current: false },
      { member: { id: "7" }, joinedOn: "2024-03-01", leftOn: null, current: true },
    ]);
    studio = back.data!.addStudioMember;
  });

  it("detects a stale version and lets only a current roster member lead", async () => {
    const update = (version: number, input: Record<string, unknown>) =>
      mutate(
        staff("a"),
        `mutation($id: ID!, $v: Int!, $i: UpdateStudioInput!) { updateStudio(id: $id, version: $v, input: $i) { ${STUDIO_FIELDS} } }`,
        { id: studio.id, v: version, i: input },
      );
    expect(codeOf((await update(studio.version - 1, { address: "新址" })).errors)).toBe("CONFLICT");
    const notOnRoster = await update(studio.version, { leadMemberId: "5" });
    expect(fieldOf(notOnRoster.errors)).toBe("input.leadMemberId");
    const late = await update(studio.version, { establishedOn: "2023-06-01" });
    expect(fieldOf(late.errors)).toBe("input.establishedOn"); // members joined before that day
    const ok = await update(studio.version, { leadMemberId: "7", address: "新址" });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateStudio).toMatchObject({ leadMember: { id: "7" }, version: studio.version + 1 });
    studio = ok.data!.updateStudio;
  });

  it("lets the office and the studio's own members record activities, checking every participant", async () => {
    const record = (who: Parameters<TestSubgraph["query"]>[0], input: Record<string, unknown>) =>
      mutate<{ recordStudioActivity: { id: string; version: number; participants: { id: string }[] } }>(
        who,
        `mutation($i: RecordStudioActivityInput!) { recordStudioActivity(input: $i) { id version participants { id } participantCount studio { id } } }`,
        {
          i: {
            studioId: studio.id,
            heldOn: "2024-05-10",
            type: "PUBLIC_SERVICE",
            title: "“医者仁心”义诊进社区",
            participantIds: ["6", "7"],
            peopleServed: 120,
            ...input,
          },
        },
      );
    const before = await rows();
    const bad = async (input: Record<string, unknown>, field: string) => {
      const r = await record(staff("a"), input);
      expect(codeOf(r.errors)).toBe("BAD_USER_INPUT");
      expect(fieldOf(r.errors)).toBe(field);
    };
    await bad({ participantIds: ["6", "8"] }, "input.participantIds[1]"); // sits on b
    await bad({ participantIds: ["6", "x"] }, "input.participantIds[1]");
    await bad({ participantIds: ["6", "7", "6"] }, "input.participantIds[2]");
    await bad({ participantIds: [] }, "input.participantIds");
    await bad({ heldOn: "2022-12-31" }, "input.heldOn"); // before the studio existed
    await bad({ peopleServed: -1 }, "input.peopleServed");
    await bad({ title: "" }, "input.title");
    expect(codeOf((await record(member(5), {})).errors)).toBe("FORBIDDEN"); // sits on a, but not on the roster
    expect(codeOf((await record(member(1), {})).errors)).toBe("NOT_FOUND"); // cannot see a's studios
    expect(codeOf((await record(staff("c"), {})).errors)).toBe("FORBIDDEN");
    expect(codeOf((await record(unit(1), {})).errors)).toBe("FORBIDDEN");
    expect(await rows()).toEqual(before);

    const byMember = await record(member(7), {});
    expect(byMember.errors).toBeUndefined();
    expect(byMember.data!.recordStudioActivity.participants).toEqual([{ id: "6" }, { id: "7" }]);
    const activity = byMember.data!.recordStudioActivity;
    expect(await rows()).toEqual({
      ...before,
      activities: before.activities + 1,
      participants: before.participants + 2,
    });

    const update = (who: Parameters<TestSubgraph["query"]>[0], version: number, input: Record<string, unknown>) =>
      mutate<{ updateStudioActivity: { version: number; participants: { id: string }[] } }>(
        who,
        `mutation($id: ID!, $v: Int!, $i: UpdateStudioActivityInput!) { updateStudioActivity(id: $id, version: $v, input: $i) { version participants { id } } }`,
        { id: activity.id, v: version, i: input },
      );
    expect(codeOf((await update(member(6), activity.version, { title: "改" })).errors)).toBe("FORBIDDEN"); // not the recorder
    const edited = await update(member(7), activity.version, { participantIds: ["7"], opinionReports: 1 });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateStudioActivity).toEqual({ version: activity.version + 1, participants: [{ id: "7" }] });
    expect(codeOf((await update(staff("a"), activity.version, { title: "改" })).errors)).toBe("CONFLICT");

    const del = (who: Parameters<TestSubgraph["query"]>[0], version: number) =>
      sg.query(who, `mutation($id: ID!, $v: Int!) { deleteStudioActivity(id: $id, version: $v) }`, {
        id: activity.id,
        v: version,
      });
    expect(codeOf((await del(member(7), activity.version + 1)).errors)).toBe("FORBIDDEN");
    expect(codeOf((await del(staff("a"), activity.version)).errors)).toBe("CONFLICT");
    expect((await del(staff("a"), activity.version + 1)).errors).toBeUndefined();
    expect(await rows()).toEqual(before);
  });

  it("shows studios by scope: the office and those above it, members of the committee, nobody else", async () => {
    const list = async (who: Parameters<TestSubgraph["query"]>[0], args = "") => {
      const r = await sg.query<{ studios: { totalCount: number; edges: { node: { id: string } }[] } }>(
        who,
        `{ studios${args} { totalCount edges { node { id } } } }`,
      );
      return { ids: r.data?.studios.edges.map((e) => e.node.id), errors: r.errors };
    };
    expect((await list(staff("a"))).ids).toEqual([studio.id]);
    expect((await list(staff("c"))).ids).toHaveLength(2); // a's and b's
    expect((await list(staff("c"), '(committee: "c")')).ids).toEqual([]);
    expect((await list(staff("c"), '(committee: "c", includeDescendants: true, search: "医者")')).ids).toHaveLength(2);
    expect((await list(staff("b"))).ids).toHaveLength(1);
    expect((await list(member(5))).ids).toEqual([studio.id]); // sits on a
    expect((await list(member(1))).ids).toEqual([]);
    expect(codeOf((await list(unit(1))).errors)).toBe("FORBIDDEN");
    expect(codeOf((await list(ANONYMOUS)).errors)).toBe("UNAUTHENTICATED");

    const entities = (who: Parameters<TestSubgraph["query"]>[0]) =>
      sg.query<{ _entities: ({ id?: string; studios?: { id: string }[] | null } | null)[] }>(
        who,
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Studio { id } ... on Member { studios { id } } } }`,
        {
          reps: [
            { __typename: "Studio", id: studio.id },
            { __typename: "Member", id: "7" },
          ],
        },
      );
    expect((await entities(staff("c"))).data!._entities).toEqual([{ id: studio.id }, { studios: [{ id: studio.id }] }]);
    expect((await entities(staff("b"))).data!._entities).toEqual([null, { studios: [] }]);
    expect((await entities(member(7))).data!._entities).toEqual([{ id: studio.id }, { studios: [{ id: studio.id }] }]);
    expect((await entities(SYSTEM)).data!._entities[0]).toEqual({ id: studio.id });
  });

  it("closes a studio once: every stay ends that day and the roster is frozen", async () => {
    const close = (version: number, closedOn: string) =>
      mutate(staff("a"), `mutation($i: CloseStudioInput!) { closeStudio(input: $i) { ${STUDIO_FIELDS} } }`, {
        i: { studioId: studio.id, version, closedOn },
      });
    expect(fieldOf((await close(studio.version, "2023-02-01")).errors)).toBe("input.closedOn");
    expect(fieldOf((await close(studio.version, "2024-02-01")).errors)).toBe("input.closedOn"); // m7 rejoined later
    expect(codeOf((await close(studio.version - 1, "2024-06-30")).errors)).toBe("CONFLICT");
    const closed = await close(studio.version, "2024-06-30");
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeStudio).toMatchObject({ status: "CLOSED", closedOn: "2024-06-30", memberCount: 0 });
    expect(closed.data!.closeStudio.roster.every((e) => e.leftOn !== null && e.leftOn <= "2024-06-30")).toBe(true);
    expect(codeOf((await close(closed.data!.closeStudio.version, "2024-07-01")).errors)).toBe("INVALID_TRANSITION");
    expect(codeOf((await addMember(staff("a"), { memberId: "5" })).errors)).toBe("INVALID_TRANSITION");
  });

  it("reads a page of studios with roster and members in a constant number of statements", async () => {
    for (const name of ["甲", "乙", "丙", "丁"]) {
      const r = await create(staff("a"), { name: `${name}工作室`, leadMemberId: "5" });
      expect(r.errors).toBeUndefined();
    }
    const q = `query($n: Int) { studios(committee: "a", first: $n) { edges { node { id committee { code } leadMember { id } memberCount activityCount(year: 2024) roster { member { id } } } } } }`;
    const cost = async (n: number) => {
      const before = sg.statementCount();
      const r = await sg.query<{ studios: { edges: unknown[] } }>(staff("a"), q, { n });
      expect(r.data!.studios.edges).toHaveLength(n);
      return sg.statementCount() - before;
    };
    expect(await cost(5)).toBe(await cost(2));
  });
});
