import { defineSheet } from "@tongxin/sdk";
import { StudioActivityType } from "../activity/activity.entity";

/**
 * The studios workbook has two sheets, each optional in an upload: 入室名单 (one row per
 * stay of a member on a studio's roster) and 履职活动 (one row per activity). 工作室 is a
 * drop-down of the committee's own studios.
 */
export const ROSTER_SHEET = defineSheet({
  name: "入室名单",
  nameEn: "studio rosters",
  note: "每行为一名委员在本级一个工作室的一次在室; 只有本级政协办公室 (STAFF) 可导入。",
  naturalKey: ["studio", "memberId", "joinedOn"],
  columns: [
    { key: "studio", header: "工作室", type: "enum", required: true, choicesFrom: "studios", width: 36 },
    { key: "memberId", header: "委员编号", type: "int", required: true, min: 1 },
    { key: "name", header: "姓名", type: "text", required: true, max: 64, note: "与委员编号核对" },
    { key: "joinedOn", header: "入室日期", type: "date", required: true },
    { key: "leftOn", header: "离室日期", type: "date", note: "仍在室留空" },
  ],
});

export const ACTIVITY_TYPE_CHOICES = [
  { value: StudioActivityType.STUDY, label: "学习" },
  { value: StudioActivityType.MICRO_CONSULTATION, label: "微协商" },
  { value: StudioActivityType.INSPECTION, label: "视察" },
  { value: StudioActivityType.PUBLIC_SERVICE, label: "服务群众" },
  { value: StudioActivityType.RESEARCH, label: "调研" },
];

export const ACTIVITY_SHEET = defineSheet({
  name: "履职活动",
  nameEn: "studio activities",
  note: "每行为本级一个工作室的一次履职活动; 只有本级政协办公室 (STAFF) 可导入。活动编号留空时按工作室+日期+名称识别。",
  naturalKey: ["studio", "heldOn", "title"],
  columns: [
    {
      key: "activityId",
      header: "活动编号",
      type: "int",
      min: 1,
      note: "导出时填写; 新活动留空 (按工作室+日期+名称识别)",
    },
    { key: "studio", header: "工作室", type: "enum", required: true, choicesFrom: "studios", width: 36 },
    { key: "heldOn", header: "活动日期", type: "date", required: true },
    { key: "type", header: "活动类型", type: "enum", required: true, choices: ACTIVITY_TYPE_CHOICES },
    { key: "title", header: "活动名称", type: "text", required: true, max: 200, width: 40 },
    { key: "peopleServed", header: "服务群众人次", type: "int", min: 0, max: 1_000_000 },
    { key: "opinionReports", header: "社情民意信息篇数", type: "int", min: 0, max: 1000 },
    {
      key: "participants",
      header: "参加委员编号",
      type: "text",
      required: true,
      max: 4000,
      width: 30,
      note: "委员编号, 以顿号或逗号分隔, 如 12、35、41",
    },
    { key: "notes", header: "备注", type: "text", max: 2000 },
  ],
});
