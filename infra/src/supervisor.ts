import { spawn, type ChildProcess } from "node:child_process";

/**
 * Keeps the platform's processes running, as `npm start` needs (in production systemd does
 * the same job with the units under infra/systemd/). A process that dies after it was once
 * ready is started again after a back-off (0.5 s, doubling to 10 s; back to 0.5 s once it
 * has stayed up a minute); after too many crashes in a row without staying up it is left
 * down, loudly. Meanwhile the gateway keeps serving the other subgraphs (the dead one's
 * fields fail with a coded error, /readyz names it) and picks the restarted one up at its
 * next request: the supergraph names subgraphs by URL, so nothing is recomposed.
 *
 * Children run in their own process group (a Ctrl-C in the terminal reaches only the
 * supervisor, which then stops them in order) and with an IPC channel: a child whose
 * supervisor is gone (kill -9) notices the channel close and stops itself.
 */
export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** A process up this long is considered healthy again: its next crash starts from the initial delay. */
  stableMs: number;
  /** Give up after this many crashes in a row, none of which followed a stable run. */
  maxRapidCrashes: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  stableMs: 60_000,
  maxRapidCrashes: 6,
};

export interface ChildSpec {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Answers 200 when the process is ready. */
  readyz: string;
  /** How long a stop may drain before the process is killed. */
  stopTimeoutMs?: number;
}

type Log = (message: string) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function isReady(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    await r.body?.cancel();
    return r.ok;
  } catch {
    return false;
  }
}

export class SupervisedProcess {
  private proc?: ChildProcess;
  private startedAt = 0;
  private everReady = false;
  private crashes = 0;
  private restartTimer?: NodeJS.Timeout;
  private stopping = false;
  /** True once the process crashed too often and is left down. */
  gaveUp = false;

  constructor(
    readonly spec: ChildSpec,
    private readonly policy: RestartPolicy,
    private readonly log: Log,
    /** Called when the process is left down for good. */
    private readonly onGiveUp: (p: SupervisedProcess) => void,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.proc?.exitCode === null && this.proc.signalCode === null ? this.proc.pid : undefined;
  }

  private spawn(): ChildProcess {
    const proc = spawn(process.execPath, ["--enable-source-maps", this.spec.entry], {
      env: { ...this.spec.env, TONGXIN_SUPERVISED: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true,
    });
    this.proc = proc;
    this.startedAt = Date.now();
    this.log(`${this.name} started (pid ${proc.pid})`);
    proc.on("exit", (code, signal) => this.exited(proc, code, signal));
    return proc;
  }

  /** Starts the process and waits until its /readyz answers 200; throws if it exits first. */
  async start(timeoutMs = 120_000): Promise<void> {
    const proc = this.spawn();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`${this.name} exited before it was ready (${proc.signalCode ?? `exit code ${proc.exitCode}`})`);
      }
      if (await isReady(this.spec.readyz)) {
        this.everReady = true;
        return;
      }
      await sleep(250);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s (${this.spec.readyz})`);
  }

  private exited(proc: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (proc !== this.proc || this.stopping) return;
    // A process that never got ready at the first start is a configuration problem: start() reports it.
    if (!this.everReady) return;
    const upMs = Date.now() - this.startedAt;
    if (upMs >= this.policy.stableMs) this.crashes = 0;
    this.crashes++;
    const how = signal ?? `exit code ${code}`;
    if (this.crashes > this.policy.maxRapidCrashes) {
      this.gaveUp = true;
      this.log(
        `!!! ${this.name} crashed ${this.crashes - 1} times in a row without staying up ` +
          `${this.policy.stableMs / 1000} s (last: ${how}); NOT restarting it. ` +
          `See its log above, fix it, and restart the platform.`,
      );
      this.onGiveUp(this);
      return;
    }
    const delay = Math.min(this.policy.initialDelayMs * 2 ** (this.crashes - 1), this.policy.maxDelayMs);
    this.log(
      `${this.name} stopped unexpectedly (${how}, after ${(upMs / 1000).toFixed(1)} s); restarting it in ` +
        `${delay / 1000} s (crash ${this.crashes} of at most ${this.policy.maxRapidCrashes} in a row)`,
    );
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopping) return;
    const proc = this.spawn();
    const since = Date.now();
    while (!this.stopping && proc === this.proc && proc.exitCode === null && proc.signalCode === null) {
      if (await isReady(this.spec.readyz)) {
        this.log(
          `${this.name} is back (pid ${proc.pid}, ready ${((Date.now() - since) / 1000).toFixed(1)} s after restart)`,
        );
        return;
      }
      await sleep(250);
    }
  }

  /** SIGTERM (the process drains), SIGKILL after the stop timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.log(`${this.name} did not stop within ${(this.spec.stopTimeoutMs ?? 15_000) / 1000} s; killing it`);
        proc.kill("SIGKILL");
      }, this.spec.stopTimeoutMs ?? 15_000);
      proc.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill("SIGTERM");
    });
  }
}

/**
 * Starts children in stages (each stage's processes in parallel, a stage once the previous
 * one is ready) and stops them in the reverse order: the gateway, started last, stops first
 * and drains its requests in flight before any subgraph it calls goes away.
 */
export class Supervisor {
  private readonly stages: SupervisedProcess[][] = [];
  private stopping?: Promise<void>;

  constructor(
    private readonly opts: {
      policy?: RestartPolicy;
      log?: Log;
      /** A child given up: for the gateway the platform is down, for a subgraph it runs degraded. */
      onGiveUp?: (p: SupervisedProcess) => void;
    } = {},
  ) {}

  private get log(): Log {
    return this.opts.log ?? ((m) => console.log(`[supervisor] ${m}`));
  }

  process(name: string): SupervisedProcess | undefined {
    return this.stages.flat().find((p) => p.name === name);
  }

  /** Starts one stage and waits until all of it is ready. */
  async startStage(specs: ChildSpec[]): Promise<SupervisedProcess[]> {
    const stage = specs.map(
      (s) =>
        new SupervisedProcess(s, this.opts.policy ?? DEFAULT_RESTART_POLICY, this.log, (p) => this.opts.onGiveUp?.(p)),
    );
    this.stages.push(stage);
    await Promise.all(stage.map((p) => p.start()));
    return stage;
  }

  /** Stops every stage, last started first; each process drains before the next stage stops. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const stage of [...this.stages].reverse()) {
        const names = stage.map((p) => p.name).join(", ");
        this.log(`stopping ${names}…`);
        await Promise.all(stage.map((p) => p.stop()));
      }
    })();
    return this.stopping;
  }
}
