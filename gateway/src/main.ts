import path from "node:path";
import dotenv from "dotenv";
import { loadConfig, signUserToken, stopOnSignals } from "@tongxin/sdk";
import { startGateway } from "./server";
import { loadGatewaySettings } from "./settings";

/** Gateway process: configuration from the environment, clean stop on SIGINT/SIGTERM. */
async function main() {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const settings = loadGatewaySettings();
  if (config.production && !config.jwtSecret && !config.jwtPublicKey) {
    throw new Error("JWT_SECRET or JWT_PUBLIC_KEY must be set in production");
  }
  const explorerToken =
    !config.production && config.jwtSecret
      ? signUserToken({ role: "STAFF", committee: process.env.EXPLORER_COMMITTEE || "zhaotong" }, config.jwtSecret)
      : undefined;
  const dashboardYear = process.env.DASHBOARD_YEAR ? Number(process.env.DASHBOARD_YEAR) : undefined;
  if (dashboardYear !== undefined && !Number.isInteger(dashboardYear)) {
    throw new Error(`DASHBOARD_YEAR must be a year such as 2023, not "${process.env.DASHBOARD_YEAR}"`);
  }
  const running = await startGateway({
    supergraphPath: path.resolve(process.env.SUPERGRAPH_PATH || "supergraph.graphql"),
    internalSecret: config.internalSecret,
    jwt: {
      jwtSecret: config.jwtSecret,
      jwtPublicKey: config.jwtPublicKey,
      maxLifetimeSeconds: settings.tokenMaxLifetimeSeconds,
    },
    port: config.port ?? 4000,
    host: config.host,
    production: config.production,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    requestDeadlineMs: settings.requestDeadlineMs,
    limits: settings.limits,
    rateLimit: settings.rateLimit,
    trustProxy: settings.trustProxy,
    explorer: process.env.EXPLORER ? process.env.EXPLORER === "1" : !config.production,
    introspection: process.env.INTROSPECTION ? process.env.INTROSPECTION === "1" : !config.production,
    explorerToken,
    figuresPath: process.env.FIGURES_PATH ? path.resolve(process.env.FIGURES_PATH) : undefined,
    dashboardYear,
  });
  console.log(`[gateway] listening on ${running.url}`);
  // Apollo's drain plugin: the port stops accepting, requests in flight finish (10 s at most).
  stopOnSignals("gateway", () => running.stop());
}

main().catch((e) => {
  console.error(`[gateway] failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
