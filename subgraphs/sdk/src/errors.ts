import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** The error codes of API.md; clients switch on these, never on messages. */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** The request's deadline or a subgraph's timeout passed; `outcomeUnknown` says whether a write may have landed. */
  TIMEOUT: "TIMEOUT",
  /** A subgraph could not be reached or failed; its fields are null, the rest of the response answers. */
  SUBGRAPH_UNAVAILABLE: "SUBGRAPH_UNAVAILABLE",
  /** Too many requests from one identity or address; HTTP 429 with Retry-After. */
  RATE_LIMITED: "RATE_LIMITED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Raised by graphql-js / Apollo Server themselves for malformed operations; safe to show.
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

/**
 * Committee staff read Chinese, county IT staff and scripts often read English:
 * every message a person may see carries both, Chinese first.
 */
function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, zh: string, en: string, extra: Record<string, unknown> = {}) {
    super(bilingual(zh, en), { extensions: { code, ...extra } });
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, "请先登录", "authentication required");

/**
 * A refusal says only that it is one: `what` names internal things (permission keys such as
 * `studios.manage`, ids, scope rules) and goes to the server log, not to the client.
 */
export class ForbiddenError extends AppError {
  constructor(readonly detail: string) {
    super(ErrorCode.FORBIDDEN, "没有权限执行此操作", "not allowed");
  }
}

export const forbidden = (what = "this resource") => new ForbiddenError(what);

/** `what` is the English entity name, `whatZh` its Chinese word (委员, 提案 …). */
export const notFound = (what: string, id: string | number, whatZh = "记录") =>
  new AppError(ErrorCode.NOT_FOUND, `未找到${whatZh} ${id}`, `${what} ${id} not found`, { entity: what });

/** `field` is the path of the offending input, e.g. `input.name`, so a form can mark it. */
export const badInput = (field: string, zh: string, en: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${zh}`, `${field}: ${en}`, { field });

export const conflict = (what: string) =>
  new AppError(
    ErrorCode.CONFLICT,
    "数据已被他人修改,请刷新后重试",
    `${what} was changed by someone else; reload and try again`,
  );

/** The deadline the gateway set passed before the write could commit: it was rolled back. */
export const deadlineExceeded = () =>
  new AppError(
    ErrorCode.TIMEOUT,
    "请求超时, 本次修改未保存, 可以重试",
    "the request timed out; nothing was saved, it is safe to retry",
    { outcomeUnknown: false },
  );

export const invalidTransition = (from: string, action: string) =>
  new AppError(
    ErrorCode.INVALID_TRANSITION,
    `当前状态 ${from} 不允许执行 ${action}`,
    `cannot ${action} from state ${from}`,
    {
      from,
      action,
    },
  );

/**
 * Apollo Server `formatError`: known codes pass through; anything else (a driver error,
 * a bug) becomes a bare INTERNAL_SERVER_ERROR so that no SQL, stack or host name leaks.
 */
export function formatPublicError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (original instanceof ForbiddenError && process.env.NODE_ENV !== "test") {
      console.warn(`[tongxin] refused: ${original.detail}${formatted.path ? ` at ${formatted.path.join(".")}` : ""}`);
    }
    // `response` is where Apollo Gateway puts a failed subgraph call's URL and body.
    const { stacktrace: _s, exception: _e, response: _r, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (process.env.NODE_ENV !== "test") {
    // The full error stays in the server log, where operators can correlate it.
    console.error("[tongxin] internal error:", (error as { originalError?: unknown })?.originalError ?? error);
  }
  return {
    message: bilingual("服务器内部错误", "internal server error"),
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
