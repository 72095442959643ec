import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import type { Stack } from "@tongxin/infra";
import { codeOf, seededStack } from "./helpers";

type Stats = {
  meetings: number;
  expected: number;
  attended: number;
  attendanceRate: number | null;
  absencesWithoutLeave: number;
  speeches: number;
};
const FIGURES = "meetings expected attended attendanceRate absencesWithoutLeave speeches";

describe.each(databasesUnderTest())("meetings through the gateway ($kind)", (db) => {
  let stack: Stack;
  let city: string;

  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    city = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  it("answers the city and every county's 2023 meeting figures in one query, the city's total the sum of its parts", async () => {
    const r = await stack.query<{
      committee: { own: Stats; all: Stats; children: { code: string; meetingStats: Stats }[] };
    }>(
      city,
      `{ committee(code: "zhaotong") { own: meetingStats(year: 2023) { ${FIGURES} } all: meetingStats(year: 2023, includeDescendants: true) { ${FIGURES} }
         children { code meetingStats(year: 2023) { ${FIGURES} } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const { own, all, children } = r.data!.committee;
    expect(children).toHaveLength(11);
    // One plenary, four standing, six chair and three consultation meetings a year in the demo data.
    for (const c of [own, ...children.map((c) => c.meetingStats)]) expect(c.meetings).toBe(14);
    const sum = (k: keyof Stats) =>
      [own, ...children.map((c) => c.meetingStats)].reduce((n, s) => n + (s[k] as number), 0);
    expect(all.meetings).toBe(sum("meetings"));
    expect(all.expected).toBe(sum("expected"));
    expect(all.absencesWithoutLeave).toBe(sum("absencesWithoutLeave"));
    expect(all.speeches).toBe(sum("speeches"));
    expect(all.attendanceRate).toBeCloseTo(sum("attended") / sum("expected"), 10);
  });

  it("lets a county office back-enter a 2023 consultation meeting and its sheet, and the figures move by exactly that", async () => {
    const token = stack.token({ role: "STAFF", committee: "weixin" });
    const figures = async () =>
      (
        await stack.query<{ committee: { meetingStats: Stats } }>(
          token,
          `{ committee(code: "weixin") { meetingStats(year: 2023) { ${FIGURES} } } }`,
        )
      ).data!.committee.meetingStats;
    const before = await figures();
    const members = await stack.query<{ members: { edges: { node: { id: string } }[] } }>(
      token,
      `{ members(committee: "weixin", first: 3) { edges { node { id } } } }`,
    );
    const ids = members.data!.members.edges.map((e) => e.node.id);
    const created = await stack.query<{ createMeeting: { id: string } }>(
      token,
      `mutation { createMeeting(input: { kind: CONSULTATION, title: "补录: 2023年对口协商会", startsOn: "2023-11-08" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const marked = await stack.query(
      token,
      `mutation($m: ID!, $r: [MeetingAttendanceRecordInput!]!) { markMeetingAttendance(meetingId: $m, records: $r) { marked } }`,
      {
        m: created.data!.createMeeting.id,
        r: [
          { memberId: ids[0], presence: "PRESENT" },
          { memberId: ids[1], presence: "PRESENT" },
          { memberId: ids[2], presence: "ABSENT" },
        ],
      },
    );
    expect(marked.errors).toBeUndefined();
    const after = await figures();
    expect(after.meetings).toBe(before.meetings + 1);
    expect(after.expected).toBe(before.expected + 3);
    expect(after.attended).toBe(before.attended + 2);
    expect(after.absencesWithoutLeave).toBe(before.absencesWithoutLeave + 1);

    // Another county's office does not see it; the city's does but may not change it.
    const q = `query($id: ID!) { meeting(id: $id) { title } }`;
    const other = await stack.query(stack.token({ role: "STAFF", committee: "yanjin" }), q, {
      id: created.data!.createMeeting.id,
    });
    expect(codeOf(other.errors)).toBe("NOT_FOUND");
    expect((await stack.query(city, q, { id: created.data!.createMeeting.id })).errors).toBeUndefined();

    // The member finds it in their own record, through the members subgraph's Member.
    const me = stack.token({ role: "MEMBER", member: ids[2] });
    const record = await stack.query<{
      member: { name: string; meetingRecord: { absencesWithoutLeave: number; entries: { title: string }[] } };
    }>(
      me,
      `query($id: ID!) { member(id: $id) { name meetingRecord(year: 2023) { absencesWithoutLeave entries { title } } } }`,
      { id: ids[2] },
    );
    expect(record.errors).toBeUndefined();
    expect(record.data!.member.meetingRecord.entries.map((e) => e.title)).toContain("补录: 2023年对口协商会");
    expect(record.data!.member.meetingRecord.absencesWithoutLeave).toBeGreaterThanOrEqual(1);
  });

  it("adds its section to the 2023 annual report, each figure equal to the statistics field it names", async () => {
    const r = await stack.query<{
      annualReport: { meetings: { figures: { key: string; value: number | null; source: string | null }[] } };
      committee: { meetingStats: Stats };
    }>(
      city,
      `{ annualReport(committee: "zhaotong", year: 2023) { meetings { figures { key value source } } } committee(code: "zhaotong") { meetingStats(year: 2023) { ${FIGURES} } } }`,
    );
    expect(r.errors).toBeUndefined();
    const figures = r.data!.annualReport.meetings.figures;
    for (const f of figures.filter((f) => f.source?.startsWith("meetingStats."))) {
      expect(f.value).toBe(r.data!.committee.meetingStats[f.source!.slice("meetingStats.".length) as keyof Stats]);
    }
    expect(figures.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        "meetings",
        "attendanceRate",
        "absencesWithoutLeave",
        "speeches",
        "standingCommitteeMeetings",
      ]),
    );
  });
});
