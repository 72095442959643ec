import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { isNonNullType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchema, createResolversMap } from "type-graphql";
import type { RequestContext } from "./context";
import { ModuleContractError, type ModuleDefinition, type ReferenceResolver } from "./module";
import { ENTITY_KEY_FIELDS, resetStubFields, STUB_TYPE_NAMES, stubReferences } from "./stubs";

export const FEDERATION_VERSION = "v2.7";
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])`;

export interface BuiltSubgraph {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as composition consumes it. */
  sdl: string;
}

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Builds one Federation 2 subgraph schema from the type-graphql classes of one or more
 * modules. type-graphql does not know federation, so: build with `skipCheck`, print with
 * the directives, prepend the `@link`, and hand the SDL plus type-graphql's resolvers and
 * our `__resolveReference` functions to `buildSubgraphSchema`.
 */
export async function buildModulesSchema(modules: readonly ModuleDefinition[]): Promise<BuiltSubgraph> {
  if (modules.length === 0) throw new ModuleContractError("a subgraph needs at least one module");
  const resolvers = modules.flatMap((m) => m.resolvers) as [Function, ...Function[]];
  const stubs = [...new Set(modules.flatMap((m) => m.stubs ?? []))];
  const orphanedTypes = [...new Set([...modules.flatMap((m) => m.types ?? []), ...stubs])];

  resetStubFields();
  const typeGraphqlSchema = await buildSchema({
    resolvers,
    orphanedTypes,
    skipCheck: true,
    // Input is validated in services, where errors can name the field in both languages.
    validate: false,
  });

  checkContributedFields(typeGraphqlSchema, modules);

  const sdl = printSchemaWithDirectives(typeGraphqlSchema);
  const map = createResolversMap(typeGraphqlSchema) as ResolverMap;

  const references: Record<string, ReferenceResolver> = {};
  for (const stub of stubs) {
    const typeName = STUB_TYPE_NAMES.get(stub);
    if (typeName) references[typeName] = stubReferences[typeName as keyof typeof stubReferences];
  }
  for (const m of modules) Object.assign(references, m.references ?? {});
  for (const [typeName, resolve] of Object.entries(references)) {
    // Merged into the map we pass: a __resolveReference set anywhere else is never called.
    map[typeName] = {
      ...(map[typeName] ?? {}),
      __resolveReference: (ref: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) =>
        resolve(ref, ctx, info),
    };
  }

  const schema = buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${sdl}
    `,
    resolvers: map as never,
  });
  return { schema, sdl: `${FEDERATION_LINK}\n\n${sdl}` };
}

/**
 * Rule 6: a field a module adds to a shared entity it does not own must be nullable,
 * so that the module being down or refusing costs that field only.
 */
function checkContributedFields(schema: GraphQLSchema, modules: readonly ModuleDefinition[]): void {
  const stubNames = new Set(modules.flatMap((m) => m.stubs ?? []).map((s) => STUB_TYPE_NAMES.get(s)));
  for (const name of stubNames) {
    const type = name ? schema.getType(name) : undefined;
    if (!type || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const isKey = ENTITY_KEY_FIELDS[name!]?.includes(field.name);
      if (!isKey && isNonNullType(field.type)) {
        throw new ModuleContractError(
          `${name}.${field.name} is contributed by ${modules.map((m) => m.name).join(", ")} and must be nullable (declare it with { nullable: true })`,
        );
      }
    }
  }
}
