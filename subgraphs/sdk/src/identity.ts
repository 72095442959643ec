import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";

/**
 * Who is asking. STAFF, MEMBER and UNIT come from user tokens (API.md); ADMIN is the
 * platform administrator (a user token too) who sets up the committee tree, the terms,
 * the platform's sectors and parties and the first accounts of each office: it holds
 * SYSTEM's rights for those setup writes only, and reads no register, proposal or figure
 * (the members module checks it explicitly; `RequestContext.has` does not grant it
 * permissions meant for STAFF). SYSTEM is a platform process (seeding, one subgraph
 * asking another); ANONYMOUS has no token and may only read the committee list.
 */
export type Role = "STAFF" | "MEMBER" | "UNIT" | "ADMIN" | "SYSTEM" | "ANONYMOUS";
export const USER_ROLES = ["STAFF", "MEMBER", "UNIT", "ADMIN"] as const;

export interface Identity {
  role: Role;
  /** Stable subject of the token (`staff:zhenxiong`, `member:12`, a user id from the IdP). */
  subject: string;
  /** STAFF: the committee they work for. UNIT: the committee the unit answers to, when known. */
  committee?: string;
  memberId?: string;
  unitId?: string;
  name?: string;
}

export const ANONYMOUS: Identity = Object.freeze({ role: "ANONYMOUS", subject: "anonymous" });
export const SYSTEM: Identity = Object.freeze({ role: "SYSTEM", subject: "system" });

/** The header the gateway uses to forward a verified identity to subgraphs. */
export const IDENTITY_HEADER = "x-tongxin-identity";
const INTERNAL_AUDIENCE = "tongxin-subgraph";
const INTERNAL_ISSUER = "tongxin-gateway";

/**
 * The forwarded identity is itself a short-lived token signed with the internal secret:
 * a subgraph that receives it knows both that the caller holds the secret and that the
 * identity was not altered on the way. Lifetime covers the slowest request.
 */
export function signInternalIdentity(identity: Identity, internalSecret: string, ttlSeconds = 300): string {
  return jwt.sign({ id: identity }, secretKey(internalSecret), {
    algorithm: "HS256",
    audience: INTERNAL_AUDIENCE,
    issuer: INTERNAL_ISSUER,
    expiresIn: ttlSeconds,
  });
}

/** Returns null when the header is missing, forged, expired or signed with another secret. */
export function verifyInternalIdentity(token: string | undefined, internalSecret: string): Identity | null {
  if (!token) return null;
  // Every hop of a request carries the same token: verify it once, then until it expires.
  const cache = cacheFor(verifiedInternal, internalSecret);
  const hit = cache.get(token);
  if (hit && hit.until > Date.now()) return hit.value;
  try {
    const payload = jwt.verify(token, secretKey(internalSecret), {
      algorithms: ["HS256"],
      audience: INTERNAL_AUDIENCE,
      issuer: INTERNAL_ISSUER,
    }) as { id?: Identity; exp?: number };
    const identity = payload.id && typeof payload.id.role === "string" ? payload.id : null;
    if (identity && payload.exp) cache.set(token, { value: Object.freeze(identity), until: payload.exp * 1000 });
    return identity;
  } catch {
    return null;
  }
}

/**
 * The internal token of an identity, signed once and reused for half its lifetime: the
 * gateway forwards the same identity to every subgraph fetch of a request, and a subgraph
 * asks the members subgraph as SYSTEM many times a second.
 */
export function cachedInternalIdentity(identity: Identity, internalSecret: string, ttlSeconds = 300): string {
  const cache = cacheFor(signedInternal, internalSecret);
  const key = `${ttlSeconds}|${JSON.stringify(identity)}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const token = signInternalIdentity(identity, internalSecret, ttlSeconds);
  cache.set(key, { value: token, until: Date.now() + (ttlSeconds * 1000) / 2 });
  return token;
}

/** A small least-recently-used map: bounded, so a flood of distinct tokens cannot grow memory. */
class Lru<V> {
  private readonly map = new Map<string, { value: V; until: number }>();
  constructor(private readonly max: number) {}
  get(key: string): { value: V; until: number } | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    if (hit.until <= Date.now()) return undefined;
    this.map.set(key, hit);
    return hit;
  }
  set(key: string, entry: { value: V; until: number }): void {
    this.map.delete(key);
    this.map.set(key, entry);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

const TOKEN_CACHE_SIZE = 1_000;
const verifiedInternal = new Map<string, Lru<Identity>>();
const signedInternal = new Map<string, Lru<string>>();
const verifiedUser = new Map<string, Lru<Identity>>();
const keyObjects = new Map<string, KeyObject>();

/** One cache per key, so a token verified with one secret never passes for another. */
function cacheFor<V>(caches: Map<string, Lru<V>>, key: string): Lru<V> {
  let cache = caches.get(key);
  if (!cache) {
    cache = new Lru<V>(TOKEN_CACHE_SIZE);
    caches.set(key, cache);
  }
  return cache;
}

/** The secret as a key object, built once: jsonwebtoken would otherwise rebuild it per call. */
function secretKey(secret: string): KeyObject {
  let key = keyObjects.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    keyObjects.set(secret, key);
  }
  return key;
}

export class InvalidTokenError extends Error {}

/** Claims of a user token, as `npm run token` issues them and an IdP must provide them. */
export interface UserClaims {
  sub?: string;
  role?: string;
  committee?: string;
  member?: string | number;
  unit?: string | number;
  name?: string;
}

/** Turns verified user-token claims into an identity; incomplete claims are rejected, not guessed. */
export function identityFromClaims(claims: UserClaims): Identity {
  const role = claims.role;
  const str = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
  const committee = str(claims.committee);
  const memberId = str(claims.member);
  const unitId = str(claims.unit);
  switch (role) {
    case "STAFF":
      if (!committee) throw new InvalidTokenError("a STAFF token needs a committee claim");
      return { role, committee, subject: claims.sub ?? `staff:${committee}`, name: claims.name };
    case "MEMBER":
      if (!memberId) throw new InvalidTokenError("a MEMBER token needs a member claim");
      return { role, memberId, subject: claims.sub ?? `member:${memberId}`, name: claims.name };
    case "UNIT":
      if (!unitId) throw new InvalidTokenError("a UNIT token needs a unit claim");
      return { role, unitId, committee, subject: claims.sub ?? `unit:${unitId}`, name: claims.name };
    case "ADMIN":
      // The committee claim, when present, is only the administrator's home committee (no extra scope).
      return { role, committee, subject: claims.sub ?? "admin", name: claims.name };
    default:
      throw new InvalidTokenError(`unknown role ${JSON.stringify(role)}`);
  }
}

export interface UserTokenKeys {
  jwtSecret?: string;
  jwtPublicKey?: string;
  /**
   * Longest lifetime a token may claim (exp - iat, or exp - now without iat); a token without
   * `exp` is refused, as it would never expire. Defaults to DEFAULT_TOKEN_MAX_LIFETIME_SECONDS.
   */
  maxLifetimeSeconds?: number;
}

/** `npm run token` issues 30-day tokens; one day more absorbs clock skew. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 31 * 24 * 3600;

/** Verifies a bearer token from a client. Algorithms are pinned so a token cannot choose its own. */
export function verifyUserToken(token: string, keys: UserTokenKeys): Identity {
  // A client sends the same token with every request: verified once, trusted until it expires.
  // The cache is per key and per lifetime limit: a token passes only what verified it.
  const cache = cacheFor(
    verifiedUser,
    `${keys.maxLifetimeSeconds ?? ""}|${keys.jwtPublicKey ? `pk|${keys.jwtPublicKey}` : `hs|${keys.jwtSecret ?? ""}`}`,
  );
  const hit = cache.get(token);
  if (hit) return hit.value;
  let claims: UserClaims;
  try {
    if (keys.jwtPublicKey) {
      claims = jwt.verify(token, keys.jwtPublicKey, { algorithms: ["RS256", "ES256"] }) as UserClaims;
    } else if (keys.jwtSecret) {
      claims = jwt.verify(token, secretKey(keys.jwtSecret), { algorithms: ["HS256"] }) as UserClaims;
    } else {
      throw new InvalidTokenError("no JWT key configured");
    }
  } catch (e) {
    throw new InvalidTokenError(e instanceof Error ? e.message : String(e));
  }
  const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
  if (typeof exp !== "number") throw new InvalidTokenError("the token has no expiry (exp)");
  const max = keys.maxLifetimeSeconds ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
  const lifetime = exp - (typeof iat === "number" ? iat : Math.floor(Date.now() / 1000));
  if (lifetime > max) {
    throw new InvalidTokenError(`the token lives ${lifetime} s, longer than the ${max} s allowed`);
  }
  const identity = Object.freeze(identityFromClaims(claims));
  // Trusted until it expires, and re-verified every few minutes at most.
  cache.set(token, { value: identity, until: Math.min(exp * 1000, Date.now() + 5 * 60_000) });
  return identity;
}

export interface TokenRequest {
  role: string;
  committee?: string;
  member?: string;
  unit?: string;
  name?: string;
  expiresIn?: string | number;
}

/** Issues a user token for local use (`npm run token`, tests, the explorer's preset header). */
export function signUserToken(req: TokenRequest, jwtSecret: string): string {
  // Validate through the same function the gateway uses, so a token we print is one it accepts.
  const identity = identityFromClaims({ role: req.role, committee: req.committee, member: req.member, unit: req.unit });
  const claims: UserClaims = { role: identity.role };
  if (identity.committee) claims.committee = identity.committee;
  if (identity.memberId) claims.member = identity.memberId;
  if (identity.unitId) claims.unit = identity.unitId;
  if (req.name) claims.name = req.name;
  return jwt.sign(claims, jwtSecret, {
    algorithm: "HS256",
    subject: identity.subject,
    expiresIn: (req.expiresIn ?? "30d") as jwt.SignOptions["expiresIn"],
  });
}
