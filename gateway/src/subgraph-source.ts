import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ANONYMOUS, cachedInternalIdentity, ErrorCode, IDENTITY_HEADER, type Identity } from "@tongxin/sdk";
import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode } from "graphql";

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** Epoch milliseconds after which nobody waits for this request any more. */
  deadline?: number;
  /** The client's Idempotency-Key, forwarded so a retried write is recognised by the subgraph. */
  idempotencyKey?: string;
}

/**
 * Sent with every subgraph call: epoch milliseconds, the earlier of the request's overall
 * deadline and this call's timeout. After it the gateway has answered TIMEOUT, so a subgraph
 * should not commit a write it would otherwise finish later.
 */
export const DEADLINE_HEADER = "x-tongxin-deadline";
export const IDEMPOTENCY_HEADER = "idempotency-key";

/** A few entities × fields is informative; a page of 100 rows × 10 fields is noise. */
const MAX_ERRORS_PER_FAILED_CALL = 50;

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;

class DeadlinePassed extends Error {}

/** A non-2xx answer; the status decides, the body only goes to the log. */
class SubgraphHttpError extends GraphQLError {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
  }
}

interface Failure {
  code: typeof ErrorCode.TIMEOUT | typeof ErrorCode.SUBGRAPH_UNAVAILABLE;
  /** Whether the subgraph may have received (and run) the operation. */
  mayHaveReached: boolean;
  detail: string;
}

const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const causeOf = (e: unknown) => (e as { cause?: { code?: string; message?: string; name?: string } })?.cause;

/** A kept-alive socket the subgraph closed while it sat idle: the request never started there. */
export function isStaleSocket(e: unknown): boolean {
  const cause = causeOf(e);
  // By name, not instanceof: undici's TypeError may come from another realm (jest's sandbox).
  return (
    (e as Error)?.name === "TypeError" &&
    (cause?.code === "ECONNRESET" ||
      cause?.code === "UND_ERR_SOCKET" ||
      /other side closed/i.test(cause?.message ?? ""))
  );
}

function classify(e: unknown): Failure {
  const name = (e as { name?: string })?.name;
  const cause = causeOf(e);
  if (e instanceof DeadlinePassed) return { code: ErrorCode.TIMEOUT, mayHaveReached: false, detail: e.message };
  if (name === "TimeoutError" || name === "AbortError" || cause?.name === "TimeoutError") {
    return { code: ErrorCode.TIMEOUT, mayHaveReached: true, detail: "no answer before the deadline" };
  }
  if (cause?.code && NOT_CONNECTED.has(cause.code)) {
    return { code: ErrorCode.SUBGRAPH_UNAVAILABLE, mayHaveReached: false, detail: cause.code };
  }
  if (e instanceof SubgraphHttpError) {
    // 4xx (a refused identity, a rejected document) is answered before anything runs; a 5xx may
    // come after a commit.
    return {
      code: ErrorCode.SUBGRAPH_UNAVAILABLE,
      mayHaveReached: e.status >= 500,
      detail: `HTTP ${e.status} ${e.body}`,
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: ErrorCode.SUBGRAPH_UNAVAILABLE,
    mayHaveReached: true,
    detail: cause?.message ? `${message}: ${cause.code ?? ""} ${cause.message}` : message,
  };
}

/**
 * Where the failed call's fields sit in the client's response, so each error says which field
 * failed: the root fields of a root call, or `_entities.<i>.<field>` of an entity call (the
 * gateway rewrites those to the entity's place in the response).
 */
export function failedPaths(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) return [];
  const names = (set: SelectionSetNode, typename?: string): string[] =>
    set.selections.flatMap((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === "__typename" ? [] : [(s.alias ?? s.name).value];
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const cond = s.typeCondition?.name.value;
        return !cond || !typename || cond === typename ? names(s.selectionSet, typename) : [];
      }
      return [];
    });
  const paths: (string | number)[][] = [];
  const top = op.selectionSet.selections;
  const entities = top.length === 1 && top[0].kind === Kind.FIELD && top[0].name.value === "_entities" ? top[0] : null;
  if (entities?.selectionSet) {
    const reps = Array.isArray(variables?.representations)
      ? (variables.representations as { __typename?: string }[])
      : [];
    reps.forEach((rep, i) => {
      for (const field of names(entities.selectionSet!, rep?.__typename)) paths.push(["_entities", i, field]);
    });
  } else {
    for (const field of names(op.selectionSet)) paths.push([field]);
  }
  return paths.slice(0, MAX_ERRORS_PER_FAILED_CALL);
}

function isMutation(document: DocumentNode | undefined, query: string | undefined): boolean {
  const op = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return op ? op.operation === "mutation" : /^\s*mutation\b/.test(query ?? "");
}

export interface SubgraphSourceOptions {
  name: string;
  url: string;
  internalSecret: string;
  /** Per-call timeout; the request's overall deadline may cut it shorter. */
  timeoutMs: number;
  log: (message: string) => void;
}

/**
 * One subgraph as the gateway calls it: forwards the verified identity (signed with the internal
 * secret), the request id, the deadline and the client's idempotency key; retries once a call
 * that failed on a stale kept-alive socket when repeating it cannot write twice; and turns any
 * failure into coded, path-carrying errors with no URL or body in them, so the rest of the
 * response still answers.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphSourceOptions;

  constructor(options: SubgraphSourceOptions) {
    super({
      url: options.url,
      fetcher: (async (input: string, init: RequestInit & { headers: Record<string, string> }) => {
        // The header set in willSendRequest is the one deadline: the call is aborted when it passes.
        const deadline = Number(init.headers[DEADLINE_HEADER]);
        const call = () => fetch(input, { ...init, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        try {
          return await call();
        } catch (e) {
          // A write is repeated only when the subgraph can tell the repetition from a new write.
          const query = (JSON.parse(String(init.body)) as { query?: string }).query;
          const repeatable = !isMutation(undefined, query) || !!init.headers[IDEMPOTENCY_HEADER];
          if (!isStaleSocket(e) || !repeatable) throw e;
          options.log(`subgraph ${options.name}: kept-alive connection was closed, calling once more`);
          return await call();
        }
      }) as never,
    });
    this.options = options;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const ctx = context as Partial<GatewayContext>;
    const now = Date.now();
    const deadline = Math.min(ctx.deadline ?? Infinity, now + this.options.timeoutMs);
    if (deadline <= now) throw new DeadlinePassed("the request's deadline passed before this call");
    const headers = request.http!.headers;
    headers.set(IDENTITY_HEADER, cachedInternalIdentity(ctx.identity ?? ANONYMOUS, this.options.internalSecret));
    headers.set(DEADLINE_HEADER, String(deadline));
    if (ctx.requestId) headers.set("x-request-id", ctx.requestId);
    if (ctx.idempotencyKey) headers.set(IDEMPOTENCY_HEADER, ctx.idempotencyKey);
  }

  override async errorFromResponse(response: { status: number; text(): Promise<string> }): Promise<GraphQLError> {
    const body = await response.text().catch(() => "");
    return new SubgraphHttpError(response.status, body.slice(0, 300).replace(/\s+/g, " "));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (e) {
      return this.failed(options, classify(e));
    }
  }

  private failed(options: GraphQLDataSourceProcessOptions<GatewayContext>, failure: Failure): GatewayGraphQLResponse {
    const { name } = this.options;
    const ctx = options.context as Partial<GatewayContext>;
    const document = "document" in options && options.document ? options.document : parse(options.request.query!);
    const write = isMutation(document, options.request.query);
    const outcomeUnknown = write && failure.mayHaveReached;
    this.options.log(
      `subgraph ${name} (${this.options.url}) failed: ${failure.code}, ${failure.detail}` +
        `${write ? `, mutation outcome ${outcomeUnknown ? "unknown" : "not applied"}` : ""} [request ${ctx.requestId ?? "-"}]`,
    );
    const [zh, en] =
      failure.code === ErrorCode.TIMEOUT
        ? [`子服务 ${name} 未在时限内答复`, `subgraph ${name} did not answer in time`]
        : [`子服务 ${name} 暂时不可用`, `subgraph ${name} is unavailable`];
    const [zhTail, enTail] = outcomeUnknown
      ? [",写入是否生效未知", "; the write may or may not have been applied"]
      : ["", ""];
    const message = `${zh}${zhTail} / ${en}${enTail}`;
    const extensions = { code: failure.code, ...(write ? { outcomeUnknown } : {}) };
    const paths = failedPaths(document, options.request.variables);
    const errors = (paths.length > 0 ? paths : [undefined]).map((path) => ({ message, path, extensions }));
    return { errors } as GatewayGraphQLResponse;
  }
}
