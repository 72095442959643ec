import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Supervisor, type SupervisedProcess } from "./supervisor";

/**
 * A stand-in child: answers /readyz; with CRASH_AFTER_MS, exits with code 3 that long after
 * it was first found ready; on SIGTERM records that it drained and exits 0.
 */
const CHILD = `
const http = require("node:http");
const fs = require("node:fs");
if (process.env.EXIT_AT_ONCE) process.exit(2);
let crashing = false;
const server = http.createServer((req, res) => {
  res.end("ok");
  if (process.env.CRASH_AFTER_MS && !crashing) {
    crashing = true;
    setTimeout(() => process.exit(3), Number(process.env.CRASH_AFTER_MS));
  }
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  fs.appendFileSync(process.env.STOP_LOG, process.env.NAME + "\\n");
  server.close(() => process.exit(0));
});
`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("supervisor", () => {
  let dir: string;
  let entry: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-supervisor-"));
    entry = path.join(dir, "child.js");
    fs.writeFileSync(entry, CHILD);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const spec = async (name: string, env: NodeJS.ProcessEnv = {}) => {
    const port = await freePort();
    return {
      name,
      entry,
      env: { ...process.env, PORT: String(port), NAME: name, STOP_LOG: path.join(dir, "stops.log"), ...env },
      readyz: `http://127.0.0.1:${port}/readyz`,
    };
  };

  it("restarts a crashed process with a doubling back-off and gives up loudly after too many rapid crashes", async () => {
    const log: string[] = [];
    const gaveUp: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const supervisor = new Supervisor({
      policy: { initialDelayMs: 50, maxDelayMs: 200, stableMs: 60_000, maxRapidCrashes: 4 },
      log: (m) => log.push(m),
      onGiveUp: (p: SupervisedProcess) => {
        gaveUp.push(p.name);
        done();
      },
    });
    await supervisor.startStage([await spec("flaky", { CRASH_AFTER_MS: "100" })]);
    await finished;
    await supervisor.stop();
    const delays = log.filter((m) => m.includes("restarting it in")).map((m) => /in ([\d.]+) s/.exec(m)![1]);
    expect(delays).toEqual(["0.05", "0.1", "0.2", "0.2"]); // doubling, capped at maxDelayMs
    expect(log.filter((m) => m.includes("is back"))).toHaveLength(4);
    expect(log.some((m) => m.startsWith("!!! flaky crashed 4 times in a row") && m.includes("NOT restarting"))).toBe(
      true,
    );
    expect(gaveUp).toEqual(["flaky"]);
  });

  it("stops the stages in reverse order, each draining on SIGTERM", async () => {
    const stops = path.join(dir, "stops.log");
    fs.rmSync(stops, { force: true });
    const supervisor = new Supervisor({ log: () => undefined });
    await supervisor.startStage([await spec("members")]);
    await supervisor.startStage([await spec("proposals"), await spec("studios")]);
    const gateway = (await supervisor.startStage([await spec("gateway")]))[0];
    expect(gateway.pid).toBeGreaterThan(0);
    await supervisor.stop();
    const order = fs.readFileSync(stops, "utf8").trim().split("\n");
    expect(order[0]).toBe("gateway");
    expect(order.slice(1, 3).sort()).toEqual(["proposals", "studios"]);
    expect(order[3]).toBe("members");
    expect(gateway.pid).toBeUndefined();
  });

  it("reports a process that exits before it is ready instead of restarting it", async () => {
    const supervisor = new Supervisor({ log: () => undefined });
    await expect(supervisor.startStage([await spec("broken", { EXIT_AT_ONCE: "1" })])).rejects.toThrow(
      /broken exited before it was ready/,
    );
    await supervisor.stop();
  });
});
