import type { NextFunction, Request, Response } from "express";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface RateLimitSettings {
  enabled: boolean;
  /** Requests per window for one verified identity (the token's subject), wherever it comes from. */
  identityPoints: number;
  /** Requests per window for one client address without a valid token (anonymous or bad token). */
  addressPoints: number;
  windowSeconds: number;
  /** Shared counters for several gateway processes; in memory (per process) when unset. */
  redisUrl?: string;
}

/**
 * A dashboard page is one request per view and the explorer one per run, so 10 a second
 * sustained is far above a person's use; a county office behind one address is not throttled
 * as a whole because signed-in requests count per identity. Anonymous callers may only read
 * the committee list, and a stream of bad tokens is an attack: 2 a second per address.
 */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: true,
  identityPoints: 600,
  addressPoints: 120,
  windowSeconds: 60,
};

export type RateLimitKey = { kind: "identity"; subject: string } | { kind: "address"; address: string };

/**
 * rate-limiter-flexible: fixed windows counted in memory, or in Redis (atomic Lua increments)
 * when REDIS_URL is set so that every gateway process shares one count. When Redis does not
 * answer, an in-memory limiter takes over ("insurance") instead of failing requests.
 */
export class RequestRateLimiter {
  private readonly identity: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly redis?: Redis;

  constructor(
    readonly settings: RateLimitSettings,
    log: (m: string) => void = () => undefined,
  ) {
    const options = (prefix: string, points: number) => ({
      keyPrefix: `tongxin-rl-${prefix}`,
      points,
      duration: settings.windowSeconds,
    });
    if (settings.redisUrl) {
      // No offline queue: a request must not wait for a reconnecting Redis; the insurance answers.
      const redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      let reported = false;
      redis.on("error", (e: Error) => {
        if (!reported) log(`warning: rate-limit Redis unavailable, counting in memory meanwhile (${e.message})`);
        reported = true;
      });
      redis.on("ready", () => {
        reported = false;
      });
      this.redis = redis;
      const store = (prefix: string, points: number) =>
        new RateLimiterRedis({
          ...options(prefix, points),
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options(prefix, points)),
        });
      this.identity = store("id", settings.identityPoints);
      this.address = store("ip", settings.addressPoints);
    } else {
      this.identity = new RateLimiterMemory(options("id", settings.identityPoints));
      this.address = new RateLimiterMemory(options("ip", settings.addressPoints));
    }
  }

  /** null when the request may go on, else the seconds after which it may be repeated. */
  async consume(key: RateLimitKey): Promise<number | null> {
    try {
      if (key.kind === "identity") await this.identity.consume(key.subject);
      else await this.address.consume(key.address);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  }

  async close(): Promise<void> {
    // Counters live in Redis with their own expiry: nothing to flush, and no reconnect loop left behind.
    this.redis?.disconnect();
  }
}

/**
 * Express middleware: counts the request against `keyOf(req)` and answers 429 RATE_LIMITED with
 * Retry-After once the window's points are spent. Runs before the body is parsed or any
 * GraphQL work is done, so a refused request costs almost nothing.
 */
export function rateLimitMiddleware(limiter: RequestRateLimiter, keyOf: (req: Request, res: Response) => RateLimitKey) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const retryAfter = await limiter.consume(keyOf(req, res));
      if (retryAfter === null) return next();
      res
        .status(429)
        .set("Retry-After", String(retryAfter))
        .json({
          errors: [
            {
              message: `请求过于频繁,请 ${retryAfter} 秒后重试 / too many requests; retry after ${retryAfter} s`,
              extensions: { code: "RATE_LIMITED", retryAfter },
            },
          ],
        });
    } catch (e) {
      next(e);
    }
  };
}
