import { defineSheet, type EnumChoice } from "@tongxin/sdk";
import { Gender } from "../member/member.entity";
import { MembershipEndReason, Position } from "../membership/membership.entity";

export const GENDER_CHOICES: EnumChoice[] = [
  { value: Gender.MALE, label: "男" },
  { value: Gender.FEMALE, label: "女" },
];

export const POSITION_CHOICES: EnumChoice[] = [
  { value: Position.CHAIR, label: "主席" },
  { value: Position.VICE_CHAIR, label: "副主席" },
  { value: Position.SECRETARY_GENERAL, label: "秘书长" },
  { value: Position.STANDING_MEMBER, label: "常委" },
  { value: Position.MEMBER, label: "委员" },
];

export const END_REASON_CHOICES: EnumChoice[] = [
  { value: MembershipEndReason.TERM_ENDED, label: "届满" },
  { value: MembershipEndReason.RESIGNED, label: "辞职" },
  { value: MembershipEndReason.REVOKED, label: "撤销委员资格" },
  { value: MembershipEndReason.TRANSFERRED, label: "调离" },
  { value: MembershipEndReason.DECEASED, label: "去世" },
];

/**
 * 委员名册: one row per person and term on the importing committee (the seat), with the
 * person's profile. The person is found, in this order, by 编号 (a member already on this
 * committee's register, as an export writes it), by 身份证号, or by 姓名 + 出生日期; a
 * person another committee registered gets a seat here without being copied.
 */
export const ROSTER_SHEET = defineSheet({
  name: "委员名册",
  nameEn: "members roster",
  note: "每行为一位委员在本级政协一届的任职; 只有本级政协办公室 (STAFF) 可导入。",
  naturalKey: ["idCard", "name", "birthDate", "term"],
  columns: [
    { key: "memberId", header: "编号", type: "int", min: 1, note: "导出时填写; 新委员留空", width: 8 },
    { key: "name", header: "姓名", type: "text", required: true, max: 64 },
    { key: "gender", header: "性别", type: "enum", required: true, choices: GENDER_CHOICES },
    { key: "ethnicity", header: "民族", type: "text", required: true, max: 16, note: "如 汉族、彝族" },
    {
      key: "idCard",
      header: "身份证号",
      type: "text",
      max: 18,
      width: 22,
      note: "只保存其密钥散列, 导出时为空 (留空表示不变); 无身份证号时须填出生日期",
    },
    { key: "birthDate", header: "出生日期", type: "date", note: "留空表示不变; 有身份证号时可省略" },
    { key: "party", header: "党派", type: "enum", choicesFrom: "parties", note: "留空为群众或未登记" },
    { key: "sector", header: "界别", type: "enum", required: true, choicesFrom: "sectors" },
    { key: "workplace", header: "工作单位", type: "text", max: 200, width: 30 },
    { key: "jobTitle", header: "职务职称", type: "text", max: 100, width: 20 },
    { key: "term", header: "届次", type: "int", required: true, min: 1, max: 99, width: 6 },
    { key: "position", header: "职务", type: "enum", required: true, choices: POSITION_CHOICES },
    { key: "startedOn", header: "任职开始", type: "date", required: true },
    { key: "endedOn", header: "任职结束", type: "date", note: "在任留空" },
    { key: "endReason", header: "结束原因", type: "enum", choices: END_REASON_CHOICES, note: "填写任职结束时必填" },
    { key: "commitmentSignedOn", header: "承诺书签订日期", type: "date", note: "履职尽责承诺书; 留空表示不变" },
  ],
});
