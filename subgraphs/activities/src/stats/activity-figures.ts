import { defineFigures } from "@tongxin/sdk";

const grassroots = (what: string, en: string) =>
  `年内本级 (含下级时为各级) 登记的千名委员走基层活动的${what}之和 / the sum of ${en} over the grassroots-visit returns of the year`;
const ofKind = (zh: string, en: string) => `年内本级组织的${zh} / ${en} organised by the committee in the year`;

/**
 * The figures of `activityStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const ACTIVITY_STATS = defineFigures({
  field: "activityStats",
  title: "履职活动",
  titleEn: "Duty activities",
  period: "year",
  figures: {
    researchTopics: {
      title: "调研视察课题",
      titleEn: "Research and inspection topics",
      kind: "count",
      definition:
        "年内 (按确定日期) 本级确定的调研、视察课题 / research and inspection topics of the committee, dated in the year",
    },
    fieldTrips: {
      title: "深入调研视察",
      titleEn: "Field research trips",
      kind: "count",
      definition:
        "年内本级组织的深入调研、视察、考察次数 / research trips, inspections and study tours organised by the committee in the year",
    },
    grassrootsExperts: {
      title: "千名委员走基层: 联系专家",
      titleEn: "Grassroots visits: experts contacted",
      kind: "count",
      definition: grassroots("联系专家数", "experts contacted"),
    },
    grassrootsVisits: {
      title: "千名委员走基层: 深入基层",
      titleEn: "Grassroots visits: visits",
      kind: "count",
      definition: grassroots("深入基层人次", "visits"),
    },
    grassrootsPeopleServed: {
      title: "千名委员走基层: 服务群众",
      titleEn: "Grassroots visits: people served",
      kind: "count",
      definition: grassroots("服务群众人次", "people served"),
    },
    grassrootsMattersDone: {
      title: "千名委员走基层: 办理实事",
      titleEn: "Grassroots visits: practical matters done",
      kind: "count",
      definition: grassroots("为民办实事件数", "practical matters done"),
    },
    inspections: {
      title: "视察",
      titleEn: "Inspections",
      kind: "count",
      definition: ofKind("视察", "inspections"),
      dashboard: false,
    },
    researchReports: {
      title: "调研报告",
      titleEn: "Research reports",
      kind: "count",
      definition: "年内课题与调研视察中登记了报告的 / the year's topics and trips with a report on record",
      dashboard: false,
    },
    democraticAppraisals: {
      title: "民主评议",
      titleEn: "Democratic appraisals",
      kind: "count",
      definition: ofKind("民主评议", "democratic appraisals"),
      dashboard: false,
    },
    grassrootsActivities: {
      title: "走基层活动",
      titleEn: "Grassroots-visit returns",
      kind: "count",
      definition: "年内登记的千名委员走基层活动 / grassroots-visit returns of the year",
      dashboard: false,
    },
    publicityPieces: {
      title: "宣传",
      titleEn: "Publicity",
      kind: "count",
      definition: ofKind("宣传活动", "publicity pieces"),
      dashboard: false,
    },
    participations: {
      title: "参加人次",
      titleEn: "Participations",
      kind: "count",
      definition: "年内活动的参加委员人次 / participant rows of the year's activities",
      dashboard: false,
    },
  },
});
