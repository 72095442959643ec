import { badInput } from "./errors";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar dates travel as `YYYY-MM-DD` strings: no time zone can shift a signing date. */
export function parseDate(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value === "") return null;
  const d = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw badInput(field, "日期格式应为 YYYY-MM-DD", "must be a date written YYYY-MM-DD");
  }
  return value;
}

export function requireDate(value: string | null | undefined, field: string): string {
  const d = parseDate(value, field);
  if (!d) throw badInput(field, "必须填写日期", "a date is required");
  return d;
}

// Committees work on Beijing time: a letter signed at 07:00 on 1 January belongs to the new year.
const BEIJING_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });
export const today = (): string => BEIJING_DATE.format(new Date());

/** The last day of `year`, or today when the year is not over: "as of" for year figures. */
export function asOfEndOf(year: number | null | undefined): string {
  const t = today();
  if (!year) return t;
  const end = `${year}-12-31`;
  return end < t ? end : t;
}

export function yearRange(year: number, field = "year"): { from: string; to: string } {
  if (!Number.isInteger(year) || year < 1949 || year > 2100) {
    throw badInput(field, "年份无效", "must be a year between 1949 and 2100");
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Normalises what drivers return for DATE columns (string on SQLite, string or Date on MySQL). */
export function dateString(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
