import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS } from "@tongxin/sdk";
import { DEFAULT_LIMITS } from "./limits";
import { DEFAULT_RATE_LIMIT } from "./rate-limit";
import { DEFAULT_REQUEST_DEADLINE_MS, GatewaySettingsError, loadGatewaySettings } from "./settings";

describe("gateway settings", () => {
  it("has documented defaults and empty values count as unset", () => {
    expect(loadGatewaySettings({ REQUEST_DEADLINE_MS: "" })).toEqual({
      limits: DEFAULT_LIMITS,
      requestDeadlineMs: DEFAULT_REQUEST_DEADLINE_MS,
      tokenMaxLifetimeSeconds: DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
      rateLimit: { ...DEFAULT_RATE_LIMIT, redisUrl: undefined },
      trustProxy: false,
    });
  });

  it("reads what a county tunes", () => {
    const s = loadGatewaySettings({
      LIMIT_MAX_DEPTH: "10",
      LIMIT_MAX_COST: "5000",
      REQUEST_DEADLINE_MS: "15000",
      TOKEN_MAX_LIFETIME: "12h",
      RATE_LIMIT_IDENTITY_POINTS: "100",
      RATE_LIMIT: "0",
      REDIS_URL: "redis://127.0.0.1:6379",
      TRUST_PROXY: "1",
    });
    expect(s.limits).toMatchObject({ maxDepth: 10, maxCost: 5000, maxAliases: DEFAULT_LIMITS.maxAliases });
    expect(s.requestDeadlineMs).toBe(15000);
    expect(s.tokenMaxLifetimeSeconds).toBe(12 * 3600);
    expect(s.rateLimit).toMatchObject({ enabled: false, identityPoints: 100, redisUrl: "redis://127.0.0.1:6379" });
    expect(s.trustProxy).toBe(1);
    expect(loadGatewaySettings({ TOKEN_MAX_LIFETIME: "86400" }).tokenMaxLifetimeSeconds).toBe(86400);
  });

  it("refuses bad values at start, naming them (10s used to become NaN)", () => {
    expect(() => loadGatewaySettings({ REQUEST_DEADLINE_MS: "10s" })).toThrow(GatewaySettingsError);
    expect(() => loadGatewaySettings({ REQUEST_DEADLINE_MS: "10s" })).toThrow(
      /REQUEST_DEADLINE_MS must be a whole number/,
    );
    expect(() => loadGatewaySettings({ LIMIT_MAX_DEPTH: "0" })).toThrow(/LIMIT_MAX_DEPTH must be greater than 0/);
    expect(() => loadGatewaySettings({ TOKEN_MAX_LIFETIME: "forever" })).toThrow(/TOKEN_MAX_LIFETIME/);
    expect(() => loadGatewaySettings({ REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL/);
    expect(() => loadGatewaySettings({ RATE_LIMIT: "yes" })).toThrow(/RATE_LIMIT/);
  });
});
