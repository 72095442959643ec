import fs from "node:fs";
import type { SupergraphManager, SupergraphSdlUpdateFunction } from "@apollo/gateway";

/**
 * Serves the supergraph from a file and swaps it in when the file changes, without a
 * restart. Apollo Gateway keeps serving the previous schema if an update is invalid;
 * in-flight requests finish on the plan they started with.
 */
export class SupergraphFile implements SupergraphManager {
  private timer?: NodeJS.Timeout;
  private lastText?: string;
  /** The most recent failed update, reported by /readyz. */
  lastError: string | null = null;
  loadedAt: Date | null = null;

  constructor(
    private readonly path: string,
    private readonly pollMs = 500,
    private readonly log: (m: string) => void = console.log,
  ) {}

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }) {
    const text = fs.readFileSync(this.path, "utf8");
    this.lastText = text;
    this.loadedAt = new Date();
    // Polling (not fs.watch) survives editors and the atomic rename `npm run compose` does.
    this.timer = setInterval(() => this.check(update), this.pollMs);
    this.timer.unref();
    return {
      supergraphSdl: text,
      cleanup: async () => {
        if (this.timer) clearInterval(this.timer);
      },
    };
  }

  private check(update: (sdl: string) => void) {
    let text: string;
    try {
      text = fs.readFileSync(this.path, "utf8");
    } catch {
      return; // mid-rename, or removed: keep serving what we have
    }
    if (text === this.lastText || !text.trim()) return;
    this.lastText = text;
    try {
      update(text);
      this.lastError = null;
      this.loadedAt = new Date();
      this.log(`supergraph reloaded from ${this.path}`);
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      this.log(`supergraph in ${this.path} rejected, still serving the previous one: ${this.lastError}`);
    }
  }
}

/** Writes atomically, so the watcher never reads half a file. */
export function writeSupergraphFile(path: string, sdl: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, sdl);
  fs.renameSync(tmp, path);
}
