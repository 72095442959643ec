import { ANONYMOUS } from "@tongxin/sdk";
import {
  databasesUnderTest,
  member,
  startTestSubgraph,
  staff,
  unit,
  type TestSubgraph,
} from "@tongxin/sdk/dist/testing";
import { TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingModule } from "../index";
import { codeOf, committees, crowd, fieldOf } from "../testing/fixture";
import { TrainingSession } from "./session.entity";

type Who = Parameters<TestSubgraph["query"]>[0];
type Session = { id: string; version: number; kind: string; hours: number; committee: { code: string } };

describe.each(databasesUnderTest())("training sessions and attendance ($kind)", (db) => {
  let sg: TestSubgraph;
  let city: Session;

  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [trainingModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: crowd,
    });
  });
  afterAll(() => sg?.stop());

  const rows = async () => {
    const em = sg.databases.get("training")!.dataSource.manager;
    return { sessions: await em.count(TrainingSession), enrolments: await em.count(TrainingEnrolment) };
  };
  const create = (who: Who, input: Record<string, unknown>) =>
    sg.query<{ createTrainingSession: Session }>(
      who,
      `mutation($i: CreateTrainingSessionInput!) { createTrainingSession(input: $i) { id version kind hours committee { code } } }`,
      {
        i: {
          title: "2025年政协委员履职能力提升培训班",
          kind: "EXTERNAL",
          provider: "浙江大学",
          place: "杭州",
          startsOn: "2025-05-12",
          endsOn: "2025-05-16",
          hours: 40,
          ...input,
        },
      },
    );
  const mark = (who: Who, sessionId: string, records: { memberId: string; status: string }[]) =>
    sg.query<{
      markAttendance: { marked: number; newlyEnrolled: number; attended: number; absent: number; excused: number };
    }>(
      who,
      `mutation($s: ID!, $r: [AttendanceRecordInput!]!) { markAttendance(sessionId: $s, records: $r) { marked newlyEnrolled attended absent excused } }`,
      { s: sessionId, r: records },
    );
  const summary = async (id: string) =>
    (
      await sg.query<{ trainingSession: { attendanceSummary: Record<string, number> } }>(
        staff("c"),
        `query($id: ID!) { trainingSession(id: $id) { attendanceSummary { enrolled attended absent excused unmarked } } }`,
        { id },
      )
    ).data!.trainingSession.attendanceSummary;

  it("creates sessions for the office's own committee, naming the field of any bad input", async () => {
    const before = await rows();
    const bad = async (input: Record<string, unknown>, field: string) => {
      const r = await create(staff("c"), input);
      expect(codeOf(r.errors)).toBe("BAD_USER_INPUT");
      expect(fieldOf(r.errors)).toBe(field);
    };
    await bad({ title: " " }, "input.title");
    await bad({ provider: "" }, "input.provider"); // 送出去 names its university
    await bad({ kind: "INVITED_EXPERT", provider: null }, "input.provider");
    await bad({ endsOn: "2025-05-01" }, "input.endsOn");
    await bad({ endsOn: "2026-06-01" }, "input.endsOn");
    await bad({ startsOn: "2025-02-30" }, "input.startsOn");
    await bad({ hours: 0 }, "input.hours");
    await bad({ hours: 2.55 }, "input.hours");
    await bad({ committee: "nowhere" }, "input.committee");
    expect(codeOf((await create(staff("c"), { committee: "a" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await create(member(1), {})).errors)).toBe("FORBIDDEN");
    expect(codeOf((await create(ANONYMOUS, {})).errors)).toBe("UNAUTHENTICATED");
    expect(await rows()).toEqual(before);

    const ok = await create(staff("c"), { kind: "JOINT_CITY_COUNTY", provider: "", hours: 12.5 });
    expect(ok.errors).toBeUndefined();
    city = ok.data!.createTrainingSession;
    expect(city).toMatchObject({ kind: "JOINT_CITY_COUNTY", hours: 12.5, committee: { code: "c" } });
  });

  it("marks a sheet of 500 all or nothing, naming the offending line", async () => {
    const ids = Array.from({ length: 600 }, (_, i) => 1001 + i).filter((_, i) => i % 6 !== 5);
    const sheet = ids.map((id, i) => ({
      memberId: String(id),
      status: i % 10 === 0 ? "EXCUSED" : i % 25 === 1 ? "ABSENT" : "ATTENDED",
    }));
    expect(sheet).toHaveLength(500);
    // County members are on a city session's sheet: that is 市县联动.
    expect(sheet.some((r) => Number(r.memberId) > 1400)).toBe(true);
    const before = await rows();
    const refused = async (records: typeof sheet, field: string) => {
      const r = await mark(staff("c"), city.id, records);
      expect(codeOf(r.errors)).toBe("BAD_USER_INPUT");
      expect(fieldOf(r.errors)).toBe(field);
      expect(await rows()).toEqual(before);
    };
    const withLine = (i: number, line: { memberId: string; status: string }) =>
      sheet.map((r, k) => (k === i ? line : r));
    await refused(withLine(37, { memberId: "99999", status: "ATTENDED" }), "records[37].memberId"); // unknown
    await refused(withLine(12, { memberId: "abc", status: "ATTENDED" }), "records[12].memberId");
    await refused(withLine(499, { memberId: "8", status: "ATTENDED" }), "records[499].memberId"); // no seat
    await refused(withLine(40, { ...sheet[39] }), "records[40].memberId"); // listed twice
    await refused([...sheet, { memberId: "1", status: "ATTENDED" }], "records");

    const badStatus = await mark(staff("c"), city.id, withLine(37, { memberId: sheet[37].memberId, status: "LATE" }));
    expect(codeOf(badStatus.errors)).toBe("BAD_USER_INPUT");
    expect(badStatus.errors![0].message).toContain("[37].status");
    expect(await rows()).toEqual(before);

    const statements = sg.statementCount();
    const ok = await mark(staff("c"), city.id, sheet);
    expect(ok.errors).toBeUndefined();
    const attended = sheet.filter((r) => r.status === "ATTENDED").length;
    const excused = sheet.filter((r) => r.status === "EXCUSED").length;
    expect(ok.data!.markAttendance).toEqual({
      marked: 500,
      newlyEnrolled: 500,
      attended,
      absent: 500 - attended - excused,
      excused,
    });
    // Chunked writes inside one transaction: a few statements, not one per line.
    expect(sg.statementCount() - statements).toBeLessThanOrEqual(10);
    expect(await rows()).toEqual({ ...before, enrolments: before.enrolments + 500 });
    expect(await summary(city.id)).toEqual({
      enrolled: 500,
      attended,
      absent: 500 - attended - excused,
      excused,
      unmarked: 0,
    });

    // Marking again corrects, it does not duplicate.
    const again = await mark(
      staff("c"),
      city.id,
      sheet.slice(0, 100).map((r) => ({ ...r, status: "ATTENDED" })),
    );
    expect(again.data!.markAttendance).toMatchObject({ marked: 100, newlyEnrolled: 0, attended: 100 });
    expect((await rows()).enrolments).toBe(before.enrolments + 500);
  });

  it("lets only the organiser's office enrol and mark; the city cannot mark a county's session", async () => {
    const county = (
      await create(staff("a"), { committee: "a", provider: "昭通学院", startsOn: "2024-04-09", endsOn: "2024-04-12" })
    ).data!.createTrainingSession;
    const line = [{ memberId: "4", status: "ATTENDED" }];
    expect(codeOf((await mark(staff("c"), county.id, line)).errors)).toBe("FORBIDDEN");
    expect(codeOf((await mark(staff("b"), county.id, line)).errors)).toBe("NOT_FOUND");
    expect(codeOf((await mark(staff("a"), city.id, line)).errors)).toBe("NOT_FOUND");
    expect(codeOf((await mark(member(4), county.id, line)).errors)).toBe("FORBIDDEN");
    expect(codeOf((await mark(unit(1), county.id, line)).errors)).toBe("FORBIDDEN");

    const enrol = (who: Who, ids: string[]) =>
      sg.query(who, `mutation($s: ID!, $m: [ID!]!) { enrolTrainees(sessionId: $s, memberIds: $m) { id } }`, {
        s: county.id,
        m: ids,
      });
    expect(fieldOf((await enrol(staff("a"), ["4", "7", "7"])).errors)).toBe("memberIds[2]");
    expect(fieldOf((await enrol(staff("a"), ["4", "8"])).errors)).toBe("memberIds[1]");
    expect((await enrol(staff("a"), ["4", "7", "9"])).errors).toBeUndefined(); // 7 sits on b: anyone may be trained
    expect((await enrol(staff("a"), ["4", "5"])).errors).toBeUndefined(); // 4 stays as it was
    expect(await summary(county.id)).toMatchObject({ enrolled: 4, unmarked: 4 });
    expect((await mark(staff("a"), county.id, line)).errors).toBeUndefined();
    expect(await summary(county.id)).toMatchObject({ enrolled: 4, attended: 1, unmarked: 3 });

    const future = (
      await create(staff("a"), { committee: "a", provider: "昭通学院", startsOn: "2999-01-01", endsOn: "2999-01-02" })
    ).data!.createTrainingSession;
    expect(fieldOf((await mark(staff("a"), future.id, line)).errors)).toBe("sessionId");
  });

  it("shows a member the sessions of their committees and those they attended, and only their own line", async () => {
    const list = async (who: Who) =>
      (
        await sg.query<{
          trainingSessions: { edges: { node: { id: string; enrolments: { member: { id: string } }[] } }[] };
        }>(who, `{ trainingSessions(first: 50) { edges { node { id enrolments { member { id } } } } } }`)
      ).data?.trainingSessions.edges.map((e) => e.node) ?? [];
    const ofCounty = await list(member(1401)); // sits on a, attended the city session
    const atCity = ofCounty.find((s) => s.id === city.id)!;
    expect(atCity.enrolments.map((e) => e.member.id)).toEqual(["1401"]);
    expect(ofCounty.length).toBeGreaterThanOrEqual(2);
    const staffView = (await list(staff("c"))).find((s) => s.id === city.id)!;
    expect(staffView.enrolments).toHaveLength(500);
    expect((await list(staff("b"))).map((s) => s.id)).toEqual([]);
    expect(codeOf((await sg.query(unit(1), `{ trainingSessions(first: 1) { totalCount } }`)).errors)).toBe("FORBIDDEN");
    const byYear = await sg.query<{ trainingSessions: { totalCount: number } }>(
      staff("c"),
      `{ trainingSessions(committee: "c", includeDescendants: true, year: 2025, kind: JOINT_CITY_COUNTY) { totalCount } }`,
    );
    expect(byYear.data!.trainingSessions.totalCount).toBe(1);
    const noCommittee = await sg.query(staff("c"), `{ trainingSessions(term: 5) { totalCount } }`);
    expect(fieldOf(noCommittee.errors)).toBe("committee");
  });

  it("updates with the version and deletes only a session nobody is enrolled in", async () => {
    const spare = (await create(staff("c"), { title: "误建班次" })).data!.createTrainingSession;
    const update = (id: string, version: number, input: Record<string, unknown>) =>
      sg.query<{ updateTrainingSession: Session }>(
        staff("c"),
        `mutation($id: ID!, $v: Int!, $i: UpdateTrainingSessionInput!) { updateTrainingSession(id: $id, version: $v, input: $i) { id version kind hours committee { code } } }`,
        { id, v: version, i: input },
      );
    expect(fieldOf((await update(spare.id, spare.version, { provider: "" })).errors)).toBe("input.provider");
    const ok = await update(spare.id, spare.version, { hours: 36 });
    expect(ok.data!.updateTrainingSession).toMatchObject({ hours: 36, version: spare.version + 1 });
    expect(codeOf((await update(spare.id, spare.version, { hours: 30 })).errors)).toBe("CONFLICT");
    expect(
      fieldOf((await update(city.id, city.version, { startsOn: "2999-01-01", endsOn: "2999-01-02" })).errors),
    ).toBe("input.startsOn");

    const del = (id: string, version: number, who: Who = staff("c")) =>
      sg.query(who, `mutation($id: ID!, $v: Int!) { deleteTrainingSession(id: $id, version: $v) }`, { id, v: version });
    expect(fieldOf((await del(city.id, city.version)).errors)).toBe("id");
    expect(codeOf((await del(spare.id, spare.version)).errors)).toBe("CONFLICT");
    expect(codeOf((await del(spare.id, spare.version + 1, staff("a"))).errors)).toBe("NOT_FOUND");
    expect((await del(spare.id, spare.version + 1)).errors).toBeUndefined();
    expect(codeOf((await sg.query(staff("c"), `{ trainingSession(id: "${spare.id}") { id } }`)).errors)).toBe(
      "NOT_FOUND",
    );
  });
});
