import { ExcelJS, writeWorkbook, type SheetValue } from "@tongxin/sdk";
import { databasesUnderTest, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { TrainingEnrolment } from "../enrolment/enrolment.entity";
import { trainingModule } from "../index";
import { codeOf, committees, crowd } from "../testing/fixture";
import { ATTENDANCE_SHEET } from "./attendance.sheet";

type Result = {
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { sheet: string; row: number; column: string; cell: string; message: string }[];
};
const IMPORT = `mutation($c: String!, $f: String!, $d: Boolean) {
  importTrainingAttendance(committee: $c, file: $f, dryRun: $d) { written rows created updated unchanged errors { sheet row column cell message } }
}`;
const file = async (rows: Record<string, SheetValue>[]) =>
  (await writeWorkbook([{ sheet: ATTENDANCE_SHEET, rows, choices: { sessions: [] } }])).toString("base64");
const col = (key: string) => String.fromCharCode(65 + ATTENDANCE_SHEET.columns.findIndex((c) => c.key === key));

describe.each(databasesUnderTest())("training attendance import ($kind)", (db) => {
  let sg: TestSubgraph;
  let s1: string;
  let citySession: string;
  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [trainingModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: crowd,
    });
    const create = async (who: string, title: string) => {
      const r = await sg.query<{ createTrainingSession: { id: string } }>(
        staff(who),
        `mutation($i: CreateTrainingSessionInput!) { createTrainingSession(input: $i) { id } }`,
        {
          i: {
            title,
            kind: "ONBOARDING",
            provider: "县委党校",
            place: "县城",
            startsOn: "2023-05-12",
            endsOn: "2023-05-13",
            hours: 8,
          },
        },
      );
      return r.data!.createTrainingSession.id;
    };
    s1 = await create("a", "2023年委员履职培训");
    citySession = await create("c", "2023年市政协委员培训");
  });
  afterAll(() => sg?.stop());

  const enrolments = () => sg.databases.get("training")!.dataSource.manager.count(TrainingEnrolment);
  const importAs = async (committee: string, f: string, as = committee) =>
    (await sg.query<{ importTrainingAttendance: Result }>(staff(as), IMPORT, { c: committee, f })).data
      ?.importTrainingAttendance;

  it("imports attendance by member id (any committee) or by name, once", async () => {
    const f = await file([
      { session: s1, memberId: 4, name: "委员4", attendance: "ATTENDED" },
      { session: s1, name: "委员5", attendance: "ABSENT" },
      { session: s1, memberId: 1, name: "委员1", attendance: "ATTENDED" }, // a city member at a county course
      { session: s1, name: "委员6" }, // enrolled, not marked
    ]);
    const before = await enrolments();
    expect(await importAs("a", f)).toMatchObject({ errors: [], created: 4, written: true });
    expect(await enrolments()).toBe(before + 4);
    expect(await importAs("a", f)).toMatchObject({ created: 0, updated: 0, unchanged: 4, written: false });
    expect(await enrolments()).toBe(before + 4);
  });

  it("answers every bad row by cell and writes nothing", async () => {
    const before = await enrolments();
    const f = await file([
      { session: s1, memberId: 7, name: "委员7", attendance: "ATTENDED" }, // 2: fine (member of b)
      { session: "9999", memberId: 4, name: "委员4", attendance: "ATTENDED" }, // 3: unknown session
      { session: citySession, memberId: 4, name: "委员4", attendance: "ATTENDED" }, // 4: the city's session
      { session: s1, memberId: 7, name: "委员7", attendance: "ABSENT" }, // 5: duplicate of row 2
      { session: s1, memberId: 5, name: "委员5", attendance: "出席" }, // 6: wrong enum
      { session: s1, memberId: 5 }, // 7: missing name
      { session: s1, memberId: 8, name: "委员8", attendance: "ATTENDED" }, // 8: resigned, no seat
      { session: s1, memberId: 6, name: "张三", attendance: "ATTENDED" }, // 9: name does not match
      { session: s1, name: "委员7", attendance: "ATTENDED" }, // 10: not on this committee by name
    ]);
    const r = (await importAs("a", f))!;
    expect(r.written).toBe(false);
    const cells = r.errors.map((e) => e.cell);
    expect(cells).toEqual(
      expect.arrayContaining([
        `参训出勤!${col("session")}3`,
        `参训出勤!${col("session")}4`,
        `参训出勤!${col("name")}5`,
        `参训出勤!${col("attendance")}6`,
        `参训出勤!${col("name")}7`,
        `参训出勤!${col("memberId")}8`,
        `参训出勤!${col("name")}9`,
        `参训出勤!${col("name")}10`,
      ]),
    );
    expect(r.errors.filter((e) => e.row === 2)).toEqual([]);
    expect(await enrolments()).toBe(before);
  });

  it("lets only the organising office import, and round-trips its export", async () => {
    const f = await file([{ session: s1, memberId: 4, name: "委员4", attendance: "ATTENDED" }]);
    const r = await sg.query(staff("c"), IMPORT, { c: "a", f });
    expect(codeOf(r.errors)).toBe("FORBIDDEN");

    const exported = await sg.query<{ exportTrainingAttendance: { base64: string } }>(
      staff("a"),
      `{ exportTrainingAttendance(committee: "a") { base64 } }`,
    );
    const base64 = exported.data!.exportTrainingAttendance.base64;
    const back = (await importAs("a", base64))!;
    expect(back).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 4, written: false });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, "base64") as never);
    const ws = wb.getWorksheet("参训出勤")!;
    const att = ATTENDANCE_SHEET.columns.findIndex((c) => c.key === "attendance") + 1;
    const row = [2, 3, 4, 5].find((n) => ws.getRow(n).getCell(att).value === "缺席")!;
    ws.getRow(row).getCell(att).value = "请假";
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    expect(await importAs("a", edited)).toMatchObject({ errors: [], updated: 1, unchanged: 3, written: true });
  });
});
