import { defineFigures } from "@tongxin/sdk";

/**
 * The figures of `chishuiStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const CHISHUI_STATS = defineFigures({
  field: "chishuiStats",
  title: "赤水河流域保护监督",
  titleEn: "Chishui basin supervision",
  period: "year",
  figures: {
    sectionsMeetingTarget: {
      title: "达标断面",
      titleEn: "Sections meeting target",
      kind: "count",
      definition:
        "年内有监测且年均水质类别(Ⅰ=1…Ⅴ=5)不劣于目标类别的断面数 / sections whose mean class in the year is at or better than their target",
    },
    shareClassIIOrBetter: {
      title: "Ⅱ类及以上占比",
      titleEn: "Share at class II or better",
      kind: "rate",
      definition: "年内Ⅰ、Ⅱ类监测次数 / 监测次数 / readings at class I or II over all readings in the year",
    },
    problemsOpen: {
      title: "未销号问题",
      titleEn: "Problems open",
      kind: "count",
      definition: "年内发现、尚未整改销号的问题 / problems found in the year not yet closed",
    },
    problemsClosed: {
      title: "已销号问题",
      titleEn: "Problems closed",
      kind: "count",
      definition: "年内发现、已整改销号的问题 / problems found in the year and closed",
    },
    sections: {
      title: "监测断面",
      titleEn: "Monitored sections",
      kind: "count",
      definition: "监测断面数 / monitored sections",
      dashboard: false,
    },
    readings: {
      title: "监测次数",
      titleEn: "Readings",
      kind: "count",
      definition: "年内监测次数 / readings taken in the year",
      dashboard: false,
    },
    readingsClassIIOrBetter: {
      title: "Ⅱ类及以上次数",
      titleEn: "Readings at class II or better",
      kind: "count",
      definition: "其中Ⅱ类及以上(Ⅰ、Ⅱ类)的次数 / of those, readings at class I or II",
      dashboard: false,
    },
    inspections: {
      title: "监督视察",
      titleEn: "Inspections",
      kind: "count",
      definition: "年内监督视察次数 / inspections held in the year",
      dashboard: false,
    },
    jointInspections: {
      title: "联合视察",
      titleEn: "Joint inspections",
      kind: "count",
      definition: "其中与其他政协联合视察的次数 / of those, held jointly with other committees",
      dashboard: false,
    },
    problemsFound: {
      title: "发现问题",
      titleEn: "Problems found",
      kind: "count",
      definition: "年内发现的问题 / problems found in the year",
      dashboard: false,
    },
    committees: {
      title: "计入统计的政协",
      titleEn: "Committees counted",
      kind: "count",
      definition: "计入统计的(已启用本模块的)政协数 / committees counted (those where the module is enabled)",
      dashboard: false,
    },
  },
});
