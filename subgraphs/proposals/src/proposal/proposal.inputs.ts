import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ReplyClass } from "../assignment/reply.entity";
import {
  CollectiveProposerType,
  Evaluation,
  ProposalCategory,
  ProposalKind,
  ProposalStatus,
  ReviewDecision,
} from "./proposal.entity";

@ArgsType()
export class ProposalsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "政协代码" })
  committee?: string | null;

  @Field(() => Int, { nullable: true, description: "年度" })
  year?: number | null;

  @Field(() => ProposalStatus, { nullable: true })
  status?: ProposalStatus | null;

  @Field(() => ProposalKind, { nullable: true })
  kind?: ProposalKind | null;

  @Field(() => ProposalCategory, { nullable: true })
  category?: ProposalCategory | null;

  @Field(() => Boolean, { nullable: true, description: "true: 只看重点提案" })
  key?: boolean | null;

  @Field(() => String, { nullable: true, description: "按标题搜索" })
  search?: string | null;
}

export enum ProposalRole {
  LEAD = "LEAD",
  COSIGNER = "COSIGNER",
}
registerEnumType(ProposalRole, {
  name: "ProposalRole",
  valuesConfig: { LEAD: { description: "领衔" }, COSIGNER: { description: "联名" } },
});

@InputType("ProposalAttachmentInput", {
  description: "附件元数据 / attachment metadata (the file itself is stored elsewhere)",
})
export class AttachmentInput {
  @Field()
  fileName: string;

  @Field()
  mimeType: string;

  @Field(() => Int)
  sizeBytes: number;

  @Field(() => String, { nullable: true, description: "SHA-256, 64 位十六进制" })
  sha256?: string | null;
}

@InputType({ description: "起草提案 / a new draft" })
export class DraftProposalInput {
  @Field(() => String, {
    nullable: true,
    description: "政协代码; 委员默认为其唯一任职的政协, 机关默认为本级",
  })
  committee?: string | null;

  @Field(() => Int, { nullable: true, description: "年度, 默认为今年; 可为明年 (下次全会)" })
  year?: number | null;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => ProposalCategory)
  category: ProposalCategory;

  @Field(() => [ID], { nullable: true, description: "邀请联名的委员 (须为同一政协在任委员)" })
  coSignerIds?: string[] | null;

  @Field(() => String, { nullable: true, description: "联名截止日期, 默认 7 天后" })
  coSignDeadline?: string | null;

  @Field(() => String, { nullable: true, description: "集体提案的提出者 (仅机关代为起草时)" })
  collectiveProposer?: string | null;

  @Field(() => CollectiveProposerType, { nullable: true })
  collectiveProposerType?: CollectiveProposerType | null;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;
}

@InputType({ description: "修改提案: 草稿由起草人修改; 提交后机关只能调整分类" })
export class UpdateProposalInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => ProposalCategory, { nullable: true })
  category?: ProposalCategory | null;

  @Field(() => String, { nullable: true })
  coSignDeadline?: string | null;

  @Field(() => String, { nullable: true })
  collectiveProposer?: string | null;

  @Field(() => CollectiveProposerType, { nullable: true })
  collectiveProposerType?: CollectiveProposerType | null;

  @Field(() => [AttachmentInput], { nullable: true, description: "给出时替换全部附件" })
  attachments?: AttachmentInput[] | null;
}

@InputType()
export class ReviewProposalInput {
  @Field(() => ReviewDecision)
  decision: ReviewDecision;

  @Field(() => String, { nullable: true, description: "不予立案时必填的理由; 其他决定时为备注" })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: "并案时并入的提案" })
  mergedIntoId?: string | null;
}

@InputType()
export class AssignProposalInput {
  @Field(() => ID, { description: "主办单位" })
  leadUnitId: string;

  @Field(() => [ID], { nullable: true, description: "协办单位" })
  assistingUnitIds?: string[] | null;

  @Field(() => String, { nullable: true, description: "答复期限, 默认交办后 3 个月, 最长 6 个月" })
  dueOn?: string | null;
}

@InputType()
export class MarkKeyProposalInput {
  @Field({ description: "督办领导" })
  supervisingLeader: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType("ProposalReplyInput")
export class ReplyInput {
  @Field(() => ReplyClass)
  replyClass: ReplyClass;

  @Field({ description: "答复正文" })
  body: string;
}

@InputType()
export class EvaluateReplyInput {
  @Field(() => Evaluation)
  evaluation: Evaluation;

  @Field(() => String, { nullable: true, description: "意见; 不满意时必填" })
  note?: string | null;
}
