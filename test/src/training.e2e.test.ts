import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import type { Stack } from "@tongxin/infra";
import { codeOf, seededStack } from "./helpers";

type ByKind = { kind: string; sessions: number; trainees: number; attendances: number }[];
type Coverage = { activeMembers: number; activeMembersTrained: number; coverage: number };

describe.each(databasesUnderTest())("training through the gateway ($kind)", (db) => {
  let stack: Stack;
  let cityToken: string;

  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    cityToken = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  it("reproduces the city's 2023 training: 271 sent to universities, 130 trained by two invited experts", async () => {
    const r = await stack.query<{
      committee: {
        memberStats: { activeMembers: number };
        trainingStats: { byKind: ByKind };
        children: { code: string; memberStats: { activeMembers: number }; trainingStats: { byKind: ByKind } }[];
      };
    }>(
      cityToken,
      `{ committee(code: "zhaotong") { memberStats(year: 2023) { activeMembers } trainingStats(year: 2023) { byKind { kind sessions trainees attendances } }
         children { code memberStats(year: 2023) { activeMembers } trainingStats(year: 2023) { byKind { kind sessions trainees attendances } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const city = r.data!.committee;
    const kind = (list: ByKind, k: string) => list.find((x) => x.kind === k)!;
    expect(kind(city.trainingStats.byKind, "EXTERNAL")).toMatchObject({ trainees: 271, attendances: 271 });
    expect(kind(city.trainingStats.byKind, "INVITED_EXPERT")).toEqual({
      kind: "INVITED_EXPERT",
      sessions: 1,
      trainees: 130,
      attendances: 130,
    });
    for (const county of city.children) {
      const scale = county.memberStats.activeMembers / city.memberStats.activeMembers;
      expect(Math.abs(kind(county.trainingStats.byKind, "EXTERNAL").trainees - 271 * scale)).toBeLessThanOrEqual(2);
      expect(Math.abs(kind(county.trainingStats.byKind, "INVITED_EXPERT").trainees - 130 * scale)).toBeLessThanOrEqual(
        1,
      );
    }
  });

  it("counts a county member trained by a city session in the county's coverage", async () => {
    const weixin = stack.token({ role: "STAFF", committee: "weixin" });
    const coverageQ = `{ committee(code: "weixin") { trainingStats { activeMembers activeMembersTrained coverage } }
      membersNotTrained(committee: "weixin", first: 1) { totalCount edges { node { id name } } } }`;
    type R = {
      committee: { trainingStats: Coverage };
      membersNotTrained: { totalCount: number; edges: { node: { id: string; name: string } }[] };
    };
    const before = (await stack.query<R>(weixin, coverageQ)).data!;
    expect(before.membersNotTrained.totalCount).toBe(
      before.committee.trainingStats.activeMembers - before.committee.trainingStats.activeMembersTrained,
    );
    const target = before.membersNotTrained.edges[0].node;

    const created = await stack.query<{ createTrainingSession: { id: string } }>(
      cityToken,
      `mutation { createTrainingSession(input: { title: "市县政协委员履职能力联动培训(威信)", kind: JOINT_CITY_COUNTY,
         provider: "昭通市政协", place: "威信县政协会议中心", startsOn: "2026-06-01", endsOn: "2026-06-02", hours: 12 }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const sessionId = created.data!.createTrainingSession.id;
    const marked = await stack.query(
      cityToken,
      `mutation($s: ID!, $r: [AttendanceRecordInput!]!) { markAttendance(sessionId: $s, records: $r) { marked newlyEnrolled } }`,
      { s: sessionId, r: [{ memberId: target.id, status: "ATTENDED" }] },
    );
    expect(marked.errors).toBeUndefined();

    const after = (await stack.query<R>(weixin, coverageQ)).data!;
    expect(after.committee.trainingStats.activeMembersTrained).toBe(
      before.committee.trainingStats.activeMembersTrained + 1,
    );
    expect(after.membersNotTrained.totalCount).toBe(before.membersNotTrained.totalCount - 1);

    // The county office reads its member's record, city course included, but not the city's attendance list.
    const record = await stack.query<{
      member: { name: string; trainingRecord: { entries: { sessionId: string; organiser: { name: string } }[] } };
    }>(
      weixin,
      `query($id: ID!) { member(id: $id) { name trainingRecord { entries { sessionId organiser { name } } } } }`,
      {
        id: target.id,
      },
    );
    expect(record.errors).toBeUndefined();
    const entry = record.data!.member.trainingRecord.entries.find((e) => e.sessionId === sessionId)!;
    expect(entry.organiser.name).toBe("昭通市政协");
    const list = await stack.query(
      weixin,
      `query($id: ID!) { trainingSession(id: $id) { enrolments { member { id } } } }`,
      {
        id: sessionId,
      },
    );
    expect(codeOf(list.errors)).toBe("NOT_FOUND");
    const self = await stack.query<{ trainingSession: { enrolments: { member: { id: string } }[] } }>(
      stack.token({ role: "MEMBER", member: target.id }),
      `query($id: ID!) { trainingSession(id: $id) { enrolments { member { id } } } }`,
      { id: sessionId },
    );
    expect(self.data!.trainingSession.enrolments).toEqual([{ member: { id: target.id } }]);
  });

  it("marks a sheet of 300 in one mutation, all or nothing", async () => {
    const ids: string[] = [];
    let after: string | null = null;
    while (ids.length < 300) {
      const page: { data?: { members: { pageInfo: { endCursor: string }; edges: { node: { id: string } }[] } } } =
        await stack.query(
          cityToken,
          `query($a: String) { members(committee: "zhaotong", status: ACTIVE, first: 100, after: $a) { pageInfo { endCursor } edges { node { id } } } }`,
          { a: after },
        );
      ids.push(...page.data!.members.edges.map((e) => e.node.id));
      after = page.data!.members.pageInfo.endCursor;
    }
    const created = await stack.query<{ createTrainingSession: { id: string } }>(
      cityToken,
      `mutation { createTrainingSession(input: { title: "学习贯彻全会精神专题培训", kind: INVITED_EXPERT, provider: "云南大学教授",
         startsOn: "2026-03-10", hours: 6 }) { id } }`,
    );
    const s = created.data!.createTrainingSession.id;
    const sheet = ids.slice(0, 300).map((memberId, i) => ({ memberId, status: i % 20 === 0 ? "EXCUSED" : "ATTENDED" }));
    const mark = (records: typeof sheet) =>
      stack.query<{ markAttendance: { marked: number; attended: number; excused: number } }>(
        cityToken,
        `mutation($s: ID!, $r: [AttendanceRecordInput!]!) { markAttendance(sessionId: $s, records: $r) { marked attended excused } }`,
        { s, r: records },
      );
    const summary = async () =>
      (
        await stack.query<{ trainingSession: { attendanceSummary: { enrolled: number; attended: number } } }>(
          cityToken,
          `query($s: ID!) { trainingSession(id: $s) { attendanceSummary { enrolled attended } } }`,
          { s },
        )
      ).data!.trainingSession.attendanceSummary;

    const broken = await mark(sheet.map((r, i) => (i === 37 ? { ...r, memberId: "9999999" } : r)));
    expect(codeOf(broken.errors)).toBe("BAD_USER_INPUT");
    expect(broken.errors![0].extensions!.field).toBe("records[37].memberId");
    expect(await summary()).toEqual({ enrolled: 0, attended: 0 });

    const started = Date.now();
    const ok = await mark(sheet);
    const ms = Date.now() - started;
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.markAttendance).toEqual({ marked: 300, attended: 285, excused: 15 });
    expect(await summary()).toEqual({ enrolled: 300, attended: 285 });
    expect(ms).toBeLessThan(5000);
  });

  it("lists the city's members not yet trained this term, consistent with its coverage", async () => {
    const r = await stack.query<{
      committee: { trainingStats: Coverage };
      membersNotTrained: { totalCount: number; activeMembers: number; edges: { node: { name: string } }[] };
    }>(
      cityToken,
      `{ committee(code: "zhaotong") { trainingStats(term: 5) { activeMembers activeMembersTrained coverage } }
         membersNotTrained(committee: "zhaotong", term: 5, first: 100) { totalCount activeMembers edges { node { name } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const stats = r.data!.committee.trainingStats;
    const gap = r.data!.membersNotTrained;
    expect(gap.activeMembers).toBe(stats.activeMembers);
    expect(gap.totalCount).toBe(stats.activeMembers - stats.activeMembersTrained);
    expect(gap.totalCount).toBeGreaterThan(0);
    expect(gap.edges).toHaveLength(gap.totalCount);
    for (const e of gap.edges) expect(e.node.name).toBeTruthy();
    const member = await stack.query(
      stack.token({ role: "MEMBER", member: "1" }),
      `{ membersNotTrained(committee: "zhaotong") { totalCount } }`,
    );
    expect(codeOf(member.errors)).toBe("FORBIDDEN");
  });
});
