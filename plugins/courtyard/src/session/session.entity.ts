import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** The themes county committees report on (source report: 162 on 普法强基, 57 on others in 2023). */
export enum CourtyardTheme {
  PUFA_QIANGJI = "PUFA_QIANGJI",
  YIFENG_YISU = "YIFENG_YISU",
  LVMEI_XIANGCUN = "LVMEI_XIANGCUN",
  FURUO_JIKUN = "FURUO_JIKUN",
  FUMIN_QIANGSHI = "FUMIN_QIANGSHI",
  OTHER = "OTHER",
}
registerEnumType(CourtyardTheme, {
  name: "CourtyardTheme",
  description: "院坝协商主题",
  valuesConfig: {
    PUFA_QIANGJI: { description: "普法强基" },
    YIFENG_YISU: { description: "移风易俗" },
    LVMEI_XIANGCUN: { description: "绿美乡村" },
    FURUO_JIKUN: { description: "扶弱济困" },
    FUMIN_QIANGSHI: { description: "富民强市" },
    OTHER: { description: "其他" },
  },
});
export const THEME_TITLES: Record<CourtyardTheme, string> = {
  PUFA_QIANGJI: "普法强基",
  YIFENG_YISU: "移风易俗",
  LVMEI_XIANGCUN: "绿美乡村",
  FURUO_JIKUN: "扶弱济困",
  FUMIN_QIANGSHI: "富民强市",
  OTHER: "其他",
};

export enum CourtyardIssueStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  RESOLVED = "RESOLVED",
}
registerEnumType(CourtyardIssueStatus, {
  name: "CourtyardIssueStatus",
  description: "群众所提问题的跟踪状态",
  valuesConfig: {
    OPEN: { description: "待办理" },
    IN_PROGRESS: { description: "办理中" },
    RESOLVED: { description: "已解决" },
  },
});

/** 院坝协商: a consultation held in a village courtyard, organised by committee members. */
@ObjectType({ description: "院坝协商会 / a courtyard consultation" })
@Entity("courtyard_session")
export class CourtyardSession {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "组织的县级政协" })
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field({ description: "日期 YYYY-MM-DD" })
  @Column({ name: "held_on", type: "date" })
  heldOn: string;

  @Field({ description: "乡镇(街道)" })
  @Column({ type: "varchar", length: 50 })
  township: string;

  @Field({ description: "村(社区)" })
  @Column({ type: "varchar", length: 50 })
  village: string;

  @Field(() => CourtyardTheme)
  @Column({ type: "varchar", length: 20 })
  theme: CourtyardTheme;

  @Field({ description: "协商议题" })
  @Column({ type: "varchar", length: 100 })
  topic: string;

  @Field(() => Int, { description: "参加群众人数" })
  @Column({ type: "int" })
  participants: number;

  @Field({ description: "协商成果" })
  @Column({ type: "varchar", length: 2000, default: "" })
  outcome: string;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}

/** A matter raised by villagers, followed until it is resolved. */
@ObjectType({ description: "群众在院坝协商中提出的问题 / an issue raised, with its follow-up" })
@Entity("courtyard_issue")
export class CourtyardIssue {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "session_id", type: "integer" })
  sessionId: number;

  @Field()
  @Column({ type: "varchar", length: 500 })
  description: string;

  @Field(() => CourtyardIssueStatus)
  @Column({ type: "varchar", length: 16 })
  status: CourtyardIssueStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: "resolved_on", type: "date", nullable: true })
  resolvedOn: string | null;

  @Field(() => String, { nullable: true, description: "跟踪说明" })
  @Column({ type: "varchar", length: 500, nullable: true })
  note: string | null;
}

/** Members who organised a session (a session has at least one). */
@Entity("courtyard_organiser")
export class CourtyardOrganiser {
  @PrimaryColumn({ name: "session_id", type: "integer" })
  sessionId: number;

  @PrimaryColumn({ name: "member_id", type: "integer" })
  memberId: number;
}
