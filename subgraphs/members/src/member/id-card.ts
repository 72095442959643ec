import { createHmac } from "node:crypto";
import { badInput } from "@tongxin/sdk";

/**
 * The ID-card number (居民身份证号码) identifies a person across committees, but it is
 * personal data the platform does not need to read back: only a keyed hash is stored
 * (HMAC-SHA256 with ID_CARD_SECRET), enough to find "the same person" on import or when
 * a second committee gives them a seat, useless to whoever copies the table without the
 * secret. The number itself is never stored, logged or returned.
 *
 * ID_CARD_SECRET must stay the same for the life of the data (changing it orphans every
 * stored hash); production refuses to hash with the development default.
 */
export const DEV_ID_CARD_SECRET = "tongxin-development-id-card-secret-not-for-production";

function secret(): string {
  const s = process.env.ID_CARD_SECRET;
  if (s) return s;
  if (process.env.NODE_ENV === "production") {
    throw new Error("ID_CARD_SECRET must be set in production to store ID-card numbers");
  }
  return DEV_ID_CARD_SECRET;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export interface IdCard {
  /** Normalised (upper-case X); held in memory only. */
  number: string;
  /** YYYY-MM-DD, from digits 7–14. */
  birthDate: string;
  hash: string;
}

/** A reason the number is invalid (Chinese, English), or null when it is a valid 18-digit number. */
export function idCardProblem(raw: string): [string, string] | null {
  const n = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return ["身份证号应为 18 位(最后一位可为 X)", "an ID-card number has 18 characters"];
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(n[i]), 0);
  if (CHECK[sum % 11] !== n[17]) return ["身份证号校验位不正确", "the ID-card number's check digit is wrong"];
  const y = Number(n.slice(6, 10));
  const m = Number(n.slice(10, 12));
  const d = Number(n.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return ["身份证号中的出生日期无效", "the birth date inside the ID-card number is invalid"];
  }
  return null;
}

export function hashIdCard(normalised: string): string {
  return createHmac("sha256", secret()).update(`id-card:${normalised}`).digest("hex");
}

/** Parses a number typed by staff; throws BAD_USER_INPUT on `field` when invalid. */
export function parseIdCard(raw: string, field: string): IdCard {
  const problem = idCardProblem(raw);
  if (problem) throw badInput(field, problem[0], problem[1]);
  return readIdCard(raw);
}

/** For a number already checked with idCardProblem. */
export function readIdCard(raw: string): IdCard {
  const number = raw.trim().toUpperCase();
  return {
    number,
    birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
    hash: hashIdCard(number),
  };
}
