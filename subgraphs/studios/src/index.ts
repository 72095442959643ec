import { AnnualReportRef, CommitteeRef, defineModule, MemberRef, scopedRecord } from "@tongxin/sdk";
import { StudioActivity, StudioActivityParticipant } from "./activity/activity.entity";
import { StudioActivityResolver } from "./activity/activity.resolver";
import { CommitteeStudioStatsResolver, StudioCoverageResolver } from "./coverage/coverage.resolver";
import { StudioReportResolver } from "./coverage/studio-report";
import { StudioStats } from "./coverage/studio-stats";
import { MemberStudiosResolver } from "./member/member-studios.resolver";
import { StudiosInitial1732600000000 } from "./migrations/1732600000000-studios-initial";
import { MANAGE_STUDIOS, READ_STUDIOS, RECORD_STUDIO_ACTIVITY } from "./permissions";
import { StudioRosterEntry } from "./roster/roster-entry.entity";
import { seedStudios } from "./seed/studios.seed";
import { Studio } from "./studio/studio.entity";
import { StudiosImportResolver } from "./import/studio-import.resolver";
import { StudioResolver, StudioRosterEntryResolver, studioReference } from "./studio/studio.resolver";
import { activityScope, studioScope } from "./studio/studio.scope";
import { STUDIO_STATS } from "./coverage/studio-figures";

/** 委员工作室: studios, their rosters (入室委员) and duty activities, and the coverage figures. */
export const studiosModule = defineModule({
  name: "studios",
  title: "委员工作室",
  kind: "core",
  entities: [Studio, StudioRosterEntry, StudioActivity, StudioActivityParticipant],
  migrations: [StudiosInitial1732600000000],
  resolvers: [
    StudioResolver,
    StudioRosterEntryResolver,
    StudioActivityResolver,
    CommitteeStudioStatsResolver,
    StudioCoverageResolver,
    MemberStudiosResolver,
    StudioReportResolver,
    StudiosImportResolver,
  ],
  types: [StudioStats],
  stubs: [CommitteeRef, MemberRef, AnnualReportRef],
  references: { Studio: studioReference },
  permissions: [READ_STUDIOS, MANAGE_STUDIOS, RECORD_STUDIO_ACTIVITY],
  scoped: [
    scopedRecord(studioScope, {
      typename: "Studio",
      list: { query: "{ studios(first: 100) { edges { node { id } } } }", ids: "studios.edges.node.id" },
      byId: { query: "query ($id: ID!) { studio(id: $id) { id } }" },
      write: { query: 'mutation ($id: ID!) { updateStudio(id: $id, version: 1, input: { address: "-" }) { id } }' },
    }),
    scopedRecord(activityScope, {
      list: {
        query: "{ studioActivities(first: 100) { edges { node { id } } } }",
        ids: "studioActivities.edges.node.id",
      },
      byId: { query: "query ($id: ID!) { studioActivity(id: $id) { id } }" },
      write: {
        query: 'mutation ($id: ID!) { updateStudioActivity(id: $id, version: 1, input: { title: "-" }) { id } }',
      },
    }),
  ],
  stats: [STUDIO_STATS],
  seed: seedStudios,
});

export default studiosModule;
export { Studio, StudioStatus } from "./studio/studio.entity";
export { StudioRosterEntry } from "./roster/roster-entry.entity";
export { StudioActivity, StudioActivityParticipant, StudioActivityType } from "./activity/activity.entity";
export { exportStudios, importStudios, studiosTemplate } from "./import/studio.import";
export { ACTIVITY_SHEET, ROSTER_SHEET as STUDIO_ROSTER_SHEET } from "./import/studio.sheets";
