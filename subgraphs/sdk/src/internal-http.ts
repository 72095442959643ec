import http from "node:http";
import { cachedInternalIdentity, IDENTITY_HEADER, SYSTEM } from "./identity";

/**
 * How long our HTTP servers keep an idle kept-alive socket open. Clients (undici, inside
 * Node's fetch) close theirs after 4 s by default, or one second before the server's
 * `Keep-Alive: timeout` hint; Node's own 5 s default leaves a window in which a busy
 * client (a seed, a long statistics query) reuses a socket the server has just closed
 * and gets ECONNRESET. A long server timeout makes the client the side that closes.
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/** Gives an HTTP server the keep-alive and header timeouts every server of ours uses. */
export function applyServerTimeouts(server: http.Server): http.Server {
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  // Must exceed keepAliveTimeout, or Node closes a reused socket waiting for the next request's headers.
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000;
  return server;
}

/** Errors of a request that never reached the server's application: safe to send again. */
const CONNECTION_ERRORS = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNREFUSED"]);

/**
 * True when `e` is fetch failing because the connection was closed or reset under it (not a
 * timeout). Duck-typed along the `cause` chain: undici's errors may come from another realm.
 */
export function isConnectionReset(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === "AbortError" || name === "TimeoutError") return false;
  for (let c = e, depth = 0; typeof c === "object" && c !== null && depth < 5; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_ERRORS.has(code)) return true;
    c = (c as { cause?: unknown }).cause;
  }
  return false;
}

export interface InternalGraphQLOptions {
  internalSecret: string;
  /** Per attempt. */
  timeoutMs?: number;
  /**
   * Only for reads: a read sent again after a reset cannot do harm. Writes are never
   * retried here (a reset after the server received the request would run it twice).
   */
  retryOnReset?: boolean;
  /** What the caller is, for error messages ("committee directory"). */
  what: string;
  /** Tests inject a fetch; the default is Node's. */
  fetch?: typeof fetch;
}

/**
 * One internal GraphQL call to another subgraph as the platform itself (SYSTEM identity,
 * signed with the internal secret), returning `data` or throwing with the first error.
 * A read whose kept-alive socket was closed by the server is sent once more on a fresh one.
 */
export async function internalGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  opts: InternalGraphQLOptions,
): Promise<T> {
  const doFetch = opts.fetch ?? fetch;
  const attempt = () =>
    doFetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [IDENTITY_HEADER]: cachedInternalIdentity(SYSTEM, opts.internalSecret, 60),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
  let res: Response;
  try {
    res = await attempt();
  } catch (e) {
    if (!opts.retryOnReset || !isConnectionReset(e)) throw e;
    // Other idle sockets of the pool may have been closed in the same stretch: let the event
    // loop see their close first, so the second attempt gets a live or a new connection.
    await new Promise((r) => setTimeout(r, 25));
    res = await attempt();
  }
  if (!res.ok) throw new Error(`${opts.what}: the subgraph answered HTTP ${res.status}`);
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`${opts.what}: ${body.errors?.[0]?.message ?? "no data"}`);
  return body.data;
}
