import { z } from "zod";
import { DatabaseUrlError, parseDatabaseUrl } from "./database";

/**
 * Platform configuration comes from environment variables only (API.md), so the same
 * build runs on a laptop, on a county server and in CI. Development defaults exist so
 * that `npm start` works from a fresh clone; production refuses to run on them, and
 * refuses them even when they are set explicitly (they are published in this file).
 */
export const DEV_JWT_SECRET = "tongxin-development-jwt-secret-not-for-production";
export const DEV_INTERNAL_SECRET = "tongxin-development-internal-secret-not-for-production";
/** HS256 with a shorter key is brute-forceable; 32 bytes is what RFC 7518 asks for SHA-256. */
export const MIN_SECRET_BYTES = 32;

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
  /** PORT, when set; each process has its own default. */
  port?: number;
  /** HOST, the address to listen on. */
  host: string;
  /** TONGXIN_SEED=1: seed demo data when a module's tables are empty. */
  seed: boolean;
}

export class ConfigError extends Error {}

/** Unset and empty mean the same thing in a shell or a .env file. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** A whole number written in plain decimal: "10s", "1e4" or "0x10" are mistakes, not numbers. */
const decimal = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be ${what} written in digits only`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const url = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http:// or https:// URL");

const EnvSchema = z.object({
  NODE_ENV: optional(z.string()),
  DATABASE_URL: optional(
    z.string().superRefine((v, ctx) => {
      try {
        parseDatabaseUrl(v);
      } catch (e) {
        ctx.addIssue({
          code: "custom",
          message: e instanceof DatabaseUrlError ? e.message.replace(/^DATABASE_URL /, "") : String(e),
        });
      }
    }),
  ),
  JWT_SECRET: optional(z.string()),
  JWT_PUBLIC_KEY: optional(z.string()),
  INTERNAL_SECRET: optional(z.string()),
  MEMBERS_URL: optional(url),
  SUBGRAPH_TIMEOUT_MS: optional(decimal(1, 600_000, "milliseconds")),
  PORT: optional(decimal(0, 65_535, "a port number")),
  HOST: optional(z.string()),
  TONGXIN_SEED: optional(z.enum(["0", "1"], { message: "must be 0 or 1" })),
});

/** One line per problem, each naming its variable, so an operator fixes them all in one go. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`).join("; ");
}

function refuseInProduction(name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value === DEV_JWT_SECRET || value === DEV_INTERNAL_SECRET) {
    throw new ConfigError(`${name} is the published development secret; production needs a secret of its own`);
  }
  if (Buffer.byteLength(value, "utf8") < MIN_SECRET_BYTES) {
    throw new ConfigError(`${name} must be at least ${MIN_SECRET_BYTES} bytes in production`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production) {
    if (!e.INTERNAL_SECRET) {
      throw new ConfigError("INTERNAL_SECRET must be set in production (subgraphs refuse to start without it)");
    }
    refuseInProduction("INTERNAL_SECRET", e.INTERNAL_SECRET);
    // Every development token ever printed was signed with the development JWT secret.
    refuseInProduction("JWT_SECRET", e.JWT_SECRET);
    if (e.JWT_SECRET && e.JWT_SECRET === e.INTERNAL_SECRET) {
      throw new ConfigError("JWT_SECRET and INTERNAL_SECRET must differ in production");
    }
  }
  const internalSecret = e.INTERNAL_SECRET ?? DEV_INTERNAL_SECRET;
  const jwtPublicKey = e.JWT_PUBLIC_KEY?.replace(/\\n/g, "\n");
  const jwtSecret = e.JWT_SECRET ?? (production || jwtPublicKey ? undefined : DEV_JWT_SECRET);
  return {
    production,
    databaseUrl: e.DATABASE_URL ?? "sqlite:./data",
    jwtSecret,
    jwtPublicKey,
    internalSecret,
    membersUrl: e.MEMBERS_URL ?? "http://127.0.0.1:4001/graphql",
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS ?? 10_000,
    port: e.PORT,
    host: e.HOST ?? "127.0.0.1",
    seed: e.TONGXIN_SEED === "1",
  };
}
