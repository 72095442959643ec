import { AnnualReportRef, CommitteeRef, defineModule, MemberRef } from "@tongxin/sdk";
import { CommitteeTrainingStatsResolver, TrainingCoverageResolver } from "./coverage/coverage.resolver";
import { TrainingReportResolver } from "./coverage/training-report";
import { TRAINING_FIGURES, TrainingStats } from "./coverage/training-stats";
import { TrainingEnrolment } from "./enrolment/enrolment.entity";
import { MemberTrainingResolver } from "./member/member-training.resolver";
import { TrainingInitial1732700000000 } from "./migrations/1732700000000-training-initial";
import { MANAGE_TRAINING, READ_TRAINING } from "./permissions";
import { seedTraining } from "./seed/training.seed";
import { TrainingSession } from "./session/session.entity";
import { TrainingImportResolver } from "./import/attendance.resolver";
import { TrainingEnrolmentResolver, TrainingSessionResolver, sessionReference } from "./session/session.resolver";

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
  stats: [
    {
      field: "trainingStats",
      title: "履职学习培训",
      titleEn: "Training",
      period: "term-or-year",
      figures: TRAINING_FIGURES,
    },
  ],
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
