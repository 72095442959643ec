import { defineFigures } from "@tongxin/sdk";

/**
 * The figures of `trainingStats`, written once: the field descriptions, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const TRAINING_STATS = defineFigures({
  field: "trainingStats",
  title: "履职学习培训",
  titleEn: "Training",
  period: "term-or-year",
  figures: {
    sessions: {
      title: "培训班次",
      titleEn: "Training sessions",
      kind: "count",
      definition: "本级在期间内主办 (开始) 的班次 / sessions organised by the committee in the period",
    },
    trainees: {
      title: "参训委员",
      titleEn: "Trainees",
      kind: "count",
      definition:
        "参加过其中至少一个班次的不重复委员 (不论所属政协) / distinct members (of any committee) who attended at least one of those sessions",
    },
    attendances: {
      title: "参训人次",
      titleEn: "Attendances",
      kind: "count",
      definition: "这些班次的“参加”记录数 / ATTENDED records at those sessions",
    },
    coverage: {
      title: "培训覆盖率",
      titleEn: "Training coverage",
      kind: "rate",
      definition:
        "期间内参加过任一政协所办班次的在任委员 / 在任委员 (期末或今天) / distinct active members who attended at least one session, organised by any committee, in the period / active members",
    },
    activeMembers: {
      title: "在任委员",
      titleEn: "Active members",
      kind: "count",
      definition: "覆盖率的分母: 在任委员数 / the coverage denominator: active members",
      dashboard: false,
    },
    activeMembersTrained: {
      title: "受训在任委员",
      titleEn: "Active members trained",
      kind: "count",
      definition: "覆盖率的分子: 期间内受过培训的在任委员数 / the coverage numerator: active members trained in the period",
      dashboard: false,
    },
    externalTrainees: {
      title: "送出去培训 (高校等) 人数",
      titleEn: "Trainees sent to universities",
      kind: "count",
      definition: "年内本级主办的“送出去”(EXTERNAL) 班次的不重复参训委员 / distinct attendees of the year's EXTERNAL sessions",
      dashboard: false,
    },
    invitedExpertSessions: {
      title: "请进来 (邀请专家) 班次",
      titleEn: "Invited-expert sessions",
      kind: "count",
      definition: "年内本级主办的“请进来”(INVITED_EXPERT) 班次数 / the year's INVITED_EXPERT sessions",
      dashboard: false,
    },
    invitedExpertTrainees: {
      title: "请进来培训委员",
      titleEn: "Members trained by invited experts",
      kind: "count",
      definition: "这些班次的不重复参训委员 / distinct attendees of those sessions",
      dashboard: false,
    },
  },
});
