import type { MessageKey } from "./i18n.js";

/** What the page reads from a token's payload; the gateway verifies the signature, not the page. */
export interface Claims {
  role: string;
  committee?: string;
  name?: string;
  exp?: number;
}

const KEY = "tongxin.dashboard.token";

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The payload, or the reason this token cannot open the dashboard. */
export function readToken(token: string, now = Date.now()): { claims: Claims } | { problem: MessageKey } {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return { problem: "tokenMalformed" };
  let claims: Claims;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1])) as Claims;
  } catch {
    return { problem: "tokenMalformed" };
  }
  if (typeof claims !== "object" || claims === null || typeof claims.role !== "string") {
    return { problem: "tokenMalformed" };
  }
  if (typeof claims.exp === "number" && claims.exp * 1000 <= now) return { problem: "tokenExpired" };
  if (claims.role !== "STAFF" || !claims.committee) return { problem: "notStaff" };
  return { claims };
}

/** The tab's session only: a token left in localStorage would outlive the person at the desk. */
export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token.trim());
export const forgetToken = (): void => sessionStorage.removeItem(KEY);
