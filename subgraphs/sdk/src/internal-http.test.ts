import http from "node:http";
import { Worker } from "node:worker_threads";
import { applyServerTimeouts, internalGraphQL, isConnectionReset, SERVER_KEEP_ALIVE_MS } from "./internal-http";

/**
 * The race of a busy machine, reproduced: a server (in a worker thread, so it keeps running
 * while this thread is blocked) answers with a keep-alive hint and closes the idle socket
 * soon after; this thread is blocked meanwhile (as a process seeding or computing is), then
 * sends its next request at once, on the socket its pool still believes open.
 */
const SERVER = `
const http = require("node:http");
const { parentPort } = require("node:worker_threads");
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ data: { ok: true } }));
    // Closes the socket 200 ms after each answer though the hint says 60 s: a server that timed out.
    res.on("finish", () => setTimeout(() => req.socket.destroy(), 200));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;

/**
 * Lets the pool take the answered socket back as idle, then blocks this thread (timers and
 * sockets wait) past the server's close, as a CPU-bound stretch of a busy process would.
 */
async function pauseBusy(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
}

describe("internal HTTP calls", () => {
  let worker: Worker;
  let url: string;
  beforeAll(async () => {
    worker = new Worker(SERVER, { eval: true });
    const port = await new Promise<number>((resolve) => worker.once("message", resolve));
    url = `http://127.0.0.1:${port}/graphql`;
  });
  afterAll(async () => {
    await worker.terminate();
  });

  const post = () =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ ok }"}' });

  it("reproduces the reset: a plain fetch reusing a socket the server closed fails", async () => {
    await (await post()).json();
    await pauseBusy();
    const error = await post().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isConnectionReset(error)).toBe(true);
  });

  it("retries a read once on a fresh connection and answers", async () => {
    const opts = { internalSecret: "x".repeat(40), what: "test read", retryOnReset: true };
    await internalGraphQL(url, "{ ok }", undefined, opts);
    for (let i = 0; i < 3; i++) {
      await pauseBusy();
      await expect(internalGraphQL(url, "{ ok }", undefined, opts)).resolves.toEqual({ ok: true });
    }
  });

  it("does not send a write again", async () => {
    const opts = { internalSecret: "x".repeat(40), what: "test write" };
    await internalGraphQL(url, "{ ok }", undefined, opts);
    await pauseBusy();
    await expect(internalGraphQL(url, "{ ok }", undefined, opts)).rejects.toThrow(/fetch failed/);
  });

  it("never treats a timeout as a reset", () => {
    expect(isConnectionReset(new DOMException("timed out", "TimeoutError"))).toBe(false);
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    expect(isConnectionReset(reset)).toBe(true);
  });

  it("our servers keep idle sockets longer than clients do", () => {
    const server = applyServerTimeouts(http.createServer());
    expect(server.keepAliveTimeout).toBe(SERVER_KEEP_ALIVE_MS);
    expect(SERVER_KEEP_ALIVE_MS).toBeGreaterThan(4_000); // undici's default idle timeout
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
