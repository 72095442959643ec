import {
  staticCommitteeSource,
  staticMembersSource,
  type CommitteeNode,
  type Identity,
  type MemberInfo,
} from "@tongxin/sdk";
import { startTestSubgraph, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { proposalsModule } from "../index";

/** A city with two counties, as the module tests see the committee tree. */
export const TEST_COMMITTEES: CommitteeNode[] = [
  {
    code: "zhaotong",
    name: "昭通市政协",
    level: "CITY",
    parentCode: null,
    currentTerm: 5,
    termStartedOn: "2022-01-10",
  },
  {
    code: "zhenxiong",
    name: "镇雄县政协",
    level: "COUNTY",
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-27",
  },
  {
    code: "weixin",
    name: "威信县政协",
    level: "COUNTY",
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-26",
  },
];

const seat = (id: number, name: string, committees: string[], status: MemberInfo["status"] = "ACTIVE"): MemberInfo => ({
  id: String(id),
  name,
  status,
  sector: "经济",
  committees,
});

/** The register the module tests use instead of the members subgraph. */
export const TEST_MEMBERS: MemberInfo[] = [
  seat(1, "李明", ["zhaotong"]),
  seat(2, "王芳", ["zhaotong"]),
  seat(3, "张伟", ["zhaotong"]),
  seat(4, "赵丽", ["zhenxiong"]),
  seat(5, "陈刚", ["zhenxiong"]),
  seat(6, "刘洋", ["weixin"]),
  seat(7, "周敏", ["zhaotong", "zhenxiong"]),
  seat(8, "吴强", [], "RESIGNED"),
];

/** Handling units with fixed ids: 1–3 city (3 retired), 4–5 zhenxiong, 6 weixin. */
export const TEST_UNITS = [
  { id: 1, committeeCode: "zhaotong", name: "昭通市教育体育局", active: true, sortOrder: 1 },
  { id: 2, committeeCode: "zhaotong", name: "昭通市卫生健康委员会", active: true, sortOrder: 2 },
  { id: 3, committeeCode: "zhaotong", name: "昭通市扶贫开发办公室", active: false, sortOrder: 3 },
  { id: 4, committeeCode: "zhenxiong", name: "镇雄县教育体育局", active: true, sortOrder: 1 },
  { id: 5, committeeCode: "zhenxiong", name: "镇雄县卫生健康局", active: true, sortOrder: 2 },
  { id: 6, committeeCode: "weixin", name: "威信县教育体育局", active: true, sortOrder: 1 },
];

/** `units: false` leaves the tables empty, for tests that run the seed themselves. */
export async function startProposalsSubgraph(
  databaseUrl: string,
  opts: { seed?: boolean; units?: boolean } = {},
): Promise<TestSubgraph> {
  const sg = await startTestSubgraph({
    modules: [proposalsModule],
    databaseUrl,
    seed: opts.seed,
    committeeSource: staticCommitteeSource(TEST_COMMITTEES),
    membersSource: staticMembersSource(TEST_MEMBERS),
  });
  if (!opts.seed && opts.units !== false)
    await sg.databases.get("proposals")!.dataSource.manager.insert(HandlingUnit, TEST_UNITS);
  return sg;
}

export type GqlErrors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
export const codeOf = (errors: GqlErrors) => errors?.[0]?.extensions?.code;

/** A GraphQL call that must succeed; the errors are in the failure message when it does not. */
// Test data is read field by field; typing every answer would say nothing the assertions do not.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function ok<T = any>(
  sg: TestSubgraph,
  who: Identity,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const r = await sg.query<T>(who, query, variables);
  if (r.errors) throw new Error(`${query.slice(0, 80)}…: ${JSON.stringify(r.errors)}`);
  return r.data!;
}
