import dotenv from "dotenv";
import { coreProcesses, gatewayPort, pluginHostProcesses, readyzOf, subgraphUrl, type ProcessSpec } from "./processes";

/**
 * One process of the platform by name, for a real supervisor (infra/systemd/):
 *
 *   node infra/dist/run-cli.js members|proposals|studios|training|<plugin host>|gateway
 *   node infra/dist/run-cli.js wait <name>      exits 0 once its /readyz answers 200
 *
 * The port comes from the same table `npm start` uses (processes.ts, TONGXIN_PORT_OFFSET);
 * PORT in the environment still wins. The process itself runs in this one (no child), so
 * systemd's signals reach it directly and it drains on SIGTERM.
 */
const USAGE =
  "usage: run-cli.js <members|proposals|studios|training|PLUGIN_HOST|gateway>\n       run-cli.js wait <name>";

function find(name: string): (ProcessSpec & { pluginHost?: boolean }) | undefined {
  if (name === "gateway") {
    return { name, port: gatewayPort(), entry: require.resolve("@tongxin/gateway/dist/main.js") };
  }
  const core = coreProcesses().find((p) => p.name === name);
  if (core) return core;
  const host = pluginHostProcesses().find((p) => p.name === name);
  return host && { ...host, pluginHost: true };
}

async function waitReady(spec: ProcessSpec, timeoutMs: number): Promise<void> {
  // The gateway is up once it serves, even degraded (its /readyz is 503 while any subgraph is down).
  const base = `http://127.0.0.1:${spec.port}/graphql`;
  const url = spec.name === "gateway" ? base.replace(/\/graphql$/, "/healthz") : readyzOf(base);
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${spec.name} was not ready within ${timeoutMs / 1000} s (${url})`);
}

async function main() {
  dotenv.config({ quiet: true });
  const args = process.argv.slice(2);
  const waiting = args[0] === "wait";
  const name = waiting ? args[1] : args[0];
  if (!name) throw new Error(USAGE);
  const spec = find(name);
  if (!spec) throw new Error(`no process named ${name} (core subgraphs, local plugin hosts, gateway)\n${USAGE}`);
  if (waiting) return waitReady(spec, Number(process.env.TONGXIN_READY_TIMEOUT_MS || 120_000));
  process.env.PORT ||= String(spec.port);
  if (spec.pluginHost) process.env.PLUGIN_HOST = spec.name;
  if (name !== "members") {
    const members = coreProcesses().find((p) => p.name === "members")!;
    process.env.MEMBERS_URL ||= subgraphUrl(members);
  }
  require(spec.entry);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
