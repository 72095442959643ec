import { AnnualReportRef, CommitteeRef, defineModule, MemberRef, scopedRecord } from "@tongxin/sdk";
import { DutyActivity, DutyActivityParticipant } from "./activity/activity.entity";
import { activityReference, DutyActivityParticipantResolver, DutyActivityResolver } from "./activity/activity.resolver";
import { activityScope } from "./activity/activity.scope";
import { MemberActivitiesResolver } from "./member/activity-record";
import { ActivitiesInitial1733200000000 } from "./migrations/1733200000000-activities-initial";
import { MANAGE_ACTIVITIES, READ_ACTIVITIES } from "./permissions";
import { seedActivities } from "./seed/activities.seed";
import { ACTIVITY_STATS } from "./stats/activity-figures";
import { ActivityReportResolver, ActivityStats, CommitteeActivityStatsResolver } from "./stats/activity-stats";

/** 履职活动: research topics and trips, inspections, democratic appraisal, grassroots visits, publicity. */
export const activitiesModule = defineModule({
  name: "activities",
  title: "履职活动",
  kind: "core",
  entities: [DutyActivity, DutyActivityParticipant],
  migrations: [ActivitiesInitial1733200000000],
  resolvers: [
    DutyActivityResolver,
    DutyActivityParticipantResolver,
    CommitteeActivityStatsResolver,
    ActivityReportResolver,
    MemberActivitiesResolver,
  ],
  types: [ActivityStats],
  stubs: [CommitteeRef, MemberRef, AnnualReportRef],
  references: { DutyActivity: activityReference },
  permissions: [READ_ACTIVITIES, MANAGE_ACTIVITIES],
  scoped: [
    scopedRecord(activityScope, {
      typename: "DutyActivity",
      list: { query: "{ dutyActivities(first: 100) { edges { node { id } } } }", ids: "dutyActivities.edges.node.id" },
      byId: { query: "query ($id: ID!) { dutyActivity(id: $id) { id } }" },
      write: { query: 'mutation ($id: ID!) { updateDutyActivity(id: $id, version: 1, input: { ledBy: "-" }) { id } }' },
    }),
  ],
  stats: [ACTIVITY_STATS],
  seed: seedActivities,
});

export default activitiesModule;
export { ActivityKind, DutyActivity } from "./activity/activity.entity";
