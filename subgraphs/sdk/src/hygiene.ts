import type { ApolloServerPlugin } from "@apollo/server";
import express from "express";
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { badInput } from "./errors";

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls. None belongs in
 * a name, a title or a report, and NUL in particular is cut or refused differently by
 * SQLite, MySQL, CSV and XLSX: refusing it once here keeps every store and export alike.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** In `u` mode a surrogate pair is one code point, so this matches unpaired halves only. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why a text is refused, or null; lone surrogates cannot be stored as UTF-8 at all. */
export function textProblem(value: string): { zh: string; en: string } | null {
  if (CONTROL.test(value)) return { zh: "不能包含控制字符", en: "must not contain control characters" };
  if (LONE_SURROGATE.test(value)) return { zh: "包含无效的 Unicode 字符", en: "contains an unpaired surrogate" };
  return null;
}

/** Walks one coerced input value by its type; `path` is how a form names it (`input.items[2].title`). */
function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, type.ofType, `${path}[${i}]`));
    else checkValue(value, type.ofType, path);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      if (name in (value as object))
        checkValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`);
    }
    return;
  }
  const named = getNamedType(type).name;
  if ((named === "String" || named === "ID") && typeof value === "string") {
    const problem = textProblem(value);
    if (problem) throw badInput(path, problem.zh, problem.en);
  }
}

/**
 * Checks every String and ID argument of the operation that will run, nested input
 * fields and lists included, literals and variables alike. Throws BAD_USER_INPUT naming
 * the argument path. Values that do not coerce are left to execution, which reports them.
 */
export function checkOperationText(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return;
  const variables = coerced.coerced;
  const typeInfo = new TypeInfo(schema);
  const relevant: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation),
  };
  visit(
    relevant,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        if (!def || !node.arguments?.length) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(def, node, variables);
        } catch {
          return;
        }
        for (const arg of def.args) if (arg.name in args) checkValue(args[arg.name], arg.type, arg.name);
      },
    }),
  );
}

/**
 * A subgraph error must travel as HTTP 200: the gateway turns any other status into a
 * bare error and the code (BAD_USER_INPUT, CONFLICT …) would be lost on the way.
 */
export function asOperationError(e: GraphQLError): GraphQLError {
  (e.extensions as Record<string, unknown>).http = { status: 200 };
  return e;
}

/** Apollo Server plugin: the text check above, before anything runs. */
export function inputHygienePlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          try {
            checkOperationText(schema, document, operation, request.variables);
          } catch (e) {
            throw asOperationError(e as GraphQLError);
          }
        },
      };
    },
  };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * `express.json` that refuses a body which is not valid UTF-8 (RFC 8259 requires it):
 * body-parser would otherwise decode it with U+FFFD in place of the bad bytes, and that
 * replacement would be stored as if the client had sent it. Answers 400 through
 * `jsonErrorHandler`.
 */
export function jsonBody(limit = "2mb"): express.RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, buf) => {
      try {
        strictUtf8.decode(buf);
      } catch {
        throw Object.assign(new Error("request body is not valid UTF-8"), { status: 400, type: "encoding.invalid" });
      }
    },
  });
}
