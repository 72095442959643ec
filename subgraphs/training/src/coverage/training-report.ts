import { AnnualReportRef, reportSection, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { TrainingKind } from "../session/session.entity";
import { TRAINING_FIGURES, trainingStats } from "./training-stats";

const STAT = { field: "trainingStats", title: "履职学习培训", titleEn: "Training", period: "term-or-year" as const, figures: TRAINING_FIGURES };

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
    return reportSection(
      { name: "training", title: "履职学习培训", titleEn: "Training" },
      STAT,
      stats as unknown as Record<string, unknown>,
      [{ key: "sessions", reportKey: "trainingSessions" }, { key: "trainees" }, { key: "attendances" }, { key: "coverage", reportKey: "trainingCoverage" }],
      [
        {
          key: "externalTrainees",
          title: "送出去培训 (高校等) 人数",
          titleEn: "Trainees sent to universities",
          kind: "count",
          definition: "年内本级主办的“送出去”(EXTERNAL) 班次的不重复参训委员 / distinct attendees of the year's EXTERNAL sessions",
          value: external?.trainees ?? 0,
          source: "trainingStats(year).byKind[EXTERNAL].trainees",
        },
        {
          key: "invitedExpertSessions",
          title: "请进来 (邀请专家) 班次",
          titleEn: "Invited-expert sessions",
          kind: "count",
          definition: "年内本级主办的“请进来”(INVITED_EXPERT) 班次数 / the year's INVITED_EXPERT sessions",
          value: experts?.sessions ?? 0,
          source: "trainingStats(year).byKind[INVITED_EXPERT].sessions",
        },
        {
          key: "invitedExpertTrainees",
          title: "请进来培训委员",
          titleEn: "Members trained by invited experts",
          kind: "count",
          definition: "这些班次的不重复参训委员 / distinct attendees of those sessions",
          value: experts?.trainees ?? 0,
          source: "trainingStats(year).byKind[INVITED_EXPERT].trainees",
        },
      ],
    );
  }
}
