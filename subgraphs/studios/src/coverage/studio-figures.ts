import { defineFigures } from "@tongxin/sdk";

/**
 * The figures of `studioStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const STUDIO_STATS = defineFigures({
  field: "studioStats",
  title: "委员工作室",
  titleEn: "Studios",
  period: "year",
  figures: {
    studios: {
      title: "委员工作室",
      titleEn: "Studios",
      kind: "count",
      definition: "年末仍在运行的本级工作室数 / the committee's studios open at the end of the year",
    },
    newStudios: {
      title: "新建委员工作室",
      titleEn: "New studios",
      kind: "count",
      definition: "成立日期在当年的本级工作室数 / studios established in the year",
    },
    studioMembers: {
      title: "入室委员",
      titleEn: "Studio members",
      kind: "count",
      definition:
        "年末在本级任一工作室名单上的不重复委员数 / distinct members on a roster of the committee's studios at the end of the year",
    },
    newStudioMembers: {
      title: "新增入室委员",
      titleEn: "New studio members",
      kind: "count",
      definition:
        "入室委员中, 首次入本级工作室的日期在当年者 / of those, members whose first roster join date falls in the year",
    },
    activities: {
      title: "工作室履职活动",
      titleEn: "Studio activities",
      kind: "count",
      definition: "本级工作室当年的履职活动次数 / activities of the committee's studios dated in the year",
    },
    coverage: {
      title: "委员入室率",
      titleEn: "Studio coverage",
      kind: "rate",
      definition:
        "年末在任委员中在任一工作室名单上者 / 年末在任委员 / distinct active members on at least one studio roster / active members",
    },
    sectorCoverage: {
      title: "界别覆盖率",
      titleEn: "Sector coverage",
      kind: "rate",
      definition:
        "有在任委员入室的界别 / 有在任委员的界别 / sectors with at least one member in a studio / sectors with active members",
    },
    activeMembers: {
      title: "在任委员",
      titleEn: "Active members",
      kind: "count",
      definition: "覆盖率的分母: 年末在任委员数 / the coverage denominator: active members at the end of the year",
      dashboard: false,
    },
    activeMembersInStudios: {
      title: "入室在任委员",
      titleEn: "Active members in studios",
      kind: "count",
      definition: "覆盖率的分子: 年末在室的在任委员数 / the coverage numerator: active members on a studio roster at the end of the year",
      dashboard: false,
    },
    sectors: {
      title: "有在任委员的界别",
      titleEn: "Sectors with active members",
      kind: "count",
      definition: "界别覆盖率的分母: 有在任委员的界别数 / the sector-coverage denominator",
      dashboard: false,
    },
    sectorsInStudios: {
      title: "有委员入室的界别",
      titleEn: "Sectors in studios",
      kind: "count",
      definition: "界别覆盖率的分子: 有委员入室的界别数 / the sector-coverage numerator",
      dashboard: false,
    },
  },
});
