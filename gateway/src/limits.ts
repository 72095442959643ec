import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { costLimitRule, type CostLimitOptions } from "@escape.tech/graphql-armor-cost-limit";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import {
  GraphQLError,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";

/**
 * What one request may ask for. graphql-armor measures every operation before any subgraph is
 * called, in time linear in the document (each fragment is measured once and its result reused
 * at every spread, so a "fragment bomb" costs its size, not 2^n).
 */
export interface OperationLimits {
  /** Nesting of the response; fragments do not add a level (they add no nesting to the answer). */
  maxDepth: number;
  maxAliases: number;
  /**
   * graphql-armor's cost: 1 per scalar, 2 per object, children weigh 1.5× per level, and a
   * list field's subtree is multiplied by its `first`/`last` (given, from a variable, or the
   * schema's default).
   */
  maxCost: number;
  /** Lexical tokens of the document, counted while parsing. */
  maxTokens: number;
  maxDirectives: number;
}

/**
 * GraphiQL's introspection query (graphql-js `getIntrospectionQuery` with every option, nine
 * `ofType` levels) measures depth 15, cost 15,581, 184 tokens, no alias: the defaults let it
 * through, since the limits apply to introspection fields as to any other. A page of 100
 * members with sector, party and seats (the platform test's query) costs about 8,200, so a
 * full page of ordinary depth passes while fan-out over several paged levels does not. The
 * tests re-measure these (limits.test.ts; the explorer's examples in hardening.e2e.test.ts).
 */
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 15,
  maxAliases: 20,
  maxCost: 50_000,
  maxTokens: 2_000,
  maxDirectives: 50,
};

const MESSAGES = {
  depth: (found: string, n: number) => `查询嵌套过深 (${found} > ${n}) / query depth ${found} exceeds ${n}`,
  aliases: (found: string, n: number) => `别名过多 (${found} > ${n}) / ${found} aliases exceed ${n}`,
  cost: (found: string, n: number) => `查询代价过高 (${found} > ${n}) / query cost ${found} exceeds ${n}`,
  directives: (found: string, n: number) => `指令过多 (${found} > ${n}) / ${found} directives exceed ${n}`,
} as const;

/** graphql-armor's messages start "Syntax Error:" and are English only; ours are bilingual, as every message. */
function reporter(limit: keyof typeof MESSAGES, n: number): GraphQLArmorRejectCallback {
  return (context, error) => {
    const found = /found (\d+(?:\.\d+)?(?:e\+\d+)?)/.exec(error.message)?.[1];
    const shown = found === undefined ? "?" : String(Math.ceil(Number(found)));
    context?.reportError(
      new GraphQLError(MESSAGES[limit](shown, n), {
        extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit, http: { status: 400 } },
      }),
    );
  };
}

function costOptions(limits: OperationLimits): CostLimitOptions {
  return {
    maxCost: limits.maxCost,
    ignoreIntrospection: false,
    flattenFragments: true,
    propagateOnRejection: false,
    onReject: [reporter("cost", limits.maxCost)],
  };
}

/**
 * graphql-armor's Apollo integration (`ApolloArmor.protect()`): validation rules for depth,
 * aliases, cost and directives, and in production its plugin that masks "Did you mean …"
 * suggestions. `propagateOnRejection: false` with our own `onReject` reports each refusal as a
 * validation error of the request (HTTP 400) instead of throwing out of the validator.
 *
 * Tokens are counted by graphql-js's own parser (`maxTokens`, the option graphql-armor's
 * Envelop plugin sets): armor's Apollo max-tokens plugin parses every document a second time
 * and throws from `parsingDidStart`, which Apollo Server treats as an unexpected error (500).
 */
export function armorProtection(limits: OperationLimits = DEFAULT_LIMITS, opts: { production?: boolean } = {}) {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reporter("depth", limits.maxDepth)],
    },
    maxAliases: {
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reporter("aliases", limits.maxAliases)],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reporter("directives", limits.maxDirectives)],
    },
    costLimit: costOptions(limits),
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: opts.production ?? false },
  });
  const { validationRules, plugins } = armor.protect();
  return {
    validationRules: [...(validationRules as ValidationRule[]), introspectionListsRule()],
    plugins: [...(plugins as ApolloServerPlugin[]), listSizeCostPlugin(limits)],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** The validation rules alone (for graphql-js `validate`, as the tests use them). */
export function operationLimitRules(limits: OperationLimits = DEFAULT_LIMITS): ValidationRule[] {
  return armorProtection(limits).validationRules;
}

/**
 * graphql-armor multiplies a list's cost by a literal `first:`/`last:` only; `first: $n` and an
 * omitted `first` (the schema's default of 20) would count as 1. Once the variables are known,
 * this writes those sizes into a copy of the document and measures it again with armor's
 * cost rule, before the query plan is executed. Linear: one visit and one armor pass.
 */
export function withListSizes(
  document: DocumentNode,
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> = {},
): DocumentNode {
  const defaults = new Map<string, unknown>();
  for (const v of operation?.variableDefinitions ?? []) {
    if (v.defaultValue?.kind === Kind.INT) defaults.set(v.variable.name.value, Number(v.defaultValue.value));
  }
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const sizeArg = typeInfo.getFieldDef()?.args.find((a) => a.name === "first" || a.name === "last");
        if (!sizeArg) return undefined;
        const given = node.arguments?.find((a) => a.name.value === sizeArg.name);
        let size: unknown;
        if (!given) size = sizeArg.defaultValue;
        else if (given.value.kind === Kind.VARIABLE) {
          const name = given.value.name.value;
          size = Object.hasOwn(variables, name) ? variables[name] : defaults.get(name);
          if (size === null) size = sizeArg.defaultValue; // resolvers page an explicit null as the default
        } else return undefined; // a literal: armor reads it itself
        if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 1) return undefined;
        const arg: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: sizeArg.name },
          value: { kind: Kind.INT, value: String(size) },
        };
        return { ...node, arguments: [...(node.arguments ?? []).filter((a) => a !== given), arg] };
      },
    }),
  );
}

function listSizeCostPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, operation, request }) {
          const sized = withListSizes(document, schema, operation, request.variables ?? {});
          if (sized === document) return;
          const errors = validate(schema, sized, [costLimitRule(costOptions(limits))]);
          if (errors.length > 0) throw errors[0];
        },
      };
    },
  };
}

/** Introspection fields that answer lists: every level of them multiplies the answer. */
const INTROSPECTION_LISTS = new Set([
  "types",
  "fields",
  "inputFields",
  "interfaces",
  "possibleTypes",
  "enumValues",
  "args",
  "directives",
]);

/**
 * Introspection is answered by the gateway itself, in process. Its lists have no `first`, so
 * armor's cost sees `__schema { types { fields { type { fields { type { fields … } } } } } }`
 * as cheap, yet each level multiplies the answer by tens (types × fields × fields × …). GraphiQL
 * nests three list levels (types → fields → args); more are refused. Fragments are measured once
 * (memoised), so this is linear in the document like armor's rules.
 */
export function introspectionListsRule(maxNesting = 3): ValidationRule {
  return (context) => {
    const memo = new Map<string, number>();
    // `inside`: below __schema/__type, where every field is an introspection field.
    const nesting = (set: SelectionSetNode, inside: boolean, visiting: Set<string>): number => {
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (!sel.selectionSet) continue;
          const name = sel.name.value;
          const below = inside || name === "__schema" || name === "__type";
          const own = inside && INTROSPECTION_LISTS.has(name) ? 1 : 0;
          deepest = Math.max(deepest, own + nesting(sel.selectionSet, below, visiting));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, nesting(sel.selectionSet, inside, visiting));
        } else {
          const key = `${inside}:${sel.name.value}`;
          const fragment = context.getFragment(sel.name.value);
          if (!fragment || visiting.has(key)) continue; // cycles are reported by graphql-js itself
          if (!memo.has(key)) {
            visiting.add(key);
            memo.set(key, nesting(fragment.selectionSet, inside, visiting));
            visiting.delete(key);
          }
          deepest = Math.max(deepest, memo.get(key)!);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const found = nesting(node.selectionSet, false, new Set());
        if (found > maxNesting) {
          context.reportError(
            new GraphQLError(
              `内省列表嵌套过深 (${found} > ${maxNesting}) / introspection lists nested ${found} deep exceed ${maxNesting}`,
              { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "introspection" } },
            ),
          );
        }
      },
    };
  };
}
