import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } from "@tongxin/sdk";
import { z } from "zod";
import { DEFAULT_LIMITS, type OperationLimits } from "./limits";
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from "./rate-limit";

/** Overall budget of one request, subgraph calls included; past it the gateway answers TIMEOUT. */
export const DEFAULT_REQUEST_DEADLINE_MS = 30_000;

/** The gateway's own tunables (the platform-wide ones, secrets and URLs, come from the SDK's config). */
export interface GatewaySettings {
  limits: OperationLimits;
  requestDeadlineMs: number;
  tokenMaxLifetimeSeconds: number;
  rateLimit: RateLimitSettings;
  /** Express `trust proxy`: set when a reverse proxy in front sets X-Forwarded-For. */
  trustProxy: string | number | boolean;
}

const positiveInt = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number (no unit), e.g. ${name}=30000`)
    .transform(Number)
    .pipe(z.number().int().positive(`${name} must be greater than 0`).max(Number.MAX_SAFE_INTEGER));

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
/** Seconds, or a number with s/m/h/d as `npm run token -- --expires` takes it. */
const lifetime = z
  .string()
  .trim()
  .regex(/^\d+[smhd]?$/, "TOKEN_MAX_LIFETIME must be seconds or a duration such as 31d, 12h")
  .transform((v) => {
    const [, n, unit] = /^(\d+)([smhd]?)$/.exec(v)!;
    return Number(n) * UNITS[unit || "s"];
  })
  .pipe(z.number().int().positive("TOKEN_MAX_LIFETIME must be greater than 0"));

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const schema = z.object({
  LIMIT_MAX_DEPTH: positiveInt("LIMIT_MAX_DEPTH").optional(),
  LIMIT_MAX_ALIASES: positiveInt("LIMIT_MAX_ALIASES").optional(),
  LIMIT_MAX_COST: positiveInt("LIMIT_MAX_COST").optional(),
  LIMIT_MAX_TOKENS: positiveInt("LIMIT_MAX_TOKENS").optional(),
  LIMIT_MAX_DIRECTIVES: positiveInt("LIMIT_MAX_DIRECTIVES").optional(),
  REQUEST_DEADLINE_MS: positiveInt("REQUEST_DEADLINE_MS").optional(),
  TOKEN_MAX_LIFETIME: lifetime.optional(),
  RATE_LIMIT: flag.optional(),
  RATE_LIMIT_IDENTITY_POINTS: positiveInt("RATE_LIMIT_IDENTITY_POINTS").optional(),
  RATE_LIMIT_ADDRESS_POINTS: positiveInt("RATE_LIMIT_ADDRESS_POINTS").optional(),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt("RATE_LIMIT_WINDOW_SECONDS").optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  TRUST_PROXY: z.string().trim().min(1).optional(),
});

export class GatewaySettingsError extends Error {}

/** Empty values count as unset, as in a `.env` file with `NAME=`. */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.keys(schema.shape)
      .map((k) => [k, env[k]])
      .filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== ""),
  );
}

/** Reads the gateway's settings from the environment; a bad value stops the start with its name. */
export function loadGatewaySettings(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const parsed = schema.safeParse(present(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new GatewaySettingsError(`invalid gateway settings:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  const trust = v.TRUST_PROXY;
  return {
    limits: {
      maxDepth: v.LIMIT_MAX_DEPTH ?? DEFAULT_LIMITS.maxDepth,
      maxAliases: v.LIMIT_MAX_ALIASES ?? DEFAULT_LIMITS.maxAliases,
      maxCost: v.LIMIT_MAX_COST ?? DEFAULT_LIMITS.maxCost,
      maxTokens: v.LIMIT_MAX_TOKENS ?? DEFAULT_LIMITS.maxTokens,
      maxDirectives: v.LIMIT_MAX_DIRECTIVES ?? DEFAULT_LIMITS.maxDirectives,
    },
    requestDeadlineMs: v.REQUEST_DEADLINE_MS ?? DEFAULT_REQUEST_DEADLINE_MS,
    tokenMaxLifetimeSeconds: v.TOKEN_MAX_LIFETIME ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
    rateLimit: {
      enabled: v.RATE_LIMIT ?? DEFAULT_RATE_LIMIT.enabled,
      identityPoints: v.RATE_LIMIT_IDENTITY_POINTS ?? DEFAULT_RATE_LIMIT.identityPoints,
      addressPoints: v.RATE_LIMIT_ADDRESS_POINTS ?? DEFAULT_RATE_LIMIT.addressPoints,
      windowSeconds: v.RATE_LIMIT_WINDOW_SECONDS ?? DEFAULT_RATE_LIMIT.windowSeconds,
      redisUrl: v.REDIS_URL,
    },
    // "1" = one proxy hop, "true"/"false", or an Express list such as "loopback, 10.0.0.0/8".
    trustProxy:
      trust === undefined
        ? false
        : /^\d+$/.test(trust)
          ? Number(trust)
          : trust === "true"
            ? true
            : trust === "false"
              ? false
              : trust,
  };
}
