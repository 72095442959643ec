import { AnnualReportRef, CommitteeRef, defineModule, MemberRef, scopedRecord } from "@tongxin/sdk";
import { CourtyardInitial1732600000000 } from "./migrations/1732600000000-courtyard-initial";
import { COURTYARD, RECORD_COURTYARD } from "./name";
import { seedCourtyard } from "./seed/courtyard.seed";
import { CourtyardIssue, CourtyardOrganiser, CourtyardSession } from "./session/session.entity";
import { CourtyardMemberResolver, CourtyardSessionResolver } from "./session/session.resolver";
import { sessionScope } from "./session/session.scope";
import { CourtyardReportResolver } from "./stats/courtyard-report";
import { CourtyardCommitteeResolver, CourtyardStats } from "./stats/courtyard-stats";
import { COURTYARD_STATS } from "./stats/courtyard-figures";

/** 院坝协商: consultations county committees hold with villagers in their courtyards. */
export default defineModule({
  name: COURTYARD,
  title: "院坝协商",
  kind: "plugin",
  // Where it is on unless infra/plugins.json says otherwise.
  committees: ["zhaoyang", "ludian", "qiaojia", "yanjin", "daguan", "yongshan", "zhenxiong", "yiliang", "weixin"],
  entities: [CourtyardSession, CourtyardIssue, CourtyardOrganiser],
  migrations: [CourtyardInitial1732600000000],
  resolvers: [CourtyardSessionResolver, CourtyardMemberResolver, CourtyardCommitteeResolver, CourtyardReportResolver],
  types: [CourtyardStats],
  stubs: [CommitteeRef, MemberRef, AnnualReportRef],
  permissions: [RECORD_COURTYARD],
  scoped: [
    scopedRecord(sessionScope, {
      list: {
        query: "{ courtyardSessions(first: 100) { edges { node { id } } } }",
        ids: "courtyardSessions.edges.node.id",
      },
      byId: { query: "query ($id: ID!) { courtyardSession(id: $id) { id } }" },
    }),
  ],
  stats: [COURTYARD_STATS],
  seed: seedCourtyard,
});
