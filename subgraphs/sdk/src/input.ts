import { badInput } from "./errors";

/**
 * GraphQL IDs arrive as strings; ours are positive integers written in plain decimal.
 * `Number()` alone would also take "0x10", "1e1", " 12", "+3" or "1.0": one record must
 * have one id, so anything but digits (no leading zero) is refused.
 */
export function parseId(value: string | number | null | undefined, field: string): number {
  const n = typeof value === "number" ? value : /^[1-9]\d*$/.test(value ?? "") ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw badInput(field, "编号无效", "not a valid id");
  return n;
}

/** Trims and length-checks free text; `required` rejects empty strings. */
export function text(
  value: string | null | undefined,
  field: string,
  opts: { max: number; required?: boolean },
): string {
  const v = (value ?? "").trim();
  if (opts.required && !v) throw badInput(field, "不能为空", "must not be empty");
  if ([...v].length > opts.max) {
    throw badInput(field, `不能超过 ${opts.max} 个字符`, `must be at most ${opts.max} characters`);
  }
  return v;
}

/** LIKE pattern for a user's search words; `!` is the escape character (portable across SQLite and MySQL). */
export function likePattern(search: string): string {
  return `%${search.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
export const LIKE_ESCAPE = "ESCAPE '!'";
