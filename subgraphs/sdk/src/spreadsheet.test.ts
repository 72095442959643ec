import {
  columnLetters,
  decodeBase64File,
  defineSheet,
  ExcelJS,
  parseSheetDate,
  readWorkbook,
  SheetDefinitionError,
  writeWorkbook,
} from "./spreadsheet";

const SHEET = defineSheet({
  name: "名册",
  nameEn: "roster",
  naturalKey: ["name"],
  columns: [
    { key: "name", header: "姓名", type: "text", required: true, max: 4 },
    {
      key: "gender",
      header: "性别",
      type: "enum",
      required: true,
      choices: [
        { value: "MALE", label: "男" },
        { value: "FEMALE", label: "女" },
      ],
    },
    { key: "sector", header: "界别", type: "enum", choicesFrom: "sectors" },
    { key: "born", header: "出生日期", type: "date" },
    { key: "term", header: "届次", type: "int", min: 1, max: 20 },
  ],
});
const sectors = { sectors: [{ value: "教育", label: "教育" }] };

describe("spreadsheet framework", () => {
  it("names columns and reads dates the way clerks write them", () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
    expect(parseSheetDate("2023/1/5")).toBe("2023-01-05");
    expect(parseSheetDate("2023年1月5日")).toBe("2023-01-05");
    expect(parseSheetDate(new Date(Date.UTC(2023, 0, 5)))).toBe("2023-01-05");
    expect(parseSheetDate(44931)).toBe("2023-01-05");
    expect(parseSheetDate("2023-02-30")).toBeNull();
    expect(decodeBase64File("not base64!")).toBeNull();
  });

  it("refuses a sheet declared wrongly", () => {
    expect(() =>
      defineSheet({ name: "x", nameEn: "x", naturalKey: ["a"], columns: [{ key: "b", header: "乙", type: "text" }] }),
    ).toThrow(SheetDefinitionError);
    expect(() =>
      defineSheet({ name: "x", nameEn: "x", naturalKey: [], columns: [{ key: "e", header: "甲", type: "enum" }] }),
    ).toThrow(SheetDefinitionError);
  });

  it("writes a template with drop-downs and notes, and reads back what it exported", async () => {
    const rows = [{ name: "张三", gender: "MALE", sector: "教育", born: "1970-02-03", term: 5 }];
    const data = await writeWorkbook([{ sheet: SHEET, rows, choices: sectors }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["名册", "说明", "选项"]);
    const ws = wb.getWorksheet("名册")!;
    expect(ws.getCell("B2").value).toBe("男");
    expect(ws.getCell("B500").dataValidation).toMatchObject({ type: "list", formulae: ["选项!$A$2:$A$3"] });
    const back = await readWorkbook(data, [{ sheet: SHEET, choices: sectors }]);
    expect(back.problems.list).toEqual([]);
    expect(back.rows.get("名册")).toEqual([{ row: 2, values: rows[0] }]);
  });

  it("answers every bad cell by address, in the file's own column order", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名册");
    ws.addRow(["性别", "姓名", "出生日期", "届次", "界别"]); // columns moved around
    ws.addRow(["男人", "李四四四四", "2023/13/1", "x", "天文"]);
    ws.addRow(["女", "", "2023-01-05", 3, ""]);
    const r = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), [{ sheet: SHEET, choices: sectors }]);
    expect(r.problems.sorted().map((p) => p.cell)).toEqual([
      "名册!A2",
      "名册!B2",
      "名册!C2",
      "名册!D2",
      "名册!E2",
      "名册!B3",
    ]);
    for (const p of r.problems.list) expect(p.message).toMatch(/[\u4e00-\u9fff].* \/ \S/);
    const missing = new ExcelJS.Workbook();
    missing.addWorksheet("名册").addRow(["姓名"]);
    const m = await readWorkbook(Buffer.from(await missing.xlsx.writeBuffer()), [{ sheet: SHEET, choices: sectors }]);
    expect(m.problems.list.map((p) => p.column)).toEqual(["性别"]);
  });
});
