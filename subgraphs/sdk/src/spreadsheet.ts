import ExcelJS from "exceljs";

/**
 * Spreadsheets (台账) declared as data. A module describes each sheet once (Chinese sheet
 * name, columns with Chinese headers, English names, types, allowed values, natural key)
 * and the same declaration drives the downloadable template, the export and the import
 * parser, so an exported file always imports back unchanged. exceljs does the XLSX work
 * (DESIGN.md rule 12); this file only knows about our sheets.
 */

/** Modules (and their tests) reach exceljs through the SDK, so only the SDK depends on it. */
export { ExcelJS };

export type ColumnType = "text" | "date" | "int" | "enum";

/** An allowed value of an enum column: `label` is what staff see and type, `value` what the API stores. */
export interface EnumChoice {
  value: string;
  label: string;
}

export interface ColumnDefinition {
  /** English name: the key of parsed rows and of rows handed to the exporter. */
  key: string;
  /** Chinese header, the column's name in the file. */
  header: string;
  type: ColumnType;
  required?: boolean;
  /** text: maximum length in characters; int: maximum value. */
  max?: number;
  /** int: minimum value. */
  min?: number;
  /** enum: fixed choices … */
  choices?: readonly EnumChoice[];
  /** … or the name of a list supplied when the sheet is used (sectors, studios: they live in the database). */
  choicesFrom?: string;
  /** Shown in the notes sheet (说明) and as the header cell's comment. */
  note?: string;
  width?: number;
}

export interface SheetDefinition {
  /** Chinese sheet name, e.g. 委员名册. */
  name: string;
  nameEn: string;
  columns: readonly ColumnDefinition[];
  /** Column keys that identify a row (documented in the notes; duplicates are refused by the module). */
  naturalKey: readonly string[];
  /** A line for the notes sheet: what one row is, who may import. */
  note?: string;
}

export class SheetDefinitionError extends Error {}

/** Declares a sheet; shape mistakes surface at import time of the module, not at a clerk's upload. */
export function defineSheet(def: SheetDefinition): SheetDefinition {
  const keys = new Set<string>();
  const headers = new Set<string>();
  for (const c of def.columns) {
    if (keys.has(c.key)) throw new SheetDefinitionError(`sheet ${def.name}: column key ${c.key} twice`);
    if (headers.has(c.header)) throw new SheetDefinitionError(`sheet ${def.name}: header ${c.header} twice`);
    keys.add(c.key);
    headers.add(c.header);
    if (c.type === "enum" && !c.choices && !c.choicesFrom) {
      throw new SheetDefinitionError(`sheet ${def.name}: enum column ${c.key} needs choices or choicesFrom`);
    }
  }
  for (const k of def.naturalKey) {
    if (!keys.has(k)) throw new SheetDefinitionError(`sheet ${def.name}: natural key ${k} is not a column`);
  }
  if (def.name.length > 31 || /[\\/?*[\]:]/.test(def.name)) {
    throw new SheetDefinitionError(`sheet name ${def.name} is not a valid Excel sheet name`);
  }
  return Object.freeze({ ...def, columns: Object.freeze([...def.columns]) });
}

/** Runtime lists for `choicesFrom` columns, by list name. */
export type Choices = Readonly<Record<string, readonly EnumChoice[]>>;

/** A parsed value: text → string, date → `YYYY-MM-DD`, int → number, enum → the choice's value. */
export type SheetValue = string | number | null;
export type SheetRowValues = Record<string, SheetValue>;

export interface ParsedRow {
  /** The Excel row number (1 is the header). */
  row: number;
  values: SheetRowValues;
}

/** One bad cell, named the way a clerk finds it in Excel. */
export interface SheetProblem {
  sheet: string;
  /** Excel row number; 1 for header problems, 0 for the workbook as a whole. */
  row: number;
  /** The Chinese header of the column, or "" for a whole-row or whole-sheet problem. */
  column: string;
  /** Excel-style address, e.g. 委员名册!C7. */
  cell: string;
  /** Chinese / English. */
  message: string;
}

/** Column index (1-based) → Excel letters: 1 → A, 27 → AA. */
export function columnLetters(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Excel quotes a sheet name in a reference only when it has spaces or punctuation. */
const quoteSheet = (name: string) => (/^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name}'`);

/**
 * Collects every problem of a file before anything is written (the import is all or
 * nothing, and a clerk fixes all cells in one pass). Columns are found by header, so the
 * address is right whatever order the clerk's file has.
 */
export class SheetProblems {
  readonly list: SheetProblem[] = [];
  private readonly positions = new Map<string, Map<string, number>>();

  /** Where each column of a sheet is in the uploaded file (set by the parser). */
  setPositions(sheet: SheetDefinition, byKey: Map<string, number>): void {
    this.positions.set(sheet.name, byKey);
  }

  cellOf(sheet: SheetDefinition, row: number, key?: string): { column: string; cell: string } {
    const col = key ? sheet.columns.find((c) => c.key === key) : undefined;
    const index = key ? (this.positions.get(sheet.name)?.get(key) ?? sheet.columns.indexOf(col!) + 1) : 0;
    const address = index > 0 ? `${columnLetters(index)}${row}` : row > 0 ? `${row}:${row}` : "";
    return {
      column: col?.header ?? "",
      cell: address ? `${quoteSheet(sheet.name)}!${address}` : quoteSheet(sheet.name),
    };
  }

  add(sheet: SheetDefinition, row: number, key: string | undefined, zh: string, en: string): void {
    this.list.push({ sheet: sheet.name, row, ...this.cellOf(sheet, row, key), message: `${zh} / ${en}` });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** In reading order: by sheet, row, then column as they stand in the file. */
  sorted(): SheetProblem[] {
    const col = (p: SheetProblem) => {
      const m = /!([A-Z]+)\d+$/.exec(p.cell);
      return m ? [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    };
    return [...this.list].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || col(a) - col(b));
  }
}

function choicesOf(col: ColumnDefinition, choices: Choices): readonly EnumChoice[] {
  if (col.choices) return col.choices;
  const list = choices[col.choicesFrom!];
  if (!list) throw new SheetDefinitionError(`column ${col.key}: no list ${col.choicesFrom} was supplied`);
  return list;
}

const TYPE_ZH: Record<ColumnType, string> = { text: "文本", date: "日期 YYYY-MM-DD", int: "整数", enum: "下拉选择" };

interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** How many rows below the data keep the drop-downs, so a clerk can add rows to an export. */
const SPARE_ROWS = 1000;
const OPTIONS_SHEET = "选项";
const NOTES_SHEET = "说明";

export interface SheetContent {
  sheet: SheetDefinition;
  /** Rows keyed by column key; values as `SheetValue` (enum columns by value, dates as YYYY-MM-DD). */
  rows?: readonly Record<string, SheetValue | undefined>[];
  choices?: Choices;
}

/**
 * Writes a workbook: one sheet per definition with Chinese headers (comments carry the
 * note), data validation lists for every enum column (the lists on a hidden 选项 sheet,
 * since Excel caps an inline list at 255 characters), date cells formatted yyyy-mm-dd,
 * and a 说明 sheet listing every column. With no rows it is the template.
 */
export async function writeWorkbook(contents: readonly SheetContent[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "同心 Tongxin";
  const sheets = contents.map((c) => wb.addWorksheet(c.sheet.name, { views: [{ state: "frozen", ySplit: 1 }] }));
  const notes = wb.addWorksheet(NOTES_SHEET);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: "hidden" });
  let optionColumn = 0;

  contents.forEach((content, i) => {
    const { sheet } = content;
    const ws = sheets[i];
    const choices = content.choices ?? {};
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? (c.type === "date" ? 13 : Math.max(10, c.header.length * 2 + 4)),
      style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "text" ? { numFmt: "@" } : {},
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    sheet.columns.forEach((c, ci) => {
      const cell = header.getCell(ci + 1);
      if (c.required) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE9D9" } };
      cell.note = `${c.key}${c.required ? " (必填 / required)" : ""}${c.note ? `\n${c.note}` : ""}`;
    });
    for (const row of content.rows ?? []) {
      const values = sheet.columns.map((c) => {
        const v = row[c.key];
        if (v === null || v === undefined || v === "") return null;
        if (c.type === "enum") return choicesOf(c, choices).find((ch) => ch.value === v)?.label ?? String(v);
        if (c.type === "date") return new Date(`${String(v)}T00:00:00Z`);
        return v;
      });
      ws.addRow(values);
    }
    const last = (content.rows?.length ?? 0) + 1 + SPARE_ROWS;
    sheet.columns.forEach((c, ci) => {
      if (c.type !== "enum") return;
      const list = choicesOf(c, choices);
      optionColumn += 1;
      const letters = columnLetters(optionColumn);
      options.getCell(`${letters}1`).value = `${sheet.name}.${c.header}`;
      list.forEach((ch, li) => (options.getCell(`${letters}${li + 2}`).value = ch.label));
      const col = columnLetters(ci + 1);
      // exceljs writes range validations (one <dataValidation sqref="C2:C1001">) but its typings omit them.
      (ws as unknown as RangeValidations).dataValidations.add(`${col}2:${col}${last}`, {
        type: "list",
        allowBlank: !c.required,
        formulae: [`${OPTIONS_SHEET}!$${letters}$2:$${letters}$${Math.max(2, list.length + 1)}`],
        showErrorMessage: true,
        errorTitle: "无效的值 / invalid value",
        error: `请从下拉列表中选择 / choose from the list`,
      });
    });
  });

  notes.columns = [
    { header: "工作表 / sheet", width: 16 },
    { header: "列 / column", width: 18 },
    { header: "英文名 / name", width: 18 },
    { header: "类型 / type", width: 16 },
    { header: "必填 / required", width: 10 },
    { header: "可选值 / allowed values", width: 40 },
    { header: "说明 / note", width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const content of contents) {
    const { sheet } = content;
    const keyHeaders = sheet.naturalKey.map((k) => sheet.columns.find((c) => c.key === k)!.header).join(" + ");
    notes.addRow([
      sheet.name,
      "",
      sheet.nameEn,
      "",
      "",
      "",
      `${sheet.note ?? ""} 唯一标识 / natural key: ${keyHeaders}`,
    ]);
    for (const c of sheet.columns) {
      const allowed =
        c.type === "enum"
          ? choicesOf(c, content.choices ?? {})
              .map((ch) => ch.label)
              .join("、")
          : "";
      notes.addRow([sheet.name, c.header, c.key, TYPE_ZH[c.type], c.required ? "是" : "", allowed, c.note ?? ""]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel's serial day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("error" in value) return "";
  }
  return String(value);
}

const isoDate = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
};

/** Dates as clerks write them: a real Excel date, 2023-01-05, 2023/1/5, 2023.1.5, 2023年1月5日, or a serial. */
export function parseSheetDate(value: ExcelJS.CellValue): string | null {
  if (value instanceof Date) {
    // exceljs reads date cells as UTC midnight; a time part means a date-time, keep its day.
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value > 2958465) return null;
    return new Date(EXCEL_EPOCH + Math.floor(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const s = cellText(value).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export interface ReadSheet {
  sheet: SheetDefinition;
  choices?: Choices;
  /** A missing sheet is a problem unless optional. */
  optional?: boolean;
}

export interface WorkbookContents {
  rows: Map<string, ParsedRow[]>;
  problems: SheetProblems;
}

/**
 * Parses an uploaded workbook against its sheet definitions. Every cell is checked for
 * its column's type, length, allowed values and presence, and every problem is collected;
 * the module then checks references (unknown sector, studio, session …) into the same
 * list before deciding to write.
 */
export async function readWorkbook(data: Buffer | Uint8Array, wanted: readonly ReadSheet[]): Promise<WorkbookContents> {
  const problems = new SheetProblems();
  const rows = new Map<string, ParsedRow[]>();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch {
    const sheet = wanted[0].sheet;
    problems.list.push({
      sheet: sheet.name,
      row: 0,
      column: "",
      cell: "",
      message: "文件不是有效的 XLSX 工作簿 / the file is not a valid XLSX workbook",
    });
    return { rows, problems };
  }
  for (const { sheet, choices = {}, optional } of wanted) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) {
      if (!optional) problems.add(sheet, 0, undefined, `缺少工作表"${sheet.name}"`, `sheet ${sheet.name} is missing`);
      rows.set(sheet.name, []);
      continue;
    }
    const positions = new Map<string, number>();
    const headerRow = ws.getRow(1);
    headerRow.eachCell((cell, col) => {
      const text = cellText(cell.value).trim();
      const c = sheet.columns.find((d) => d.header === text || d.key === text);
      if (c && !positions.has(c.key)) positions.set(c.key, col);
    });
    problems.setPositions(sheet, positions);
    const missing = sheet.columns.filter(
      (c) => !positions.has(c.key) && (c.required || sheet.naturalKey.includes(c.key)),
    );
    for (const c of missing) {
      problems.list.push({
        sheet: sheet.name,
        row: 1,
        column: c.header,
        cell: `${quoteSheet(sheet.name)}!1:1`,
        message: `缺少必需的列"${c.header}" / required column ${c.key} (${c.header}) is missing`,
      });
    }
    if (missing.length) {
      rows.set(sheet.name, []);
      continue;
    }
    const enumMaps = new Map<string, Map<string, string>>();
    for (const c of sheet.columns) {
      if (c.type !== "enum") continue;
      const m = new Map<string, string>();
      for (const ch of choicesOf(c, choices)) {
        m.set(ch.label, ch.value);
        m.set(ch.value, ch.value);
      }
      enumMaps.set(c.key, m);
    }
    const out: ParsedRow[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const raw = sheet.columns.map((c) => (positions.has(c.key) ? row.getCell(positions.get(c.key)!).value : null));
      if (raw.every((v) => cellText(v ?? null).trim() === "")) continue;
      const values: SheetRowValues = {};
      sheet.columns.forEach((c, i) => {
        const v = raw[i] ?? null;
        const s = cellText(v).trim();
        if (s === "") {
          values[c.key] = null;
          if (c.required) problems.add(sheet, r, c.key, `"${c.header}"不能为空`, `${c.key} is required`);
          return;
        }
        switch (c.type) {
          case "text":
            if (c.max && [...s].length > c.max) {
              problems.add(sheet, r, c.key, `不能超过 ${c.max} 个字符`, `at most ${c.max} characters`);
            }
            values[c.key] = s;
            return;
          case "int": {
            const n = typeof v === "number" ? v : Number(s);
            if (!Number.isInteger(n) || (c.min !== undefined && n < c.min) || (c.max !== undefined && n > c.max)) {
              const range = c.min !== undefined && c.max !== undefined ? ` ${c.min}–${c.max}` : "";
              problems.add(sheet, r, c.key, `应为整数${range}, 而不是"${s}"`, `must be an integer${range}, not "${s}"`);
              values[c.key] = null;
            } else values[c.key] = n;
            return;
          }
          case "date": {
            const d = parseSheetDate(v);
            if (!d) {
              problems.add(sheet, r, c.key, `"${s}"不是有效日期, 应为 YYYY-MM-DD`, `"${s}" is not a date (YYYY-MM-DD)`);
            }
            values[c.key] = d;
            return;
          }
          case "enum": {
            const found = enumMaps.get(c.key)!.get(s);
            if (found === undefined) {
              const allowed = choicesOf(c, choices)
                .map((ch) => ch.label)
                .join("、");
              problems.add(
                sheet,
                r,
                c.key,
                `"${s}"不是可选值, 可选: ${allowed}`,
                `"${s}" is not allowed; one of: ${allowed}`,
              );
              values[c.key] = null;
            } else values[c.key] = found;
            return;
          }
        }
      });
      out.push({ row: r, values });
    }
    rows.set(sheet.name, out);
  }
  return { rows, problems };
}

/**
 * Reports the second and later rows that share a natural key with an earlier one.
 * Rows whose key is null (the key cells were missing, already reported) are skipped.
 */
export function reportDuplicates(
  problems: SheetProblems,
  sheet: SheetDefinition,
  rows: readonly ParsedRow[],
  keyOf: (row: ParsedRow) => string | null,
  what: { zh: string; en: string; column?: string },
): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, r.row);
    else {
      problems.add(
        sheet,
        r.row,
        what.column ?? sheet.naturalKey[0],
        `${what.zh}与第 ${seen} 行重复`,
        `${what.en} duplicates row ${seen}`,
      );
    }
  }
}

/** Base64 as GraphQL carries files; a clear error instead of a garbled workbook. */
export function decodeBase64File(data: string): Buffer | null {
  const s = data.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  return Buffer.from(s, "base64");
}
