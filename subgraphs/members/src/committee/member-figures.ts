import { defineFigures } from "@tongxin/sdk";

/**
 * The figures of `memberStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const MEMBER_STATS = defineFigures({
  field: "memberStats",
  title: "委员",
  titleEn: "Members",
  period: "year",
  figures: {
    activeMembers: {
      title: "在任委员",
      titleEn: "Active members",
      kind: "count",
      definition:
        "当前(或年末)在该政协任职且状态为在任的委员人数 / members whose seat on the committee is current and ACTIVE",
    },
    commitmentsSigned: {
      title: "签订履职尽责承诺书",
      titleEn: "Duty letters signed",
      kind: "count",
      definition: "已签订履职尽责承诺书的在任委员 / active members with a signed duty letter",
    },
    revoked: {
      title: "撤销委员资格",
      titleEn: "Seats revoked",
      kind: "count",
      definition: "当年被撤销委员资格的人数 / members whose seat was revoked in the year",
    },
    female: {
      title: "女委员",
      titleEn: "Female members",
      kind: "count",
      definition: "在任女委员人数 / active female members",
      dashboard: false,
    },
    ethnicMinorities: {
      title: "少数民族委员",
      titleEn: "Ethnic-minority members",
      kind: "count",
      definition: "在任少数民族委员人数 / active members of an ethnic minority",
      dashboard: false,
    },
  },
});
