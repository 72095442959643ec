import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { CompositionError, figuresPathNextTo } from "@tongxin/gateway";
import { loadConfig, signUserToken } from "@tongxin/sdk";
import dotenv from "dotenv";
import { composePlatformToFile } from "./compose";
import { platformLayout } from "./platform";
import { subgraphUrl } from "./subgraphs";

/**
 * `npm start`: compose the supergraph, start every subgraph as its own process (members
 * first: the others ask it for the committee tree and seed against it), then the
 * gateway; print the explorer URL and a token. Ctrl-C stops everything.
 */
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

function spawnNode(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const proc = spawn(process.execPath, ["--enable-source-maps", entry], { env, stdio: "inherit" });
  children.push({ name, proc });
  proc.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`\n[start] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the platform`);
    void stopAll(1);
  });
  return proc;
}

async function waitReady(name: string, url: string, proc: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${name} exited before it was ready`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s (${url})`);
}

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  console.log("[start] stopping every process…");
  await Promise.all(
    children.map(
      ({ proc }) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const force = setTimeout(() => proc.kill("SIGKILL"), 5_000);
          proc.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
          proc.kill("SIGTERM");
        }),
    ),
  );
  if (code === 0) console.log("[start] stopped");
  process.exit(code);
}

const readyzOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql\/?$/, "/readyz");

async function main() {
  dotenv.config({ quiet: true });
  const started = Date.now();
  const config = loadConfig();
  const layout = platformLayout();
  // Every local host starts, even one with nothing mounted yet: enabling a plugin later needs it running.
  const specs = [...layout.core, ...layout.pluginHosts];
  const supergraphPath = path.resolve(process.env.SUPERGRAPH_PATH || "supergraph.graphql");
  const gatewayPort = Number(process.env.PORT || 4000);

  const names = await composePlatformToFile(layout, (s) => subgraphUrl(s), config.internalSecret, supergraphPath);
  console.log(`[start] supergraph composed: ${names.join(", ")} → ${path.relative(process.cwd(), supergraphPath)}`);

  const env = {
    ...process.env,
    PLUGINS_CONFIG: layout.configPath,
    PLUGINS_DIR: layout.pluginsDir,
    TONGXIN_SEED: process.env.TONGXIN_SEED ?? "1",
    MEMBERS_URL: subgraphUrl(specs.find((s) => s.name === "members")!),
  };
  const [members, ...others] = specs;
  const membersProc = spawnNode(members.name, members.entry, { ...env, PORT: String(members.port) });
  await waitReady(members.name, readyzOf(subgraphUrl(members)), membersProc);
  await Promise.all(
    others.map((s) => {
      const proc = spawnNode(s.name, s.entry, { ...env, PORT: String(s.port), PLUGIN_HOST: s.name });
      return waitReady(s.name, readyzOf(subgraphUrl(s)), proc);
    }),
  );

  const gatewayProc = spawnNode("gateway", require.resolve("@tongxin/gateway/dist/main.js"), {
    ...env,
    PORT: String(gatewayPort),
    SUPERGRAPH_PATH: supergraphPath,
    FIGURES_PATH: figuresPathNextTo(supergraphPath),
    // The demo data is calibrated on 2023 (DOMAIN.md): open the dashboard there unless told otherwise.
    ...(env.TONGXIN_SEED === "1" && !process.env.DASHBOARD_YEAR ? { DASHBOARD_YEAR: "2023" } : {}),
  });
  await waitReady("gateway", `http://127.0.0.1:${gatewayPort}/readyz`, gatewayProc);

  const token = config.jwtSecret
    ? signUserToken({ role: "STAFF", committee: "zhaotong", name: "市政协办公室 (demo)" }, config.jwtSecret)
    : "(JWT_PUBLIC_KEY is set: use a token from your identity provider)";
  const base = `http://localhost:${gatewayPort}`;
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
 Press Ctrl-C to stop.
────────────────────────────────────────────────────────────────────────
`);
}

process.once("SIGINT", () => void stopAll(0));
process.once("SIGTERM", () => void stopAll(0));

main().catch((e) => {
  if (e instanceof CompositionError) console.error(`[start] ${e.message}`);
  else console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
  void stopAll(1);
});
