import { defineSheet } from "@tongxin/sdk";
import { TrainingAttendance } from "../enrolment/enrolment.entity";

/**
 * 参训出勤: one row per session and member, like markAttendance but for a whole year's
 * sheets at once. 班次 is a drop-down of the committee's own sessions; the member is named
 * by 委员编号 (members of any committee may attend, 市县联动) or, left empty, by 姓名 among
 * the members seated on the committee on the session's first day.
 */
export const ATTENDANCE_SHEET = defineSheet({
  name: "参训出勤",
  nameEn: "training attendance",
  note: "每行为一名委员在本级政协一个培训班次的参训记录; 只有主办政协办公室 (STAFF) 可导入。",
  naturalKey: ["session", "memberId"],
  columns: [
    {
      key: "session",
      header: "班次",
      type: "enum",
      required: true,
      choicesFrom: "sessions",
      width: 40,
      note: "本级政协的培训班次, 写作 编号 名称 (或只写编号)",
    },
    { key: "memberId", header: "委员编号", type: "int", min: 1, note: "他级政协的委员须填写; 留空时按姓名在本级查找" },
    { key: "name", header: "姓名", type: "text", required: true, max: 64 },
    {
      key: "attendance",
      header: "出勤",
      type: "enum",
      choices: [
        { value: TrainingAttendance.ATTENDED, label: "参加" },
        { value: TrainingAttendance.ABSENT, label: "缺席" },
        { value: TrainingAttendance.EXCUSED, label: "请假" },
      ],
      note: "留空: 只报名 (已登记的出勤不变)",
    },
  ],
});
