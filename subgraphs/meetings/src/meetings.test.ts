import { ANONYMOUS } from "@tongxin/sdk";
import {
  databasesUnderTest,
  member,
  startTestSubgraph,
  staff,
  unit,
  type TestSubgraph,
} from "@tongxin/sdk/dist/testing";
import { MeetingAttendance } from "./attendance/attendance.entity";
import { meetingsModule } from "./index";
import { MeetingLeaveRequest } from "./leave/leave.entity";
import { codeOf, committees, crowd, fieldOf } from "./testing/fixture";

type Who = Parameters<TestSubgraph["query"]>[0];
type MeetingRow = { id: string; version: number; kind: string; committee: { code: string } };
type Stats = {
  meetings: number;
  expected: number;
  attended: number;
  attendanceRate: number | null;
  absencesWithoutLeave: number;
  onLeave: number;
  unmarked: number;
  speeches: number;
  byKind: { kind: string; meetings: number }[];
};

describe.each(databasesUnderTest())("meetings, roll, leave and speeches ($kind)", (db) => {
  let sg: TestSubgraph;
  let plenary: MeetingRow;

  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [meetingsModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: crowd,
    });
  });
  afterAll(() => sg?.stop());

  const rows = async () => {
    const em = sg.databases.get("meetings")!.dataSource.manager;
    return { roll: await em.count(MeetingAttendance), leave: await em.count(MeetingLeaveRequest) };
  };
  const create = (who: Who, input: Record<string, unknown>) =>
    sg.query<{ createMeeting: MeetingRow }>(
      who,
      `mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { id version kind committee { code } } }`,
      {
        i: {
          kind: "PLENARY",
          title: "政协第十一届甲县委员会第三次会议",
          startsOn: "2023-01-06",
          endsOn: "2023-01-09",
          halfDays: 7,
          ...input,
        },
      },
    );
  const mark = (who: Who, meetingId: string, records: { memberId: string; presence: string }[]) =>
    sg.query<{
      markMeetingAttendance: {
        marked: number;
        addedToRoll: number;
        present: number;
        late: number;
        absent: number;
        onLeave: number;
      };
    }>(
      who,
      `mutation($m: ID!, $r: [MeetingAttendanceRecordInput!]!) { markMeetingAttendance(meetingId: $m, records: $r) { marked addedToRoll present late absent onLeave } }`,
      { m: meetingId, r: records },
    );
  const stats = (who: Who, code: string, includeDescendants = false) =>
    sg.query<{ _entities: { meetingStats: Stats | null }[] }>(
      who,
      `query($r: [_Any!]!, $d: Boolean) { _entities(representations: $r) { ... on Committee { meetingStats(year: 2023, includeDescendants: $d) {
        meetings expected attended attendanceRate absencesWithoutLeave onLeave unmarked speeches byKind { kind meetings } } } } }`,
      { r: [{ __typename: "Committee", code }], d: includeDescendants },
    );

  it("back-enters a past plenary session for the county's own office only, one plenary a year", async () => {
    const ok = await create(staff("a"), {});
    expect(ok.errors).toBeUndefined();
    plenary = ok.data!.createMeeting;
    expect(plenary.committee.code).toBe("a");

    const second = await create(staff("a"), {
      title: "第二次全体会议",
      startsOn: "2023-06-01",
      endsOn: null,
      halfDays: null,
    });
    expect(codeOf(second.errors)).toBe("BAD_USER_INPUT");
    expect(fieldOf(second.errors)).toBe("input.kind");
    const other = await create(staff("b"), { committee: "a" });
    expect(codeOf(other.errors)).toBe("FORBIDDEN");
    const city = await create(staff("c"), { committee: "a" });
    expect(codeOf(city.errors)).toBe("FORBIDDEN");
    const badDays = await create(staff("b"), { startsOn: "2023-01-06", endsOn: "2023-01-06", halfDays: 3 });
    expect(fieldOf(badDays.errors)).toBe("input.halfDays");
  });

  it("shows a meeting to its office and those above, as NOT_FOUND to another county, and refuses units", async () => {
    const q = `query($id: ID!) { meeting(id: $id) { id title } }`;
    expect((await sg.query(staff("a"), q, { id: plenary.id })).data).toEqual({
      meeting: { id: plenary.id, title: expect.any(String) },
    });
    expect((await sg.query(staff("c"), q, { id: plenary.id })).errors).toBeUndefined();
    expect(codeOf((await sg.query(staff("b"), q, { id: plenary.id })).errors)).toBe("NOT_FOUND");
    expect(codeOf((await sg.query(unit(1), q, { id: plenary.id })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await sg.query(ANONYMOUS, q, { id: plenary.id })).errors)).toBe("UNAUTHENTICATED");
    const list = await sg.query<{ meetings: { totalCount: number } }>(
      staff("b"),
      `{ meetings(year: 2023) { totalCount } }`,
    );
    expect(list.data!.meetings.totalCount).toBe(0);
  });

  it("expects the whole register on the meeting's day", async () => {
    const r = await sg.query<{ addToMeetingRoll: { rollSummary: { expected: number; unmarked: number } } }>(
      staff("a"),
      `mutation($m: ID!) { addToMeetingRoll(meetingId: $m, wholeRegister: true) { rollSummary { expected unmarked } } }`,
      { m: plenary.id },
    );
    expect(r.errors).toBeUndefined();
    // 4, 5, 6 and 9 (who also sits on the city) hold seats on a, then the 200 of the crowd.
    expect(r.data!.addToMeetingRoll.rollSummary).toEqual({ expected: 204, unmarked: 204 });
  });

  it("takes leave asked before the meeting, from the member or typed in by the office, and records the approver", async () => {
    const ask = `mutation($i: RequestLeaveInput!) { requestMeetingLeave(input: $i) { id version status enteredBy } }`;
    const late = await sg.query(member(5), ask, { i: { meetingId: plenary.id, reason: "出差" } });
    expect(fieldOf(late.errors)).toBe("input.requestedOn");
    const forOther = await sg.query(member(5), ask, {
      i: { meetingId: plenary.id, memberId: "4", reason: "出差", requestedOn: "2023-01-03" },
    });
    expect(fieldOf(forOther.errors)).toBe("input.memberId");
    const paper = await sg.query<{
      requestMeetingLeave: { id: string; version: number; status: string; enteredBy: string };
    }>(staff("a"), ask, { i: { meetingId: plenary.id, memberId: "5", reason: "因公出差", requestedOn: "2023-01-03" } });
    expect(paper.errors).toBeUndefined();
    expect(paper.data!.requestMeetingLeave).toMatchObject({ status: "REQUESTED", enteredBy: "staff:a" });
    const decide = `mutation($id: ID!, $v: Int!, $i: DecideLeaveInput!) { decideMeetingLeave(id: $id, version: $v, input: $i) { status approver decidedOn } }`;
    const { id, version } = paper.data!.requestMeetingLeave;
    expect(
      codeOf((await sg.query(staff("c"), decide, { id, v: version, i: { approve: true, approver: "主席" } })).errors),
    ).toBe("FORBIDDEN");
    const ok = await sg.query(staff("a"), decide, {
      id,
      v: version,
      i: { approve: true, approver: "主席 王某", decidedOn: "2023-01-04" },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({
      decideMeetingLeave: { status: "APPROVED", approver: "主席 王某", decidedOn: "2023-01-04" },
    });
    const again = await sg.query(staff("a"), decide, { id, v: version + 1, i: { approve: false, approver: "主席" } });
    expect(codeOf(again.errors)).toBe("BAD_USER_INPUT");
  });

  it("marks a whole sheet or nothing; leave, not the sheet, decides between absent and on leave", async () => {
    const before = await rows();
    const wrong = await mark(staff("a"), plenary.id, [
      { memberId: "4", presence: "PRESENT" },
      { memberId: "6", presence: "ON_LEAVE" },
    ]);
    expect(fieldOf(wrong.errors)).toBe("records[1].presence");
    const foreign = await mark(staff("a"), plenary.id, [
      { memberId: "4", presence: "PRESENT" },
      { memberId: "7", presence: "PRESENT" },
    ]);
    expect(fieldOf(foreign.errors)).toBe("records[1].memberId");
    expect(codeOf((await mark(staff("c"), plenary.id, [{ memberId: "4", presence: "PRESENT" }])).errors)).toBe(
      "FORBIDDEN",
    );
    const unchanged = await sg.query<{ meeting: { rollSummary: { unmarked: number } } }>(
      staff("a"),
      `query($id: ID!) { meeting(id: $id) { rollSummary { unmarked } } }`,
      { id: plenary.id },
    );
    expect(unchanged.data!.meeting.rollSummary.unmarked).toBe(204);
    expect(await rows()).toEqual(before);

    const crowdLines = Array.from({ length: 200 }, (_, i) => ({ memberId: String(1401 + i), presence: "PRESENT" }));
    const ok = await mark(staff("a"), plenary.id, [
      { memberId: "4", presence: "PRESENT" },
      { memberId: "5", presence: "ABSENT" },
      { memberId: "6", presence: "ABSENT" },
      { memberId: "9", presence: "LATE" },
      ...crowdLines,
    ]);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.markMeetingAttendance).toEqual({
      marked: 204,
      addedToRoll: 0,
      present: 201,
      late: 1,
      absent: 1,
      onLeave: 1,
    });
  });

  it("records speeches once per member and title", async () => {
    const q = `mutation($m: ID!, $s: [MeetingSpeechInput!]!) { recordMeetingSpeeches(meetingId: $m, speeches: $s) { title form member { id } } }`;
    const s = [{ memberId: "4", title: "关于加快高原特色农业发展的建议", form: "ORAL" }];
    expect((await sg.query(staff("a"), q, { m: plenary.id, s })).errors).toBeUndefined();
    const again = await sg.query<{ recordMeetingSpeeches: unknown[] }>(staff("a"), q, { m: plenary.id, s });
    expect(again.data!.recordMeetingSpeeches).toHaveLength(1);
    const foreign = await sg.query(staff("a"), q, { m: plenary.id, s: [{ memberId: "7", title: "x", form: "ORAL" }] });
    expect(fieldOf(foreign.errors)).toBe("speeches[0].memberId");
  });

  it("counts meetings, attendance, absences without leave and speeches, the city with its counties", async () => {
    const standing = await create(staff("c"), {
      kind: "STANDING",
      title: "常委会",
      startsOn: "2023-03-15",
      endsOn: null,
      halfDays: 2,
    });
    await mark(staff("c"), standing.data!.createMeeting.id, [
      { memberId: "1", presence: "PRESENT" },
      { memberId: "2", presence: "ABSENT" },
    ]);
    const county = (await stats(staff("c"), "a")).data!._entities[0].meetingStats!;
    expect(county).toEqual({
      meetings: 1,
      expected: 204,
      attended: 202,
      attendanceRate: 202 / 204,
      absencesWithoutLeave: 1,
      onLeave: 1,
      unmarked: 0,
      speeches: 1,
      byKind: [{ kind: "PLENARY", meetings: 1 }],
    });
    const own = (await stats(staff("c"), "c")).data!._entities[0].meetingStats!;
    expect(own).toMatchObject({ meetings: 1, expected: 2, attended: 1, absencesWithoutLeave: 1, speeches: 0 });
    const all = (await stats(staff("c"), "c", true)).data!._entities[0].meetingStats!;
    expect(all).toMatchObject({
      meetings: 2,
      expected: 206,
      attended: 203,
      absencesWithoutLeave: 2,
      onLeave: 1,
      speeches: 1,
    });
    expect(codeOf((await stats(staff("b"), "a")).errors)).toBe("FORBIDDEN");
  });

  it("gives a member their own record with plenary absences, and nobody else's", async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { meetingRecord(year: 2023) {
      expected attended absencesWithoutLeave plenaryAbsencesWithoutLeave onLeave entries { kind presence } } } } }`;
    const own = await sg.query<{ _entities: { meetingRecord: Record<string, unknown> }[] }>(member(6), q, {
      r: [{ __typename: "Member", id: "6" }],
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0].meetingRecord).toEqual({
      expected: 1,
      attended: 0,
      absencesWithoutLeave: 1,
      plenaryAbsencesWithoutLeave: 1,
      onLeave: 0,
      entries: [{ kind: "PLENARY", presence: "ABSENT" }],
    });
    const office = await sg.query(staff("a"), q, { r: [{ __typename: "Member", id: "5" }] });
    expect(office.errors).toBeUndefined();
    const other = await sg.query(member(4), q, { r: [{ __typename: "Member", id: "6" }] });
    expect(codeOf(other.errors)).toBe("FORBIDDEN");
  });

  it("costs the same number of statements for a page of 5 meetings as for 50", async () => {
    for (let i = 0; i < 50; i++) {
      const r = await create(staff("b"), {
        kind: "CHAIR",
        title: `主席会议 ${i}`,
        startsOn: "2023-02-20",
        endsOn: null,
        halfDays: null,
      });
      expect(r.errors).toBeUndefined();
    }
    const page = `query($n: Int!) { meetings(committee: "b", first: $n) { edges { node { id rollSummary { expected } roll { member { id } } leaveRequests { id } speeches { id } committee { code } } } } }`;
    const count = async (n: number) => {
      const before = sg.statementCount();
      const r = await sg.query(staff("b"), page, { n });
      expect(r.errors).toBeUndefined();
      return sg.statementCount() - before;
    };
    expect(await count(5)).toBe(await count(50));
  });
});
