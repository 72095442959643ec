import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** The states of DOMAIN.md's workflow diagram. */
export enum ProposalStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  FILED = "FILED",
  NOT_FILED = "NOT_FILED",
  MERGED = "MERGED",
  ASSIGNED = "ASSIGNED",
  REPLIED = "REPLIED",
  CLOSED = "CLOSED",
}
registerEnumType(ProposalStatus, {
  name: "ProposalStatus",
  description: "提案状态 / where a proposal stands in the workflow",
  valuesConfig: {
    DRAFT: { description: "草稿 (仅领衔人和受邀联名人可见)" },
    SUBMITTED: { description: "已提交, 待审查" },
    FILED: { description: "立案, 待交办" },
    NOT_FILED: { description: "不予立案" },
    MERGED: { description: "并案" },
    ASSIGNED: { description: "已交办, 办理中" },
    REPLIED: { description: "主办单位已答复, 待评价" },
    CLOSED: { description: "办结" },
  },
});

export enum ProposalKind {
  MEMBER = "MEMBER",
  COLLECTIVE = "COLLECTIVE",
}
registerEnumType(ProposalKind, {
  name: "ProposalKind",
  valuesConfig: {
    MEMBER: { description: "委员提案 (领衔人 + 联名人)" },
    COLLECTIVE: { description: "集体提案 (党派、人民团体、界别、专门委员会)" },
  },
});

export enum CollectiveProposerType {
  PARTY = "PARTY",
  ORGANISATION = "ORGANISATION",
  SECTOR_GROUP = "SECTOR_GROUP",
  SPECIAL_COMMITTEE = "SPECIAL_COMMITTEE",
}
registerEnumType(CollectiveProposerType, {
  name: "CollectiveProposerType",
  description: "集体提案的提出者类别",
  valuesConfig: {
    PARTY: { description: "民主党派" },
    ORGANISATION: { description: "人民团体 (工商联、妇联、共青团 …)" },
    SECTOR_GROUP: { description: "界别小组" },
    SPECIAL_COMMITTEE: { description: "政协专门委员会" },
  },
});

export enum ProposalCategory {
  ECONOMY = "ECONOMY",
  INDUSTRY = "INDUSTRY",
  AGRICULTURE = "AGRICULTURE",
  URBAN_RURAL = "URBAN_RURAL",
  TRANSPORT = "TRANSPORT",
  ECOLOGY = "ECOLOGY",
  EDUCATION = "EDUCATION",
  HEALTH = "HEALTH",
  CULTURE_TOURISM = "CULTURE_TOURISM",
  SOCIAL_SECURITY = "SOCIAL_SECURITY",
  GOVERNANCE = "GOVERNANCE",
  OTHER = "OTHER",
}
export const CATEGORY_TITLES: Record<ProposalCategory, string> = {
  ECONOMY: "经济发展",
  INDUSTRY: "工业和园区",
  AGRICULTURE: "农业农村",
  URBAN_RURAL: "城乡建设",
  TRANSPORT: "交通",
  ECOLOGY: "生态环境",
  EDUCATION: "教育",
  HEALTH: "医疗卫生",
  CULTURE_TOURISM: "文化旅游",
  SOCIAL_SECURITY: "社会保障和民政",
  GOVERNANCE: "社会治理",
  OTHER: "其他",
};
registerEnumType(ProposalCategory, {
  name: "ProposalCategory",
  description: "提案分类 / subject area",
  valuesConfig: Object.fromEntries(Object.entries(CATEGORY_TITLES).map(([k, v]) => [k, { description: v }])),
});

export enum Evaluation {
  SATISFIED = "SATISFIED",
  BASICALLY_SATISFIED = "BASICALLY_SATISFIED",
  UNSATISFIED = "UNSATISFIED",
}
registerEnumType(Evaluation, {
  name: "ProposalEvaluation",
  description: "提案者对答复的评价",
  valuesConfig: {
    SATISFIED: { description: "满意" },
    BASICALLY_SATISFIED: { description: "基本满意" },
    UNSATISFIED: { description: "不满意 (重新办理)" },
  },
});

export enum ReviewDecision {
  FILED = "FILED",
  NOT_FILED = "NOT_FILED",
  MERGED = "MERGED",
}
registerEnumType(ReviewDecision, {
  name: "ProposalReviewDecision",
  description: "提案委员会的审查决定",
  valuesConfig: {
    FILED: { description: "立案" },
    NOT_FILED: { description: "不予立案 (须说明理由)" },
    MERGED: { description: "并案 (并入同届同次会议的另一件提案)" },
  },
});

/**
 * 提案. The number (案号) is issued at submission, unique per committee and year; the
 * workflow columns record the current state, the events table the way there.
 */
@ObjectType("Proposal", { description: "提案 / a proposal" })
@Directive('@key(fields: "id")')
@Entity("proposal")
export class Proposal {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field(() => Int, { description: "年度 (届次会议所在年份); 统计按此归属 / the year the figures count it in" })
  @Column({ type: "int" })
  year: number;

  @Field(() => Int, { nullable: true, description: "届次, 如 5 (第五届)" })
  @Column({ type: "int", nullable: true })
  term: number | null;

  @Field(() => Int, { nullable: true, description: "第几次会议 / session of the term" })
  @Column({ type: "int", nullable: true })
  session: number | null;

  @Field(() => Int, { nullable: true, description: "案号序号, 提交时按政协和年度编发 / serial issued at submission" })
  @Column({ type: "int", nullable: true })
  serial: number | null;

  @Field({ description: "标题" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field({ description: "正文 (案由、建议)" })
  @Column({ type: "text" })
  body: string;

  @Field(() => ProposalCategory)
  @Column({ type: "varchar", length: 24 })
  category: ProposalCategory;

  @Field(() => ProposalKind)
  @Column({ type: "varchar", length: 16 })
  kind: ProposalKind;

  @Field(() => String, { nullable: true, description: "集体提案的提出者, 如 民盟昭通市委员会" })
  @Column({ name: "collective_proposer", type: "varchar", length: 100, nullable: true })
  collectiveProposer: string | null;

  @Field(() => CollectiveProposerType, { nullable: true })
  @Column({ name: "collective_proposer_type", type: "varchar", length: 24, nullable: true })
  collectiveProposerType: CollectiveProposerType | null;

  @Column({ name: "lead_member_id", type: "int", nullable: true })
  leadMemberId: number | null;

  @Field(() => ProposalStatus)
  @Column({ type: "varchar", length: 16 })
  status: ProposalStatus;

  @Field(() => String, { nullable: true, description: "联名截止日期 (含当日) / co-signers sign on or before" })
  @Column({ name: "co_sign_deadline", type: "date", nullable: true })
  coSignDeadline: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "submitted_on", type: "date", nullable: true })
  submittedOn: string | null;

  @Field(() => ReviewDecision, { nullable: true })
  @Column({ name: "review_decision", type: "varchar", length: 16, nullable: true })
  reviewDecision: ReviewDecision | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "reviewed_on", type: "date", nullable: true })
  reviewedOn: string | null;

  @Field(() => String, { nullable: true, description: "不予立案理由" })
  @Column({ name: "not_filed_reason", type: "varchar", length: 500, nullable: true })
  notFiledReason: string | null;

  @Column({ name: "merged_into_id", type: "int", nullable: true })
  mergedIntoId: number | null;

  @Column({ name: "converted_report_id", type: "int", nullable: true })
  convertedReportId: number | null;

  @Field(() => Int, { description: "办理轮次: 交办一次为 1, 退回改办或重新办理后递增" })
  @Column({ name: "handling_round", type: "int", default: 0 })
  handlingRound: number;

  @Field(() => String, { nullable: true, description: "本轮交办日期" })
  @Column({ name: "assigned_on", type: "date", nullable: true })
  assignedOn: string | null;

  @Field(() => String, { nullable: true, description: "本轮答复期限" })
  @Column({ name: "due_on", type: "date", nullable: true })
  dueOn: string | null;

  @Field({ description: "重点提案" })
  @Column({ name: "is_key", type: "boolean", default: false })
  isKey: boolean;

  @Field(() => String, { nullable: true, description: "督办领导" })
  @Column({ name: "supervising_leader", type: "varchar", length: 64, nullable: true })
  supervisingLeader: string | null;

  @Field({ description: "重点提案办复评为优秀" })
  @Column({ name: "key_reply_excellent", type: "boolean", default: false })
  keyReplyExcellent: boolean;

  @Field(() => Evaluation, { nullable: true, description: "最近一次评价" })
  @Column({ type: "varchar", length: 24, nullable: true })
  evaluation: Evaluation | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "evaluation_note", type: "varchar", length: 500, nullable: true })
  evaluationNote: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "evaluated_on", type: "date", nullable: true })
  evaluatedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "closed_on", type: "date", nullable: true })
  closedOn: string | null;

  @Column({ name: "drafted_by", type: "varchar", length: 128 })
  draftedBy: string;

  @Field(() => Int, { description: "修改时须回传的版本号; 每次状态变化都会递增" })
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}
