import { defineFigures } from "@tongxin/sdk";

/**
 * The figures of `meetingStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const MEETING_STATS = defineFigures({
  field: "meetingStats",
  title: "会议与出勤",
  titleEn: "Meetings and attendance",
  period: "year",
  figures: {
    meetings: {
      title: "召开会议",
      titleEn: "Meetings held",
      kind: "count",
      definition: "年内 (按开始日期) 本级组织的各类会议 / meetings of the committee dated in the year",
    },
    attendanceRate: {
      title: "出席率",
      titleEn: "Attendance rate",
      kind: "rate",
      definition:
        "这些会议上出席或迟到的人次 / 应到人次, 无应到时为 null / present or late / members expected, over the committee's meetings in the year; null when nobody was expected",
    },
    absencesWithoutLeave: {
      title: "未请假缺席",
      titleEn: "Absences without leave",
      kind: "count",
      definition: "应到而既未出席、也无获批请假的人次 / expected members neither present nor on approved leave",
    },
    speeches: {
      title: "会议发言",
      titleEn: "Speeches",
      kind: "count",
      definition:
        "年内本级会议上的发言, 书面或口头 / speeches made at the committee's meetings in the year, written or oral",
    },
    expected: {
      title: "应到人次",
      titleEn: "Members expected",
      kind: "count",
      definition: "这些会议应到名单的行数 / roll lines of those meetings (members expected, counted per meeting)",
      dashboard: false,
    },
    attended: {
      title: "出席人次",
      titleEn: "Attendances",
      kind: "count",
      definition: "其中出席或迟到 / of those, present or late",
      dashboard: false,
    },
    onLeave: {
      title: "请假人次",
      titleEn: "On approved leave",
      kind: "count",
      definition: "其中请假已获批准 / of those, on approved leave",
      dashboard: false,
    },
    unmarked: {
      title: "尚未登记",
      titleEn: "Not marked yet",
      kind: "count",
      definition: "其中尚未登记出席情况 / of those, not marked yet",
      dashboard: false,
    },
    standingCommitteeMeetings: {
      title: "常委会议",
      titleEn: "Standing-committee meetings",
      kind: "count",
      definition: "年内本级常务委员会会议 / standing-committee meetings of the year",
      dashboard: false,
    },
    chairMeetings: {
      title: "主席会议",
      titleEn: "Chair meetings",
      kind: "count",
      definition: "年内本级主席会议 / chair meetings of the year",
      dashboard: false,
    },
    consultationMeetings: {
      title: "协商会议",
      titleEn: "Consultation meetings",
      kind: "count",
      definition: "年内本级组织的专题协商、对口协商等会议 / consultation meetings of the year",
      dashboard: false,
    },
  },
});
