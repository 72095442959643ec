import jwt from "jsonwebtoken";
import { identityFromClaims, type Identity, type UserClaims } from "./identity";

/** Sessions opened by password sign-in last a working day; the person signs in again tomorrow. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * The user token the gateway issues after a password sign-in: the same claims and the
 * same HS256 key (JWT_SECRET) as `npm run token`, so the gateway verifies it like any
 * other, with `sub` naming the account (`account:17`) for audit. Validated through
 * `identityFromClaims`, so it cannot issue a token the gateway would refuse.
 */
export function signSessionToken(
  claims: UserClaims & { sub: string },
  jwtSecret: string,
  ttlSeconds = SESSION_TTL_SECONDS,
): { token: string; identity: Identity; expiresAt: string } {
  const identity = identityFromClaims(claims);
  const body: UserClaims = { role: identity.role };
  if (identity.committee) body.committee = identity.committee;
  if (identity.memberId) body.member = identity.memberId;
  if (identity.unitId) body.unit = identity.unitId;
  if (claims.name) body.name = claims.name;
  const token = jwt.sign(body, jwtSecret, { algorithm: "HS256", subject: claims.sub, expiresIn: ttlSeconds });
  const expiresAt = new Date((jwt.decode(token) as { exp: number }).exp * 1000).toISOString();
  return { token, identity, expiresAt };
}
