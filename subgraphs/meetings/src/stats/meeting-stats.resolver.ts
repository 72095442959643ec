import { AnnualReportRef, CommitteeRef, reportSection, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { MeetingKind } from "../meeting/meeting.entity";
import { MEETING_STAT, MeetingStats, meetingStats } from "./meeting-stats";

@Resolver(() => CommitteeRef)
export class CommitteeMeetingStatsResolver {
  @FieldResolver(() => MeetingStats, {
    nullable: true,
    description: "会议与出勤统计 (年度) / meeting figures of a year",
  })
  meetingStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, { nullable: true, defaultValue: false })
    includeDescendants?: boolean | null,
  ): Promise<MeetingStats> {
    return meetingStats(ctx, c.code, { year, includeDescendants });
  }
}

/** The report's meeting figures for the year, from meetingStats(year) and its byKind breakdown. */
@Resolver(() => AnnualReportRef)
export class MeetingReportResolver {
  @FieldResolver(() => ReportSection, { nullable: true, description: "会议与出勤 (本级组织, 当年)" })
  async meetings(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await meetingStats(ctx, r.committee, { year: r.year });
    const kind = (k: MeetingKind) => stats.byKind.find((b) => b.kind === k)?.meetings ?? 0;
    return reportSection(
      { name: "meetings", title: MEETING_STAT.title, titleEn: MEETING_STAT.titleEn },
      MEETING_STAT,
      stats as unknown as Record<string, unknown>,
      [{ key: "meetings" }, { key: "attendanceRate" }, { key: "absencesWithoutLeave" }, { key: "speeches" }],
      [
        {
          key: "standingCommitteeMeetings",
          title: "常委会议",
          titleEn: "Standing-committee meetings",
          kind: "count",
          definition: "年内本级常务委员会会议 / standing-committee meetings of the year",
          value: kind(MeetingKind.STANDING),
          source: "meetingStats(year).byKind[STANDING].meetings",
        },
        {
          key: "chairMeetings",
          title: "主席会议",
          titleEn: "Chair meetings",
          kind: "count",
          definition: "年内本级主席会议 / chair meetings of the year",
          value: kind(MeetingKind.CHAIR),
          source: "meetingStats(year).byKind[CHAIR].meetings",
        },
        {
          key: "consultationMeetings",
          title: "协商会议",
          titleEn: "Consultation meetings",
          kind: "count",
          definition: "年内本级组织的专题协商、对口协商等会议 / consultation meetings of the year",
          value: kind(MeetingKind.CONSULTATION),
          source: "meetingStats(year).byKind[CONSULTATION].meetings",
        },
      ],
    );
  }
}
