import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 40 };

/**
 * A public endpoint must not let one request fan out into millions of rows: operations
 * deeper than `maxDepth` or with more than `maxAliases` aliases are refused before any
 * subgraph is called.
 */
export function operationLimitsRule(limits: OperationLimits = DEFAULT_LIMITS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const measure = (set: SelectionSetNode, seen: Set<string>): { depth: number; aliases: number } => {
      let depth = 0;
      let aliases = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          // Introspection (__schema, __type) is answered from the schema in memory, never by a
          // subgraph, and GraphiQL's own query is 15 levels deep: it is governed by the
          // `introspection` switch, not by these limits.
          if (sel.name.value.startsWith("__")) continue;
          if (sel.alias) aliases++;
          if (sel.selectionSet) {
            const inner = measure(sel.selectionSet, seen);
            depth = Math.max(depth, inner.depth + 1);
            aliases += inner.aliases;
          } else {
            depth = Math.max(depth, 1);
          }
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const inner = measure(sel.selectionSet, seen);
          depth = Math.max(depth, inner.depth);
          aliases += inner.aliases;
        } else {
          const frag = fragments.get(sel.name.value);
          if (!frag || seen.has(frag.name.value)) continue; // cycles are reported by graphql-js itself
          const inner = measure(frag.selectionSet, new Set([...seen, frag.name.value]));
          depth = Math.max(depth, inner.depth);
          aliases += inner.aliases;
        }
      }
      return { depth, aliases };
    };
    return {
      OperationDefinition(node) {
        const { depth, aliases } = measure(node.selectionSet, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(
              `查询嵌套过深 (${depth} > ${limits.maxDepth}) / query depth ${depth} exceeds ${limits.maxDepth}`,
              {
                nodes: [node],
              },
            ),
          );
        }
        if (aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(
              `别名过多 (${aliases} > ${limits.maxAliases}) / ${aliases} aliases exceed ${limits.maxAliases}`,
              {
                nodes: [node],
              },
            ),
          );
        }
      },
    };
  };
}
