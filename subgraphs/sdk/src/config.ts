/**
 * Platform configuration comes from environment variables only (API.md), so the same
 * build runs on a laptop, on a county server and in CI. Development defaults exist so
 * that `npm start` works from a fresh clone; production refuses to run on them.
 */
export const DEV_JWT_SECRET = "tongxin-development-jwt-secret-not-for-production";
export const DEV_INTERNAL_SECRET = "tongxin-development-internal-secret-not-for-production";

export interface PlatformConfig {
  production: boolean;
  databaseUrl: string;
  /** HS256 secret for user tokens (local use). */
  jwtSecret?: string;
  /** PEM public key (RS256/ES256) for user tokens issued by a real identity provider. */
  jwtPublicKey?: string;
  /** Shared by the gateway and subgraphs; signs the identity the gateway forwards. */
  internalSecret: string;
  membersUrl: string;
  subgraphTimeoutMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const production = env.NODE_ENV === "production";
  const internalSecret = env.INTERNAL_SECRET || (production ? "" : DEV_INTERNAL_SECRET);
  if (!internalSecret) {
    throw new ConfigError("INTERNAL_SECRET must be set in production (subgraphs refuse to start without it)");
  }
  if (production && internalSecret.length < 32) {
    throw new ConfigError("INTERNAL_SECRET must be at least 32 characters in production");
  }
  const jwtPublicKey = env.JWT_PUBLIC_KEY?.replace(/\\n/g, "\n") || undefined;
  const jwtSecret = env.JWT_SECRET || (production || jwtPublicKey ? undefined : DEV_JWT_SECRET);
  return {
    production,
    databaseUrl: env.DATABASE_URL || "sqlite:./data",
    jwtSecret,
    jwtPublicKey,
    internalSecret,
    membersUrl: env.MEMBERS_URL || "http://127.0.0.1:4001/graphql",
    subgraphTimeoutMs: Number(env.SUBGRAPH_TIMEOUT_MS || 10_000),
  };
}
