import { AnnualReportRef, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { TrainingKind } from "../session/session.entity";
import { TRAINING_STATS } from "./training-figures";
import { trainingStats } from "./training-stats";

/**
 * The report's training figures for the year: totals from trainingStats(year), and the
 * two lines the report prints by kind ("271 sent to universities", "2 invited experts
 * trained 130 members"), from the same figures' byKind breakdown.
 */
@Resolver(() => AnnualReportRef)
export class TrainingReportResolver {
  @FieldResolver(() => ReportSection, { nullable: true, description: "履职学习培训 (本级主办, 当年)" })
  async training(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await trainingStats(ctx, r.committee, { year: r.year });
    const kind = (k: TrainingKind) => stats.byKind.find((b) => b.kind === k);
    const external = kind(TrainingKind.EXTERNAL);
    const experts = kind(TrainingKind.INVITED_EXPERT);
    const values = {
      ...stats,
      externalTrainees: external?.trainees ?? 0,
      invitedExpertSessions: experts?.sessions ?? 0,
      invitedExpertTrainees: experts?.trainees ?? 0,
    };
    const byKind = (kind: TrainingKind, figure: string) => `trainingStats(year).byKind[${kind}].${figure}`;
    return TRAINING_STATS.report({ name: "training", title: "履职学习培训", titleEn: "Training" }, values, [
      { key: "sessions", reportKey: "trainingSessions" },
      "trainees",
      "attendances",
      { key: "coverage", reportKey: "trainingCoverage" },
      { key: "externalTrainees", source: byKind(TrainingKind.EXTERNAL, "trainees") },
      { key: "invitedExpertSessions", source: byKind(TrainingKind.INVITED_EXPERT, "sessions") },
      { key: "invitedExpertTrainees", source: byKind(TrainingKind.INVITED_EXPERT, "trainees") },
    ]);
  }
}
