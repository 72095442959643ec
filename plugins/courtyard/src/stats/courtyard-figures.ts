import { defineFigures } from "@tongxin/sdk";

/**
 * The figures of `courtyardStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const COURTYARD_STATS = defineFigures({
  field: "courtyardStats",
  title: "院坝协商",
  titleEn: "Courtyard consultations",
  period: "year",
  figures: {
    sessions: {
      title: "院坝协商",
      titleEn: "Courtyard consultations",
      kind: "count",
      definition: "年内举行的院坝协商次数 / consultations held in the year",
    },
    participants: {
      title: "参加群众",
      titleEn: "Participants",
      kind: "count",
      definition: "年内院坝协商参加群众人次 / people taking part in the year's consultations",
    },
    issuesRaised: {
      title: "群众所提问题",
      titleEn: "Issues raised",
      kind: "count",
      definition: "年内协商中群众提出的问题数 / issues raised at the year's consultations",
    },
    issuesResolved: {
      title: "已解决问题",
      titleEn: "Issues resolved",
      kind: "count",
      definition: "年内提出且现已解决的问题数 / of those, issues now resolved",
    },
    committees: {
      title: "计入统计的政协",
      titleEn: "Committees counted",
      kind: "count",
      definition: "计入统计的(已启用本模块的)政协数 / committees counted (those where the module is enabled)",
      dashboard: false,
    },
    courtyardSessionsPufa: {
      title: "院坝协商: 普法强基",
      titleEn: "Courtyard consultations on 普法强基",
      kind: "count",
      definition:
        "年内主题为普法强基的院坝协商次数, 含下级政协 / consultations on 普法强基 in the year, including committees below",
      dashboard: false,
    },
    courtyardSessionsOtherThemes: {
      title: "院坝协商: 其他主题",
      titleEn: "Courtyard consultations on other themes",
      kind: "count",
      definition:
        "年内其他主题的院坝协商次数, 含下级政协 / consultations on the other themes, including committees below",
      dashboard: false,
    },
  },
});
