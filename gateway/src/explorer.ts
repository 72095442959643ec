import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

export interface ExampleOperation {
  title: string;
  query: string;
  variables?: string;
}

/** Example tabs shown the first time someone opens the explorer. */
export const EXAMPLES: ExampleOperation[] = [
  {
    title: "市县委员概况 city and counties",
    query: `# 昭通市政协及其 11 个县级政协的在任委员人数
query CityOverview {
  committee(code: "zhaotong") {
    name
    memberStats { activeMembers commitmentsSigned }
    children {
      code
      name
      memberStats { activeMembers commitmentsSigned }
    }
  }
}
`,
  },
  {
    title: "委员名单 members",
    query: `query Members($committee: String, $after: String) {
  members(committee: $committee, status: ACTIVE, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name gender ethnicity jobTitle workplace
        party { shortName }
        sector { name }
        memberships(current: true) { committee { name } position term }
      }
    }
  }
}
`,
    variables: JSON.stringify({ committee: "zhenxiong" }, null, 2),
  },
];

/**
 * The offline explorer: GraphiQL with every script and style inlined from a local package
 * (@graphql-yoga/render-graphiql), so it works on an intranet with no internet.
 */
export function explorerPage(opts: { token?: string; examples?: ExampleOperation[] }): string {
  const headers = opts.token ? JSON.stringify({ Authorization: `Bearer ${opts.token}` }, null, 2) : "{}";
  return renderGraphiQL({
    title: "同心 Tongxin · GraphQL",
    endpoint: "/graphql",
    headers,
    defaultHeaders: headers,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: "headers",
    defaultTabs: (opts.examples ?? EXAMPLES).map((e) => ({ query: e.query, variables: e.variables, headers })),
  });
}
