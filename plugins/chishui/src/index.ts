import { CommitteeRef, defineModule, scopedRecord } from "@tongxin/sdk";
import { ChishuiInspection, ChishuiProblem } from "./inspection/inspection.entity";
import { ChishuiInspectionResolver } from "./inspection/inspection.resolver";
import { ChishuiInitial1732600000001 } from "./migrations/1732600000001-chishui-initial";
import { CHISHUI, RECORD_CHISHUI } from "./name";
import { ChishuiReading, ChishuiSection } from "./section/section.entity";
import { ChishuiSectionResolver } from "./section/section.resolver";
import { inspectionScope, problemScope, sectionScope } from "./scope";
import { seedChishui } from "./seed/chishui.seed";
import { ChishuiCommitteeResolver, ChishuiStats } from "./stats/chishui-stats";
import { CHISHUI_STATS } from "./stats/chishui-figures";

/** 赤水河流域保护监督: for the counties whose territory lies in the Chishui river basin. */
export default defineModule({
  name: CHISHUI,
  title: "赤水河流域保护监督",
  kind: "plugin",
  committees: ["zhenxiong", "weixin"],
  entities: [ChishuiSection, ChishuiReading, ChishuiInspection, ChishuiProblem],
  migrations: [ChishuiInitial1732600000001],
  resolvers: [ChishuiSectionResolver, ChishuiInspectionResolver, ChishuiCommitteeResolver],
  types: [ChishuiStats],
  stubs: [CommitteeRef],
  permissions: [RECORD_CHISHUI],
  scoped: [
    scopedRecord(sectionScope, {
      list: { query: "{ chishuiSections { id } }", ids: "chishuiSections.id" },
      byId: { query: "query ($id: ID!) { chishuiSection(id: $id) { id } }" },
    }),
    scopedRecord(inspectionScope, {
      list: { query: "{ chishuiInspections { id } }", ids: "chishuiInspections.id" },
    }),
    scopedRecord(problemScope, {
      list: {
        query: "{ chishuiProblems(first: 100) { edges { node { id } } } }",
        ids: "chishuiProblems.edges.node.id",
      },
      write: { query: "mutation ($id: ID!) { chishuiUpdateProblem(input: { problemId: $id, status: OPEN }) { id } }" },
    }),
  ],
  stats: [CHISHUI_STATS],
  seed: seedChishui,
});
