import { buildSchema, getIntrospectionQuery, parse, validate } from "graphql";
import { operationLimitsRule } from "./limits";

const schema = buildSchema(`
  type Query { committee: Committee }
  type Committee { code: String! parent: Committee }
`);
const check = (query: string) =>
  validate(schema, parse(query), [operationLimitsRule({ maxDepth: 4, maxAliases: 2 })]).map((e) => e.message);

describe("operation limits", () => {
  it("refuses operations deeper than the limit or with too many aliases", () => {
    expect(check("{ committee { parent { parent { parent { code } } } } }")).toEqual([
      "查询嵌套过深 (5 > 4) / query depth 5 exceeds 4",
    ]);
    expect(check("{ a: committee { code } b: committee { code } c: committee { code } }")).toEqual([
      "别名过多 (3 > 2) / 3 aliases exceed 2",
    ]);
    expect(check("{ committee { parent { parent { code } } } }")).toEqual([]);
  });

  it("lets the explorer's introspection query through, which only the introspection switch governs", () => {
    expect(check(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }))).toEqual([]);
    // A deep query does not become acceptable by mentioning __typename.
    expect(check("{ __typename committee { parent { parent { parent { code __typename } } } } }")).toHaveLength(1);
  });
});
