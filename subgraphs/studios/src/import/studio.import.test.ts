import { ExcelJS, writeWorkbook, type SheetValue } from "@tongxin/sdk";
import { databasesUnderTest, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { StudioActivity, StudioActivityParticipant } from "../activity/activity.entity";
import { studiosModule } from "../index";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { codeOf, committees, register } from "../testing/fixture";
import { ACTIVITY_SHEET, ROSTER_SHEET } from "./studio.sheets";

type Result = {
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { sheet: string; row: number; column: string; cell: string; message: string }[];
};
const IMPORT = `mutation($c: String!, $f: String!, $d: Boolean) {
  importStudios(committee: $c, file: $f, dryRun: $d) { written rows created updated unchanged errors { sheet row column cell message } }
}`;
const file = async (roster: Record<string, SheetValue>[], activities: Record<string, SheetValue>[] = []) =>
  (
    await writeWorkbook([
      { sheet: ROSTER_SHEET, rows: roster, choices: { studios: [] } },
      { sheet: ACTIVITY_SHEET, rows: activities, choices: { studios: [] } },
    ])
  ).toString("base64");
const letter = (sheet: typeof ROSTER_SHEET, key: string) =>
  String.fromCharCode(65 + sheet.columns.findIndex((c) => c.key === key));

describe.each(databasesUnderTest())("studios import ($kind)", (db) => {
  let sg: TestSubgraph;
  let studio: string;
  let cityStudio: string;
  beforeAll(async () => {
    sg = await startTestSubgraph({
      modules: [studiosModule],
      databaseUrl: db.freshUrl(),
      committeeSource: committees,
      membersSource: register,
    });
    const create = async (who: string, name: string) => {
      const r = await sg.query<{ createStudio: { id: string } }>(
        staff(who),
        `mutation($i: CreateStudioInput!) { createStudio(input: $i) { id } }`,
        { i: { name, sector: "经济", establishedOn: "2023-02-01" } },
      );
      return r.data!.createStudio.id;
    };
    studio = await create("a", "乡村振兴委员工作室");
    cityStudio = await create("c", "市级委员工作室");
  });
  afterAll(() => sg?.stop());

  const counts = async () => {
    const em = sg.databases.get("studios")!.dataSource.manager;
    return {
      stays: await em.count(StudioRosterEntry),
      activities: await em.count(StudioActivity),
      participants: await em.count(StudioActivityParticipant),
    };
  };
  const importAs = async (committee: string, f: string, as = committee) =>
    (await sg.query<{ importStudios: Result }>(staff(as), IMPORT, { c: committee, f })).data?.importStudios;

  it("imports rosters and activities once; the same file again writes nothing", async () => {
    const before = await counts();
    const f = await file(
      [
        { studio, memberId: 6, name: "委员6", joinedOn: "2023-02-01" },
        { studio, memberId: 5, name: "委员5", joinedOn: "2023-03-01", leftOn: "2023-09-30" }, // city member on a county seat
      ],
      [
        {
          studio,
          heldOn: "2023-04-10",
          type: "MICRO_CONSULTATION",
          title: "村道养护微协商",
          peopleServed: 40,
          participants: "6、5",
        },
      ],
    );
    expect(await importAs("a", f)).toMatchObject({ errors: [], created: 3, written: true });
    expect(await counts()).toEqual({
      stays: before.stays + 2,
      activities: before.activities + 1,
      participants: before.participants + 2,
    });
    expect(await importAs("a", f)).toMatchObject({ created: 0, updated: 0, unchanged: 3, written: false });
    expect(await counts()).toEqual({
      stays: before.stays + 2,
      activities: before.activities + 1,
      participants: before.participants + 2,
    });
  });

  it("answers every bad row by sheet, row and column and writes nothing", async () => {
    const before = await counts();
    const f = await file(
      [
        { studio, memberId: 7, name: "委员7", joinedOn: "2023-05-01" }, // 2: fine
        { studio: "9999", memberId: 7, name: "委员7", joinedOn: "2023-05-01" }, // 3: unknown studio
        { studio: cityStudio, memberId: 7, name: "委员7", joinedOn: "2023-05-01" }, // 4: another committee's studio
        { studio, memberId: 7, name: "委员7", joinedOn: "2023-05-01" }, // 5: duplicate of row 2
        { studio, memberId: 8, name: "委员8", joinedOn: "2023-05-01" }, // 6: member of b, not a
        { studio, memberId: 6, name: "委员6", joinedOn: "2023-06-01", leftOn: "2023-05-01" }, // 7: dates out of order
        { studio, memberId: 6, name: "张三", joinedOn: "2024-06-01" }, // 8: name does not match
        { studio, memberId: 7, joinedOn: "2023-05-01" }, // 9: missing name
      ],
      [
        { studio, heldOn: "2023-01-10", type: "STUDY", title: "成立前", participants: "6" }, // 2: before the studio
        { studio, heldOn: "2023-04-11", type: "座谈", title: "座谈会", participants: "6" }, // 3: wrong enum
        { studio, heldOn: "2023-04-12", type: "STUDY", title: "学习会", participants: "6、8" }, // 4: 8 not on a
      ],
    );
    const r = (await importAs("a", f))!;
    expect(r.written).toBe(false);
    const cells = r.errors.map((e) => e.cell);
    const R = (k: string, row: number) => `入室名单!${letter(ROSTER_SHEET, k)}${row}`;
    const A = (k: string, row: number) => `履职活动!${letter(ACTIVITY_SHEET, k)}${row}`;
    expect(cells).toEqual(
      expect.arrayContaining([
        R("studio", 3),
        R("studio", 4),
        R("memberId", 5),
        R("memberId", 6),
        R("leftOn", 7),
        R("name", 8),
        R("name", 9),
        A("heldOn", 2),
        A("type", 3),
        A("participants", 4),
      ]),
    );
    expect(r.errors.filter((e) => e.sheet === "入室名单" && e.row === 2)).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("lets only the committee's office import, and round-trips its export", async () => {
    const f = await file([{ studio, memberId: 7, name: "委员7", joinedOn: "2023-05-01" }]);
    expect(codeOf((await sg.query(staff("c"), IMPORT, { c: "a", f })).errors)).toBe("FORBIDDEN");

    const exported = await sg.query<{ exportStudios: { base64: string } }>(
      staff("a"),
      `{ exportStudios(committee: "a") { base64 } }`,
    );
    const base64 = exported.data!.exportStudios.base64;
    const before = await counts();
    const back = (await importAs("a", base64))!;
    expect(back).toMatchObject({ errors: [], created: 0, updated: 0, written: false });
    expect(back.unchanged).toBe(back.rows);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, "base64") as never);
    const ws = wb.getWorksheet("履职活动")!;
    ws.getRow(2).getCell(ACTIVITY_SHEET.columns.findIndex((c) => c.key === "participants") + 1).value = "6";
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    expect(await importAs("a", edited)).toMatchObject({ errors: [], updated: 1, written: true });
    expect(await counts()).toEqual({ ...before, participants: before.participants - 1 });
  });
});
