import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { CORE_PORTS, DEFAULT_PLUGINS_CONFIG, GATEWAY_PORT, REPO_ROOT } from "@tongxin/infra";
import { readPluginsConfig } from "@tongxin/plugin-host";
import { loadConfig, signUserToken } from "@tongxin/sdk";

/**
 * `npm start` as an operator runs it (node infra/dist/start.js, separate processes), on
 * ports moved by TONGXIN_PORT_OFFSET so it cannot collide with another stack, on SQLite
 * files in a temp folder, seeded.
 */
jest.setTimeout(600_000);

const QUERY = `{ committee(code: "zhaotong") { name memberStats { activeMembers } proposalStats(year: 2023) { received } } }`;
type Answer = {
  data?: { committee: { name: string; memberStats: { activeMembers: number } | null; proposalStats: unknown } };
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: unknown } }[];
};

async function portFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** An offset at which the gateway's, every subgraph's and every plugin host's port is free. */
async function freeOffset(): Promise<number> {
  const base = [GATEWAY_PORT, ...Object.values(CORE_PORTS)];
  for (const h of readPluginsConfig(DEFAULT_PLUGINS_CONFIG).hosts) if ("port" in h) base.push(h.port);
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await Promise.all(base.map((p) => portFree(p + offset)))).every(Boolean)) return offset;
  }
  throw new Error("no free port range found");
}

/** One request on its own connection: a reset then means a request in flight was cut, not an idle socket. */
function post(port: number, token: string, query: string): Promise<{ status: number; body: Answer }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ query });
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/graphql",
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, connection: "close" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer });
          } catch (e) {
            reject(e);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    // Bounded: a request that hangs fails the test instead of stalling it.
    req.setTimeout(60_000, () => req.destroy(new Error("no answer within 60 s")));
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("npm start supervises the platform", () => {
  let dir: string;
  let proc: ChildProcess;
  let output = "";
  let gatewayPort: number;
  let token: string;
  const waitFor = async (pattern: RegExp, ms: number, from = 0): Promise<RegExpExecArray> => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const m = pattern.exec(output.slice(from));
      if (m) return m;
      if (proc.exitCode !== null) throw new Error(`npm start exited (${proc.exitCode}):\n${output}`);
      await sleep(100);
    }
    throw new Error(`no ${pattern} in the log within ${ms / 1000} s:\n${output}`);
  };
  const pidOf = (name: string) => {
    const all = [...output.matchAll(new RegExp(`\\[supervisor\\] ${name} started \\(pid (\\d+)\\)`, "g"))];
    return Number(all[all.length - 1][1]);
  };
  const gone = async (pid: number) => {
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(20);
    }
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-start-"));
    fs.copyFileSync(DEFAULT_PLUGINS_CONFIG, path.join(dir, "plugins.json"));
    const offset = await freeOffset();
    gatewayPort = GATEWAY_PORT + offset;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TONGXIN_PORT_OFFSET: String(offset),
      DATABASE_URL: `sqlite:${path.join(dir, "data")}`,
      SUPERGRAPH_PATH: path.join(dir, "supergraph.graphql"),
      PLUGINS_CONFIG: path.join(dir, "plugins.json"),
      TONGXIN_SEED: "1",
    };
    for (const k of ["PORT", "NODE_ENV", "MEMBERS_URL", "JWT_SECRET", "JWT_PUBLIC_KEY", "INTERNAL_SECRET"])
      delete env[k];
    for (const k of Object.keys(env)) if (/_URL$/.test(k) && k !== "DATABASE_URL") delete env[k];
    proc = spawn(process.execPath, [path.join(REPO_ROOT, "infra/dist/start.js")], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    proc.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    await waitFor(/Tongxin is running/, 500_000);
    token = signUserToken({ role: "STAFF", committee: "zhaotong" }, loadConfig({}).jwtSecret!);
  });

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      proc.kill("SIGKILL");
      // Its children notice the supervisor is gone (IPC channel) and stop themselves.
      await sleep(2_000);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers through the gateway on the moved ports", async () => {
    const r = await post(gatewayPort, token, QUERY);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.committee.proposalStats).not.toBeNull();
  });

  it("kill -9 of a subgraph: its fields fail with a coded error, the rest answer, it is back within 10 s", async () => {
    const pid = pidOf("proposals");
    const from = output.length;
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    await gone(pid);

    const down = await post(gatewayPort, token, QUERY);
    expect(down.body.data!.committee.name).toBe("昭通市政协");
    expect(down.body.data!.committee.memberStats!.activeMembers).toBeGreaterThan(0);
    expect(down.body.data!.committee.proposalStats).toBeNull();
    expect(down.body.errors!.length).toBeGreaterThan(0);
    expect(typeof down.body.errors![0].extensions?.code).toBe("string");

    const readyz = await fetch(`http://127.0.0.1:${gatewayPort}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { subgraphs: Record<string, string> }).subgraphs.proposals).not.toBe("ok");

    let back: Answer | undefined;
    while (Date.now() - killedAt < 10_000) {
      const r = await post(gatewayPort, token, QUERY);
      if (!r.body.errors && r.body.data?.committee.proposalStats) {
        back = r.body;
        break;
      }
      await sleep(200);
    }
    const seconds = (Date.now() - killedAt) / 1000;
    expect({ back: back !== undefined, seconds: seconds < 10 }).toEqual({ back: true, seconds: true });
    await waitFor(/proposals stopped unexpectedly \(SIGKILL.*restarting it in 0\.5 s/, 1_000, from);
    await waitFor(/proposals is back/, 5_000, from);
    const ready = await fetch(`http://127.0.0.1:${gatewayPort}/readyz`);
    expect(ready.status).toBe(200);
  });

  it("kill -9 of the gateway: it is restarted too", async () => {
    // The gateway loads Apollo and the supergraph at start: slower than a subgraph on a busy machine.
    const pid = pidOf("gateway");
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    await gone(pid);
    let answered = false;
    while (!answered && Date.now() - killedAt < 30_000) {
      answered = await post(gatewayPort, token, QUERY).then(
        (r) => !r.body.errors,
        () => false,
      );
      if (!answered) await sleep(200);
    }
    expect(answered).toBe(true);
  });

  it("SIGTERM: the gateway drains its requests in flight before any subgraph stops, then everything exits 0", async () => {
    const from = output.length;
    let stop = false;
    let termAt = Infinity;
    const results: { at: number; result: string }[] = [];
    const loop = async () => {
      while (!stop) {
        try {
          const r = await post(gatewayPort, token, QUERY);
          const result = r.body.errors ? `error ${String(r.body.errors[0].extensions?.code)}` : "ok";
          results.push({ at: Date.now(), result });
        } catch (e) {
          // Refused or reset before it was read: the gateway no longer accepts, as it should once it drains.
          const code = (e as { code?: string }).code ?? String(e);
          results.push({ at: Date.now(), result: code });
          if (code === "ECONNREFUSED") return;
        }
      }
    };
    const loops = [loop(), loop(), loop(), loop()];
    for (let i = 0; results.length < 8 && i < 1_500; i++) await sleep(20);
    expect(results.length).toBeGreaterThanOrEqual(8);
    const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
    termAt = Date.now();
    proc.kill("SIGTERM");
    const code = await exited;
    stop = true;
    await Promise.all(loops);

    expect(code).toBe(0);
    const notAccepted = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE"]);
    const answered = results.filter((r) => !notAccepted.has(r.result));
    // Every request the gateway took answered in full: no subgraph went away under it.
    expect(answered.filter((r) => r.result !== "ok")).toEqual([]);
    // Some were in flight at SIGTERM and finished after it (drained, not cut).
    expect(answered.filter((r) => r.at > termAt).length).toBeGreaterThan(0);
    const log = output.slice(from);
    const gatewayStops = log.indexOf("[supervisor] stopping gateway");
    const membersStops = log.indexOf("[supervisor] stopping members");
    expect(gatewayStops).toBeGreaterThanOrEqual(0);
    expect(membersStops).toBeGreaterThan(gatewayStops);
    expect(log.indexOf("[gateway] SIGTERM: draining")).toBeLessThan(log.indexOf("[proposals] SIGTERM: draining"));
    expect(log).toMatch(/\[supervisor\] stopped/);
  });
});
