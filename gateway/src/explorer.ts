import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { parse, validate, type GraphQLSchema } from "graphql";
import type { GraphiQLOptions } from "graphql-yoga";

export interface ExampleOperation {
  title: string;
  query: string;
  variables?: string;
}

const vars = (v: Record<string, unknown>) => JSON.stringify(v, null, 2);

/**
 * A county's whole year in one request, written from the figure metadata when the page is
 * rendered: every module's statistics, plugins included, so a plugin switched on later is
 * in it without a code change.
 */
export function countyOverviewExample(stats: { field: string; args: string[]; figures: { key: string }[] }[]) {
  const lines = stats.map((s) => {
    const call = s.args.includes("year") ? `${s.field}(year: $year)` : s.field;
    return `    ${call} { ${s.figures.map((f) => f.key).join(" ")} }`;
  });
  return {
    title: "县级政协概况 county overview",
    query: `# 一个县级政协一年的全部数字: 各模块的统计都挂在 Committee 上, 一次请求取齐。
# 县级特色模块 (如院坝协商) 未在该县启用时为 null。
query CountyOverview($code: String!, $year: Int!) {
  committee(code: $code) {
    code name level
    parent { name }
${lines.join("\n")}
  }
}
`,
    variables: vars({ code: "zhenxiong", year: 2023 }),
  };
}

/**
 * Example tabs shown the first time someone opens the explorer (after the county overview):
 * one per module, the proposal workflow step by step, and the city's aggregate. GraphiQL
 * names a tab after its operation, so operation names say what each does. Examples that
 * do not validate against the schema being served (a plugin switched off) are left out
 * when the page is rendered.
 */
export const EXAMPLES: ExampleOperation[] = [
  {
    title: "市县汇总 city aggregate",
    query: `# 市本级与 "市本级 + 11 个县" 的合计 (includeDescendants 由接口按口径计算, 不是简单相加),
# 以及每个县的数字: 一次请求, 别名区分两种口径。
query CityAggregate($year: Int!) {
  committee(code: "zhaotong") {
    name
    own: proposalStats(year: $year) { received filed filingRate replyRate satisfactionRate }
    withCounties: proposalStats(year: $year, includeDescendants: true) { received filed filingRate replyRate satisfactionRate }
    ownMembers: memberStats(year: $year) { activeMembers }
    allMembers: memberStats(year: $year, includeDescendants: true) { activeMembers }
    ownStudios: studioStats(year: $year) { coverage }
    allStudios: studioStats(year: $year, includeDescendants: true) { coverage }
    ownTraining: trainingStats(year: $year) { coverage }
    allTraining: trainingStats(year: $year, includeDescendants: true) { coverage }
    courtyardStats(year: $year, includeDescendants: true) { sessions committees }
    children {
      code name
      memberStats(year: $year) { activeMembers commitmentsSigned }
      proposalStats(year: $year) { received filed }
      studioStats(year: $year) { coverage }
      trainingStats(year: $year) { coverage }
      courtyardStats(year: $year) { sessions }
    }
  }
}
`,
    variables: vars({ year: 2023 }),
  },
  {
    title: "年度工作报告数字 annual report",
    query: `# 工作报告所列数字, 每项附口径 (definition) 和与之相等的统计字段 (source)。
# 下载: GET /reports/annual-report.csv?committee=zhaotong&year=2023 (或 .xlsx), 带同样的 Authorization 头。
query AnnualReport($committee: String!, $year: Int!) {
  annualReport(committee: $committee, year: $year) {
    committee year committeeName
    members { ...Section }
    proposals { ...Section }
    opinionReports { ...Section }
    studios { ...Section }
    training { ...Section }
    courtyard { ...Section }
    notRecorded { key title value definition }
  }
}

fragment Section on ReportSection {
  title
  figures { key title value kind definition source }
}
`,
    variables: vars({ committee: "zhaotong", year: 2023 }),
  },
  {
    title: "委员名单 members",
    query: `# 委员名单 (分页), 以及一位委员在各模块的履职记录: 工作室、培训、提案来自不同子图。
query Members($committee: String, $after: String) {
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

query MemberRecord($id: ID!) {
  member(id: $id) {
    name
    sector { name }
    studios { name committee { name } }
    trainingRecord(year: 2023) { sessionsAttended hours entries { title kind startsOn hours organiser { name } } }
    proposals(year: 2023) { number title status }
  }
}
`,
    variables: vars({ committee: "zhenxiong", id: "1" }),
  },
  {
    title: "提案办理 proposal workflow",
    query: `# 提案从起草到办结, 每一步由一种角色完成 (令牌: npm run -s token -- --role ROLE ...):
#   DraftProposal、CoSign、SubmitProposal、EvaluateReply  委员令牌   --role MEMBER --member <委员 id>
#   ReviewProposal、AssignProposal、CloseProposal        机关令牌   --role STAFF --committee zhaotong (已预置)
#   AcceptAssignment、ReplyToProposal                    承办单位令牌 --role UNIT --unit <单位 id>
# 先运行 ProposalWorkflow 取委员和承办单位的 id; 每一步后把返回的 id 填入下方变量。
# 不合流程的操作返回 INVALID_TRANSITION, 版本过期返回 CONFLICT。

query ProposalWorkflow($committee: String!) {
  members(committee: $committee, status: ACTIVE, first: 2) { edges { node { id name } } }
  handlingUnits(committee: $committee) { id name }
}

mutation DraftProposal($committee: String!, $coSigner: ID!) {
  draftProposal(input: {
    committee: $committee
    title: "关于推动昭通学前教育高质量发展的建议"
    body: "建议扩大普惠性学前教育资源, 加强乡村幼儿园教师队伍建设。"
    category: EDUCATION
    coSignerIds: [$coSigner]
  }) { id status version }
}

mutation CoSign($id: ID!) {
  coSignProposal(id: $id) { id status }
}

mutation SubmitProposal($id: ID!) {
  submitProposal(id: $id) { id number status version }
}

mutation ReviewProposal($id: ID!) {
  reviewProposal(id: $id, input: { decision: FILED }) { id status reviewDecision version }
}

mutation AssignProposal($id: ID!, $unit: ID!) {
  assignProposal(id: $id, input: { leadUnitId: $unit }) {
    id status dueOn
    assignments(currentRound: true) { role status dueOn unit { name } }
  }
}

mutation AcceptAssignment($id: ID!) {
  acceptAssignment(id: $id) { id status }
}

mutation ReplyToProposal($id: ID!) {
  replyToProposal(id: $id, input: { replyClass: A, body: "已采纳, 列入年度工作计划。" }) { id status }
}

mutation EvaluateReply($id: ID!) {
  evaluateReply(id: $id, input: { evaluation: SATISFIED, note: "答复具体, 措施可行。" }) { id status evaluation }
}

mutation CloseProposal($id: ID!) {
  closeProposal(id: $id, note: "提案者逾期未评价, 按规定办结") { id status closedOn }
}

query Timeline($id: ID!) {
  proposal(id: $id) {
    number title status
    leadProposer { name }
    timeline { at action from to actorRole note actorMember { name } actorUnit { name } }
  }
}
`,
    variables: vars({ committee: "zhaotong", coSigner: "<委员 id>", id: "<提案 id>", unit: "<承办单位 id>" }),
  },
  {
    title: "提案与社情民意 proposals and opinion reports",
    query: `# 立案提案列表 (分页、可按状态/类别/重点筛选) 与逾期未答复的交办; 社情民意信息的采编与批示。
query Proposals($committee: String!, $year: Int!, $after: String) {
  proposals(committee: $committee, year: $year, status: CLOSED, first: 10, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id number title category kind isKey evaluation leadProposer { name } } }
  }
  overdueAssignments(committee: $committee, first: 10) {
    totalCount
    edges { node { dueOn unit { name } proposal { number title } } }
  }
}

query OpinionReports($committee: String!, $year: Int!) {
  opinionReports(committee: $committee, year: $year, first: 10) {
    totalCount
    edges { node { title submittedOn status bulletin instructionLeader submitter { name } } }
  }
}
`,
    variables: vars({ committee: "zhaotong", year: 2023 }),
  },
  {
    title: "委员工作室 studios",
    query: `# 工作室、入室委员和履职活动; 尚未入室的在任委员和无人入室的界别。
query Studios($committee: String!) {
  studios(committee: $committee, status: OPEN, first: 10) {
    totalCount
    edges {
      node {
        name theme establishedOn memberCount activityCount(year: 2023)
        leadMember { name }
        roster { joinedOn member { name sector { name } } }
      }
    }
  }
  membersOutsideStudios(committee: $committee, first: 10) {
    totalCount activeMembers sectorsWithoutStudioMember
    edges { node { name sector { name } } }
  }
}
`,
    variables: vars({ committee: "zhenxiong" }),
  },
  {
    title: "履职学习培训 training",
    query: `# 培训班次与出勤; 本届 (term) 尚未参训的在任委员。
query Training($committee: String!, $year: Int!) {
  trainingSessions(committee: $committee, year: $year, first: 10) {
    totalCount
    edges {
      node {
        title kind provider startsOn endsOn place hours
        attendanceSummary { enrolled attended absent excused unmarked }
      }
    }
  }
  membersNotTrained(committee: $committee, year: $year, first: 10) {
    totalCount activeMembers from until
    edges { node { name sector { name } } }
  }
}
`,
    variables: vars({ committee: "zhaotong", year: 2023 }),
  },
  {
    title: "院坝协商 courtyard consultations (plugin)",
    query: `# 县级特色模块, 按配置在部分县启用 (npm run plugins 查看): 院坝协商的场次、议题和群众所提问题的办理。
query Courtyard($committee: String!, $year: Int!) {
  courtyardSessions(committee: $committee, year: $year, first: 10) {
    totalCount
    edges {
      node {
        heldOn township village theme topic participants outcome
        issues { description status resolvedOn }
        organisers { name }
      }
    }
  }
}
`,
    variables: vars({ committee: "zhenxiong", year: 2023 }),
  },
  {
    title: "赤水河流域保护监督 Chishui basin (plugin)",
    query: `# 县级特色模块, 在镇雄、威信启用: 监测断面的水质和联合视察发现的问题。
query Chishui($committee: String!, $year: Int!) {
  chishuiSections(committee: $committee) { name river location targetClass readings(year: $year) { sampledOn waterClass } }
  chishuiInspections(committee: $committee, year: $year) { heldOn title participants joint problems { description status } }
}
`,
    variables: vars({ committee: "zhenxiong", year: 2023 }),
  },
];

/** The examples that the schema being served can run: a switched-off plugin's tab is left out. */
export function runnableExamples(examples: ExampleOperation[], schema: GraphQLSchema | undefined): ExampleOperation[] {
  if (!schema) return examples;
  return examples.filter((e) => {
    try {
      return validate(schema, parse(e.query)).length === 0;
    } catch {
      return false;
    }
  });
}

/**
 * The offline explorer: GraphiQL with every script and style inlined from a local package
 * (@graphql-yoga/render-graphiql), so it works on an intranet with no internet.
 */
export function explorerPage(opts: { token?: string; examples?: ExampleOperation[] }): string {
  const headers = opts.token ? JSON.stringify({ Authorization: `Bearer ${opts.token}` }, null, 2) : "{}";
  const examples = opts.examples ?? EXAMPLES;
  // The renderer passes `variables` on to GraphiQL, whose first tab takes its variables from
  // there and not from its tab definition; the option is missing from the published type.
  const options: GraphiQLOptions & { variables?: string } = {
    title: "同心 Tongxin · GraphQL",
    endpoint: "/graphql",
    headers,
    defaultHeaders: headers,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: "headers",
    defaultTabs: examples.map((e) => ({ query: e.query, variables: e.variables, headers })),
    variables: examples[0]?.variables,
  };
  return renderGraphiQL(options);
}
