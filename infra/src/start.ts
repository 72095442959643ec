import { spawn } from "node:child_process";
import path from "node:path";
// Deep imports on purpose: the supervisor loads no module, schema or ORM (see below).
import { loadConfig } from "@tongxin/sdk/dist/config";
import { signUserToken } from "@tongxin/sdk/dist/identity";
import dotenv from "dotenv";
import {
  coreProcesses,
  gatewayPort,
  pluginHostProcesses,
  pluginsConfigPath,
  pluginsDir,
  readyzOf,
  subgraphUrl,
  type ProcessSpec,
} from "./processes";
import { Supervisor, type ChildSpec } from "./supervisor";

/**
 * `npm start`: compose the supergraph, start every subgraph as its own process (members
 * first: the others ask it for the committee tree and seed against it), then the gateway;
 * print the explorer URL and a token; then supervise: a crashed process is restarted with
 * back-off while the gateway serves the rest. Ctrl-C (or SIGTERM) stops in order: the
 * gateway drains its requests in flight, then the subgraphs drain and stop, then this.
 *
 * Composition runs in a child process (`compose-cli`) that exits when the file is written:
 * the schemas, modules and composition state never stay in the supervisor's memory.
 */
const supervisor = new Supervisor({
  onGiveUp: (p) => {
    if (p.name !== "gateway") return; // the gateway keeps serving the others; /readyz names the one missing
    console.error("[supervisor] the gateway is down for good: stopping the platform");
    void shutdown(1);
  },
});

let exiting = false;
async function shutdown(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  console.log("[supervisor] stopping: the gateway drains first, then the subgraphs");
  await supervisor.stop();
  if (code === 0) console.log("[supervisor] stopped");
  process.exit(code);
}

function compose(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--enable-source-maps", path.join(__dirname, "compose-cli.js")], {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("composition failed (see above)"))));
  });
}

async function main() {
  dotenv.config({ quiet: true });
  const started = Date.now();
  const config = loadConfig();
  const configPath = pluginsConfigPath();
  // Every local host starts, even one with nothing mounted yet: enabling a plugin later needs it running.
  const core = coreProcesses();
  const hosts = pluginHostProcesses(configPath);
  const supergraphPath = path.resolve(process.env.SUPERGRAPH_PATH || "supergraph.graphql");
  const port = gatewayPort();
  const members = core.find((s) => s.name === "members")!;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SUPERGRAPH_PATH: supergraphPath,
    PLUGINS_CONFIG: configPath,
    PLUGINS_DIR: pluginsDir(),
    TONGXIN_SEED: process.env.TONGXIN_SEED ?? "1",
    MEMBERS_URL: subgraphUrl(members),
  };
  await compose(env);

  const child = (s: ProcessSpec, extra: NodeJS.ProcessEnv = {}): ChildSpec => ({
    name: s.name,
    entry: s.entry,
    env: { ...env, PORT: String(s.port), ...extra },
    readyz: readyzOf(`http://127.0.0.1:${s.port}/graphql`),
  });
  await supervisor.startStage([child(members)]);
  await supervisor.startStage([
    ...core.filter((s) => s !== members).map((s) => child(s)),
    ...hosts.map((s) => child(s, { PLUGIN_HOST: s.name })),
  ]);
  await supervisor.startStage([
    {
      name: "gateway",
      entry: require.resolve("@tongxin/gateway/dist/main.js"),
      env: {
        ...env,
        PORT: String(port),
        // The demo data is calibrated on 2023 (DOMAIN.md): open the dashboard there unless told otherwise.
        ...(env.TONGXIN_SEED === "1" && !process.env.DASHBOARD_YEAR ? { DASHBOARD_YEAR: "2023" } : {}),
      },
      readyz: `http://127.0.0.1:${port}/readyz`,
      // Longer than the gateway's own drain (Apollo's 10 s grace), so it finishes what it can.
      stopTimeoutMs: 20_000,
    },
  ]);

  const token = config.jwtSecret
    ? signUserToken({ role: "STAFF", committee: "zhaotong", name: "市政协办公室 (demo)" }, config.jwtSecret)
    : "(JWT_PUBLIC_KEY is set: use a token from your identity provider)";
  const base = `http://localhost:${port}`;
  console.log(`
────────────────────────────────────────────────────────────────────────
 同心 Tongxin is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

 Explorer (GraphiQL, offline):  ${base}/graphql
 Dashboard (city and counties): ${base}/dashboard
 Health:                        ${base}/healthz   ${base}/readyz

 Token: STAFF of 昭通市政协 (city office), valid 30 days; the explorer and the dashboard offer it.
   export TOKEN=${token}

 Try:
   curl -s ${base}/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" \\
     -d '{"query":"{ committee(code:\\"zhaotong\\") { name children { code name memberStats { activeMembers } } } }"}'

 Other tokens:  npm run -s token -- --role STAFF --committee zhenxiong
 A crashed process is restarted (the log says so). Press Ctrl-C to stop.
────────────────────────────────────────────────────────────────────────
`);
}

process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));

main().catch((e) => {
  console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
  void shutdown(1);
});
