import ExcelJS from "exceljs";
import {
  parseReportParams,
  reportFromResult,
  reportRows,
  ReportRequestError,
  type AnnualReportData,
} from "./annual-report";
import type { ReportShape } from "./figures";
import {
  annualReportCsv,
  annualReportXlsx,
  readCsv,
  REPORT_COLUMNS,
  reportContentDisposition,
  safeText,
} from "./report-files";

const figure = (key: string, value: number | null, kind = "count", source: string | null = `memberStats.${key}`) => ({
  key,
  title: `标题${key}`,
  titleEn: `Title ${key}`,
  value,
  kind,
  definition: `口径 ${key} / definition`,
  source,
});

const REPORT: AnnualReportData = {
  committee: "zhaotong",
  committeeName: "昭通市政协",
  year: 2023,
  sections: [
    {
      field: "members",
      section: {
        module: "members",
        title: "委员队伍",
        titleEn: "Members",
        figures: [figure("activeMembers", 399), figure("revoked", 1)],
      },
    },
    {
      field: "proposals",
      section: {
        module: "proposals",
        title: "提案工作",
        titleEn: "Proposals",
        figures: [
          figure("filingRate", 221 / 225, "rate", "proposalStats.filingRate"),
          {
            ...figure("collective", 36, "count", "proposalStats.collective"),
            title: "集体提案 (党派、人民团体)",
            definition: 'a "quoted", comma, and\nnew line',
          },
          { ...figure("risky", 2), title: "=HYPERLINK(1)", definition: "-1 是负数" },
        ],
      },
    },
    {
      field: "notRecorded",
      section: {
        module: "",
        title: "报告列出但系统尚未登记的数字",
        titleEn: "Not recorded",
        figures: [figure("x", null, "count", null)],
      },
    },
  ],
};

describe("annual report files", () => {
  it("writes CSV as UTF-8 with a byte order mark, CRLF lines, quoted fields and exact values", () => {
    const buf = annualReportCsv(REPORT);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = readCsv(text);
    // The reader takes the file as downloaded, byte order mark included.
    expect(readCsv(buf.toString("utf8"))).toEqual(rows);
    expect(rows[0]).toEqual(REPORT_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(1 + 6);
    expect(rows[1]).toEqual([
      "委员队伍 / Members",
      "activeMembers",
      "标题activeMembers",
      "Title activeMembers",
      "399",
      "口径 activeMembers / definition",
      "memberStats.activeMembers",
    ]);
    // A rate is the API's fraction, to the last digit: pasting it must not round it.
    expect(Number(rows[3][4])).toBe(221 / 225);
    expect(rows[4][5]).toBe('a "quoted", comma, and\nnew line');
    expect(rows[4][2]).toBe("集体提案 (党派、人民团体)");
    // Text a spreadsheet would run as a formula is neutralised.
    expect(rows[5][2]).toBe("'=HYPERLINK(1)");
    expect(rows[5][5]).toBe("'-1 是负数");
    // Not recorded: an empty value and no source, not a zero.
    expect(rows[6][4]).toBe("");
    expect(rows[6][6]).toBe("");
  });

  it("writes XLSX with the same rows, counts as numbers and rates as fractions shown as percentages", async () => {
    const buf = await annualReportXlsx(REPORT);
    expect(buf.subarray(0, 2).toString()).toBe("PK");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("2023年工作报告数字");
    expect(sheet.getRow(1).values).toEqual([undefined, ...REPORT_COLUMNS.map((c) => c.header)]);
    const rows = reportRows(REPORT);
    expect(sheet.rowCount).toBe(1 + rows.length);
    rows.forEach((row, i) => {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(2).value).toBe(row.key);
      expect(cells.getCell(5).value ?? null).toBe(row.value);
    });
    expect(sheet.getRow(4).getCell(5).numFmt).toBe("0.0%");
    expect(sheet.getRow(2).getCell(5).numFmt).toBe("#,##0");
    expect(sheet.getRow(6).getCell(3).value).toBe("'=HYPERLINK(1)");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("names the file in ASCII and in Chinese", () => {
    const header = reportContentDisposition(REPORT, "xlsx");
    expect(header).toContain('filename="annual-report-zhaotong-2023.xlsx"');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1])).toBe("昭通市政协2023年度工作报告数字.xlsx");
  });

  it("leaves ordinary text alone", () => {
    expect(safeText("在任委员")).toBe("在任委员");
    expect(safeText("a=b")).toBe("a=b");
    expect(safeText("@sum")).toBe("'@sum");
  });
});

describe("report request parameters", () => {
  const refusal = (query: Record<string, unknown>) => {
    try {
      parseReportParams(query);
    } catch (e) {
      return e as ReportRequestError;
    }
    throw new Error("accepted");
  };

  it("accepts a committee code and a four-digit year", () => {
    expect(parseReportParams({ committee: "zhaotong", year: "2023" })).toEqual({ committee: "zhaotong", year: 2023 });
  });

  it.each([
    [{ year: "2023" }, "committee"],
    [{ committee: "", year: "2023" }, "committee"],
    [{ committee: "zhao tong", year: "2023" }, "committee"],
    [{ committee: ["a", "b"], year: "2023" }, "committee"],
    [{ committee: "zhaotong" }, "year"],
    [{ committee: "zhaotong", year: "23" }, "year"],
    [{ committee: "zhaotong", year: "2023.5" }, "year"],
    [{ committee: "zhaotong", year: ["2022", "2023"] }, "year"],
  ])("refuses %j naming %s", (query, field) => {
    const e = refusal(query);
    expect(e.status).toBe(400);
    expect(e.toJSON().error).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(e.message).toContain(field);
  });
});

describe("report from the operation's result", () => {
  const shape: ReportShape = {
    sections: ["courtyard", "members", "proposals", "opinionReports", "chishui"],
    figureLists: [{ field: "notRecorded", title: "报告列出但系统尚未登记的数字" }],
  };
  const section = (module: string, source: string) => ({
    module,
    title: module,
    titleEn: module,
    figures: [figure("n", 1, "count", source)],
  });
  const data = {
    committee: { code: "zhaotong", name: "昭通市政协" },
    annualReport: {
      committee: "zhaotong",
      year: 2023,
      courtyard: section("courtyard", "courtyardStats(includeDescendants: true).sessions"),
      members: section("members", "memberStats.activeMembers"),
      proposals: section("proposals", "proposalStats.received"),
      opinionReports: section("opinionReports", "opinionReportStats.collected"),
      chishui: null,
      notRecorded: [figure("x", null, "count", null)],
    },
  };
  const order = ["memberStats", "proposalStats", "opinionReportStats", "studioStats", "courtyardStats"];

  it("orders sections by the statistics their figures come from, leaves out absent ones, lists last", () => {
    const report = reportFromResult({ data }, shape, order);
    expect(report).toMatchObject({ committee: "zhaotong", committeeName: "昭通市政协", year: 2023 });
    expect(report.sections.map((s) => s.field)).toEqual([
      "members",
      "proposals",
      "opinionReports",
      "courtyard",
      "notRecorded",
    ]);
    expect(report.sections[4].section.title).toBe("报告列出但系统尚未登记的数字");
  });

  it.each([
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["BAD_USER_INPUT", 400],
  ])("maps %s to HTTP %d", (code, status) => {
    const e = (() => {
      try {
        reportFromResult(
          {
            data: { annualReport: null },
            errors: [{ message: "m", path: ["annualReport"], extensions: { code, field: "year" } }],
          },
          shape,
          order,
        );
      } catch (err) {
        return err as ReportRequestError;
      }
      throw new Error("accepted");
    })();
    expect(e.status).toBe(status);
    expect(e.code).toBe(code);
  });

  it("refuses a report with a failed section instead of leaving its figures out", () => {
    expect(() =>
      reportFromResult(
        {
          data: { ...data, annualReport: { ...data.annualReport, proposals: null } },
          errors: [
            { message: "down", path: ["annualReport", "proposals"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
          ],
        },
        shape,
        order,
      ),
    ).toThrow(expect.objectContaining({ status: 502, message: expect.stringContaining("proposals") }));
  });
});
