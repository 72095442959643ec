import { AnnualReportRef, CommitteeRef, defineModule, MemberRef, scopedRecord } from "@tongxin/sdk";
import { CommitteeTrainingStatsResolver, TrainingCoverageResolver } from "./coverage/coverage.resolver";
import { TrainingReportResolver } from "./coverage/training-report";
import { TrainingStats } from "./coverage/training-stats";
import { TrainingEnrolment } from "./enrolment/enrolment.entity";
import { MemberTrainingResolver } from "./member/member-training.resolver";
import { TrainingInitial1732700000000 } from "./migrations/1732700000000-training-initial";
import { MANAGE_TRAINING, READ_TRAINING } from "./permissions";
import { seedTraining } from "./seed/training.seed";
import { TrainingSession } from "./session/session.entity";
import { TrainingImportResolver } from "./import/attendance.resolver";
import { TrainingEnrolmentResolver, TrainingSessionResolver, sessionReference } from "./session/session.resolver";
import { sessionScope } from "./session/session.scope";
import { TRAINING_STATS } from "./coverage/training-figures";

/** 履职学习培训: sessions of every kind, enrolment and attendance, and the coverage of a term. */
export const trainingModule = defineModule({
  name: "training",
  title: "履职学习培训",
  kind: "core",
  entities: [TrainingSession, TrainingEnrolment],
  migrations: [TrainingInitial1732700000000],
  resolvers: [
    TrainingSessionResolver,
    TrainingEnrolmentResolver,
    CommitteeTrainingStatsResolver,
    TrainingCoverageResolver,
    MemberTrainingResolver,
    TrainingReportResolver,
    TrainingImportResolver,
  ],
  types: [TrainingStats],
  stubs: [CommitteeRef, MemberRef, AnnualReportRef],
  references: { TrainingSession: sessionReference },
  permissions: [READ_TRAINING, MANAGE_TRAINING],
  scoped: [
    scopedRecord(sessionScope, {
      typename: "TrainingSession",
      list: {
        query: "{ trainingSessions(first: 100) { edges { node { id } } } }",
        ids: "trainingSessions.edges.node.id",
      },
      byId: { query: "query ($id: ID!) { trainingSession(id: $id) { id } }" },
      write: { query: "mutation ($id: ID!) { deleteTrainingSession(id: $id, version: 1) }" },
    }),
  ],
  stats: [TRAINING_STATS],
  seed: seedTraining,
});

export default trainingModule;
export { TrainingKind, TrainingSession } from "./session/session.entity";
export { TrainingAttendance, TrainingEnrolment } from "./enrolment/enrolment.entity";
export {
  importTrainingAttendance,
  exportTrainingAttendance,
  trainingAttendanceTemplate,
} from "./import/attendance.import";
export { ATTENDANCE_SHEET } from "./import/attendance.sheet";
