import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { DEFAULT_LIMITS, operationLimitRules, withListSizes, type OperationLimits } from "./limits";

const schema = buildSchema(`
  type Query { committee: Committee committees(first: Int = 20): [Committee!]! }
  type Committee { code: String! parent: Committee children(first: Int = 20): [Committee!]! }
`);
const small: OperationLimits = { ...DEFAULT_LIMITS, maxDepth: 4, maxAliases: 2 };
const check = (query: string, limits: OperationLimits = small) =>
  validate(schema, parse(query), operationLimitRules(limits)).map((e) => e.message);

/** `depth` fragments, each spreading the previous one twice: 2^depth fields once expanded. */
export function fragmentBomb(depth: number, type = "Committee", leaf = "code") {
  const frags = [`fragment F0 on ${type} { ${leaf} }`];
  for (let i = 1; i <= depth; i++) frags.push(`fragment F${i} on ${type} { ...F${i - 1} ...F${i - 1} }`);
  return frags;
}

describe("operation limits (graphql-armor)", () => {
  it("refuses operations deeper than the limit or with too many aliases, saying which limit in both languages", () => {
    expect(check("{ committee { parent { parent { parent { code } } } } }")).toEqual([
      "查询嵌套过深 (5 > 4) / query depth 5 exceeds 4",
    ]);
    expect(check("{ a: committee { code } b: committee { code } c: committee { code } }")).toEqual([
      "别名过多 (3 > 2) / 3 aliases exceed 2",
    ]);
    expect(check("{ committee { parent { parent { code } } } }")).toEqual([]);
  });

  it("applies to introspection too, and lets GraphiQL's introspection query through with the defaults", () => {
    for (const q of [
      getIntrospectionQuery(),
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    ]) {
      expect(check(q, DEFAULT_LIMITS)).toEqual([]);
      expect(parse(q, { maxTokens: DEFAULT_LIMITS.maxTokens })).toBeDefined();
    }
    expect(check("{ __schema { types { fields { type { ofType { name } } } } } }")).toHaveLength(1);
    // Each introspection list level multiplies the answer the gateway builds in process.
    const lists = (n: number) =>
      `{ __schema { types { ${"fields { type { ".repeat(n - 1)}name${" } }".repeat(n - 1)} } } }`;
    expect(check(lists(3), DEFAULT_LIMITS)).toEqual([]);
    expect(check(lists(4), DEFAULT_LIMITS)).toEqual([
      "内省列表嵌套过深 (4 > 3) / introspection lists nested 4 deep exceed 3",
    ]);
    const viaFragments = `{ __type(name: "Committee") { ...T } } fragment T on __Type { fields { type { ...U } } }
      fragment U on __Type { fields { type { fields { type { interfaces { name } } } } } }`;
    expect(check(viaFragments, DEFAULT_LIMITS)).toEqual([
      "内省列表嵌套过深 (4 > 3) / introspection lists nested 4 deep exceed 3",
    ]);
    // Ordinary fields that happen to be called `fields` or `types` are not introspection.
    expect(
      validate(
        buildSchema(`type Query { types: [T] } type T { fields: [T] name: String }`),
        parse("{ types { fields { fields { fields { name } } } } }"),
        operationLimitRules(),
      ),
    ).toEqual([]);
    const manyTypes = Array.from({ length: 300 }, (_, i) => `t${i}: __type(name: "Committee") { name }`).join(" ");
    expect(check(`{ ${manyTypes} }`, DEFAULT_LIMITS)).toEqual(["别名过多 (300 > 20) / 300 aliases exceed 20"]);
  });

  it("refuses a fragment bomb in time linear in its size", () => {
    for (const depth of [20, 25, 30]) {
      const doc = parse(`{ committee { ...F${depth} } } ${fragmentBomb(depth).join(" ")}`);
      const t0 = process.hrtime.bigint();
      const errors = validate(schema, doc, [...specifiedRules, ...operationLimitRules(DEFAULT_LIMITS)]);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      console.log(`fragment bomb of ${depth} fragments (2^${depth} fields expanded): refused in ${ms.toFixed(1)} ms`);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringMatching(/^查询代价过高 \(\d[\d.e+]* > 50000\) \/ query cost \d[\d.e+]* exceeds 50000$/),
      ]);
      expect(ms).toBeLessThan(2_000);
    }
  });

  it("counts page sizes from variables and schema defaults, not only literal first:", () => {
    const cost = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      const sized = withListSizes(document, schema, undefined, variables);
      return validate(schema, sized, operationLimitRules({ ...DEFAULT_LIMITS, maxCost: 1_000 })).map((e) => e.message);
    };
    const nested = (first: string) =>
      `{ committees${first} { code children${first} { code children${first} { code } } } }`;
    expect(cost(nested("(first: 3)"))).toEqual([]);
    // 20 × 20 × 20 from the defaults, like first: 20 written out.
    expect(cost(nested(""))).toEqual([expect.stringMatching(/query cost \d+ exceeds 1000/)]);
    expect(cost(nested("(first: 20)"))).toEqual(cost(nested("")));
    const withVar = `query($n: Int) { committees(first: $n) { code children(first: $n) { code children(first: $n) { code } } } }`;
    expect(cost(withVar, { n: 3 })).toEqual([]);
    expect(cost(withVar, { n: 100 })).toHaveLength(1);
  });
});
