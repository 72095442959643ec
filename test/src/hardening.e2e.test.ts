import {
  countyOverviewExample,
  EXAMPLES,
  figuresPathNextTo,
  operationLimitRules,
  withListSizes,
} from "@tongxin/gateway";
import { annualReportOperation } from "@tongxin/gateway/dist/dashboard/annual-report";
import { dashboardStats, FiguresFile, reportShape } from "@tongxin/gateway/dist/dashboard/figures";
import { startStack, type Stack } from "@tongxin/infra";
import { dropMysqlDatabases, parseDatabaseUrl } from "@tongxin/sdk";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";

/**
 * The wide query: with any office token it ran 15–63 s and returned up to 800 KB,
 * while an anonymous `{ committees { code } }` waited behind it.
 */
const WIDE = `{
  trainingSessions(first: 100) { edges { node { title
    enrolments { member { name
      proposals { title
        coSigners { member { name
          studios { name
            roster { member { name
              proposals { title coSigners { member { name } } }
            } }
          }
        } }
      }
    } }
  } } }
}`;

describe.each(databasesUnderTest())("operation limits on the whole platform ($kind)", (db) => {
  let stack: Stack;
  let url: string;
  let schema: GraphQLSchema;
  let staff: string;

  beforeAll(async () => {
    url = db.freshUrl();
    stack = await startStack({ databaseUrl: url });
    schema = stack.gateway.schema()!;
    staff = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(async () => {
    await stack?.stop();
    if (parseDatabaseUrl(url).kind === "mysql") await dropMysqlDatabases(url);
  });

  it("refuses the wide query before any subgraph runs a statement", async () => {
    // A valid query of the real schema: only the limits refuse it.
    expect(validate(schema, parse(WIDE), specifiedRules)).toEqual([]);
    const before = stack.statementCount();
    const t0 = Date.now();
    const res = await stack.query(staff, WIDE);
    console.log(`wide query refused in ${Date.now() - t0} ms: ${res.errors?.[0].message}`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^查询代价过高 .* \/ query cost \d[\d.e+]* exceeds 50000$/),
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    expect(stack.statementCount()).toBe(before);
    // The committee list still answers anonymously.
    expect((await stack.query(null, "{ committees { code } }")).errors).toBeUndefined();
  });

  it("lets every explorer example, the report download and GraphiQL's introspection through the default limits", async () => {
    const figures = new FiguresFile(figuresPathNextTo(stack.supergraphPath), () => undefined).read();
    const overview = countyOverviewExample(dashboardStats(figures, schema));
    const report = {
      title: "annual report download",
      query: annualReportOperation(reportShape(schema)!),
      variables: JSON.stringify({ committee: "zhaotong", year: 2023 }),
    };
    for (const example of [overview, report, ...EXAMPLES]) {
      const document = parse(example.query);
      if (validate(schema, document, specifiedRules).length > 0) continue; // a plugin's example, plugin off
      const variables = example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : {};
      const sized = withListSizes(document, schema, undefined, variables);
      expect({ title: example.title, errors: validate(schema, sized, operationLimitRules()) }).toEqual({
        title: example.title,
        errors: [],
      });
    }
    const introspection = await stack.query(
      null,
      getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true }),
    );
    expect(introspection.errors).toBeUndefined();
  });
});
