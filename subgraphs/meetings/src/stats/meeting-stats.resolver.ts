import { AnnualReportRef, CommitteeRef, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { MeetingKind } from "../meeting/meeting.entity";
import { MEETING_STATS } from "./meeting-figures";
import { MeetingStats, meetingStats } from "./meeting-stats";

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
    const values = {
      ...stats,
      standingCommitteeMeetings: kind(MeetingKind.STANDING),
      chairMeetings: kind(MeetingKind.CHAIR),
      consultationMeetings: kind(MeetingKind.CONSULTATION),
    };
    const byKind = (k: MeetingKind) => `meetingStats(year).byKind[${k}].meetings`;
    return MEETING_STATS.report(
      { name: "meetings", title: MEETING_STATS.title, titleEn: MEETING_STATS.titleEn },
      values,
      [
        "meetings",
        "attendanceRate",
        "absencesWithoutLeave",
        "speeches",
        { key: "standingCommitteeMeetings", source: byKind(MeetingKind.STANDING) },
        { key: "chairMeetings", source: byKind(MeetingKind.CHAIR) },
        { key: "consultationMeetings", source: byKind(MeetingKind.CONSULTATION) },
      ],
    );
  }
}
