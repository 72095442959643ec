import dotenv from "dotenv";
import { loadConfig } from "./config";
import type { ModuleDefinition } from "./module";
import { startSubgraph } from "./server";

/**
 * Entry point of a subgraph process: configuration from the environment (API.md),
 * migrations at start, demo data when TONGXIN_SEED=1 and the module's tables are empty,
 * clean shutdown on SIGINT/SIGTERM.
 */
export async function runSubgraphProcess(
  name: string,
  modules: ModuleDefinition[],
  defaultPort: number,
): Promise<void> {
  try {
    dotenv.config({ quiet: true });
    const config = loadConfig();
    const running = await startSubgraph({
      name,
      modules,
      databaseUrl: config.databaseUrl,
      internalSecret: config.internalSecret,
      membersUrl: config.membersUrl,
      port: config.port ?? defaultPort,
      host: config.host,
      seed: config.seed,
    });
    stopOnSignals(name, () => running.stop());
  } catch (e) {
    console.error(`[${name}] failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

/**
 * Clean stop of a process (a subgraph, a plugin host, the gateway): on SIGTERM or SIGINT,
 * or when the supervisor that started it is gone (its IPC channel closes), `stop` drains
 * (the port stops accepting, requests in flight finish, databases close) and the process
 * exits 0. A second signal while draining exits at once.
 */
export function stopOnSignals(name: string, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (why: string) => {
    if (stopping) {
      console.error(`[${name}] ${why} again while draining: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[${name}] ${why}: draining requests in flight, then stopping`);
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`[${name}] stop failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // The signals are ours alone: a library's handler (Apollo Server's stops the server and
    // re-raises the signal) would cut the drain short.
    process.removeAllListeners(signal);
    process.on(signal, () => handle(signal));
  }
  // Started by `npm start` with an IPC channel: if the supervisor dies (kill -9), do not linger.
  if (process.send) process.on("disconnect", () => handle("supervisor gone"));
}
