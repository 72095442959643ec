import ExcelJS from "exceljs";
import { reportRows, type AnnualReportData, type ReportRow } from "./annual-report";

/** The download's columns, in order; headers in both languages because the file travels. */
export const REPORT_COLUMNS: { key: keyof ReportRow; header: string; width: number }[] = [
  { key: "section", header: "板块 Section", width: 26 },
  { key: "key", header: "键 Key", width: 26 },
  { key: "title", header: "名称 Title", width: 28 },
  { key: "titleEn", header: "英文名称 Title (en)", width: 34 },
  { key: "value", header: "数值 Value", width: 12 },
  { key: "definition", header: "口径 Definition", width: 70 },
  { key: "source", header: "来源 Source", width: 40 },
];

/**
 * A text cell a spreadsheet would take for a formula (=, +, -, @, tab, CR) is prefixed
 * with an apostrophe: plugin authors write titles and definitions, and a file opened by
 * staff must not run anything.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = safeText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 with CRLF line ends, UTF-8 with a byte order mark so that Excel opens the
 * Chinese text correctly on a double click. Rates stay fractions (0–1), as in the API.
 */
export function annualReportCsv(report: AnnualReportData): Buffer {
  const lines = [
    REPORT_COLUMNS.map((c) => csvField(c.header)).join(","),
    ...reportRows(report).map((row) => REPORT_COLUMNS.map((c) => csvField(row[c.key])).join(",")),
  ];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/**
 * Reads such a file back into rows of fields (RFC 4180: quoted fields may hold commas,
 * quotes and line breaks), for scripts that consume the download and for its tests.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (report: AnnualReportData) => `${report.year}年工作报告数字`.slice(0, 31);

/**
 * The same rows as the CSV in a workbook: rates are stored as the API's fractions and
 * shown as percentages, so a pasted value is the API's number and reads as the report prints it.
 */
export async function annualReportXlsx(report: AnnualReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "同心 Tongxin";
  workbook.title = `${report.committeeName} ${report.year} 年度工作报告数字`;
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(report), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = REPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle" };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFF3F8" } };
  for (const row of reportRows(report)) {
    const added = sheet.addRow(
      Object.fromEntries(
        REPORT_COLUMNS.map((c) => {
          const v = row[c.key];
          return [c.key, typeof v === "string" ? safeText(v) : v];
        }),
      ),
    );
    added.alignment = { vertical: "top" };
    added.getCell("value").numFmt = row.kind === "rate" ? "0.0%" : "#,##0";
    added.getCell("definition").alignment = { wrapText: true, vertical: "top" };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An ASCII name for every browser, and the Chinese one (RFC 5987) for those that take it. */
export function reportContentDisposition(report: AnnualReportData, ext: "csv" | "xlsx"): string {
  const ascii = `annual-report-${report.committee}-${report.year}.${ext}`;
  const unicode = `${report.committeeName}${report.year}年度工作报告数字.${ext}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(unicode)}`;
}
