import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";

/**
 * `npm run load -- --seconds N [--workers W]`: keeps every core busy for N seconds with
 * CPU-bound child processes, then stops by itself. `.ci/run` runs the test suite a second
 * time under it, so a race that only shows on a busy machine (a kept-alive socket reused
 * after the server closed it, a timeout too tight for a slow seed) fails CI, not users.
 * Each worker also checks the deadline itself: a load left behind by a killed parent ends.
 */
const WORKER = `
const end = Date.now() + Number(process.argv[1]);
let x = 0;
while (Date.now() < end) for (let i = 0; i < 1e6; i++) x = (x * 1103515245 + 12345) % 2147483648;
`;

function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "60" }, workers: { type: "string" } },
  });
  const seconds = Number(values.seconds);
  const workers = Number(values.workers ?? os.availableParallelism());
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 4 * 3600) {
    throw new Error(`--seconds must be a number of seconds up to 14400, not "${values.seconds}"`);
  }
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new Error(`--workers must be a whole number from 1 to 64, not "${values.workers}"`);
  }
  console.log(`[load] ${workers} CPU-bound workers for ${seconds} s (pid ${process.pid}; kill it to stop early)`);
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) {
    children.push(spawn(process.execPath, ["-e", WORKER, String(seconds * 1000)], { stdio: "ignore" }));
  }
  let left = workers;
  for (const c of children)
    c.on("exit", () => {
      if (--left === 0) {
        console.log("[load] done");
        process.exit(0);
      }
    });
  const stop = () => {
    for (const c of children) c.kill("SIGKILL");
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
