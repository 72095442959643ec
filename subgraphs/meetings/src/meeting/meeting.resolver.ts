import { CommitteeRef, ConnectionType, MemberRef, tokenMemberId, type RequestContext } from "@tongxin/sdk";
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MeetingAttendance } from "../attendance/attendance.entity";
import { addToRoll, markMeetingAttendance } from "../attendance/attendance.service";
import { MeetingLeaveRequest } from "../leave/leave.entity";
import { decideLeave, requestLeave } from "../leave/leave.service";
import { MeetingSpeech } from "../speech/speech.entity";
import { recordSpeeches } from "../speech/speech.service";
import { Meeting } from "./meeting.entity";
import {
  CreateMeetingInput,
  DecideLeaveInput,
  MeetingAttendanceMarking,
  MeetingAttendanceRecordInput,
  MeetingSpeechInput,
  MeetingsArgs,
  RequestLeaveInput,
  UpdateMeetingInput,
} from "./meeting.inputs";
import { meetingLoaders, type RollSummary } from "./meeting.loader";
import { createMeeting, deleteMeeting, getMeeting, listMeetings, updateMeeting } from "./meeting.service";
import { meetingScope } from "./meeting.scope";

export const MeetingConnection = ConnectionType("Meeting", Meeting);

@ObjectType("MeetingRollSummary", { description: "应到名单与出席汇总 / the roll of a meeting in numbers" })
export class MeetingRollSummary implements RollSummary {
  @Field(() => Int, { description: "应到" })
  expected: number;

  @Field(() => Int)
  present: number;

  @Field(() => Int)
  late: number;

  @Field(() => Int, { description: "未请假缺席" })
  absent: number;

  @Field(() => Int, { description: "请假 (已批准)" })
  onLeave: number;

  @Field(() => Int, { description: "尚未登记" })
  unmarked: number;
}

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => Meeting, { nullable: true, description: "按编号查询会议 / one meeting, if you may see it" })
  meeting(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<Meeting> {
    return getMeeting(ctx, id);
  }

  @Query(() => MeetingConnection, { description: "会议 / meetings you may see, filtered and paged" })
  meetings(@Ctx() ctx: RequestContext, @Args() args: MeetingsArgs) {
    return listMeetings(ctx, args);
  }

  @Mutation(() => Meeting, { description: "新建会议, 含补录往年会议 (组织会议的政协办公室)" })
  createMeeting(@Ctx() ctx: RequestContext, @Arg("input") input: CreateMeetingInput): Promise<Meeting> {
    return createMeeting(ctx, input);
  }

  @Mutation(() => Meeting, { description: "修改会议; version 过期时返回 CONFLICT" })
  updateMeeting(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: UpdateMeetingInput,
  ): Promise<Meeting> {
    return updateMeeting(ctx, id, version, input);
  }

  @Mutation(() => Boolean, { description: "删除误建的会议 (尚无应到名单、请假和发言时)" })
  deleteMeeting(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
  ): Promise<boolean> {
    return deleteMeeting(ctx, id, version);
  }

  @Mutation(() => Meeting, {
    description: "列入应到名单: 给出委员, 或 wholeRegister 列入会议当日本级全部在任委员; 已在名单者不变",
  })
  addToMeetingRoll(
    @Ctx() ctx: RequestContext,
    @Arg("meetingId", () => ID) meetingId: string,
    @Arg("memberIds", () => [ID], { nullable: true }) memberIds?: string[] | null,
    @Arg("wholeRegister", () => Boolean, { nullable: true, defaultValue: false }) wholeRegister?: boolean | null,
  ): Promise<Meeting> {
    return addToRoll(ctx, meetingId, memberIds, wholeRegister ?? false);
  }

  @Mutation(() => MeetingAttendanceMarking, {
    description: "批量登记出席 (最多 500 人), 全部成功或全部不写; 有获批请假的缺席记为请假",
  })
  markMeetingAttendance(
    @Ctx() ctx: RequestContext,
    @Arg("meetingId", () => ID) meetingId: string,
    @Arg("records", () => [MeetingAttendanceRecordInput]) records: MeetingAttendanceRecordInput[],
  ): Promise<MeetingAttendanceMarking> {
    return markMeetingAttendance(ctx, meetingId, records);
  }

  @Mutation(() => MeetingLeaveRequest, { description: "请假: 委员本人在会前提出, 或办公室代录纸质请假条" })
  requestMeetingLeave(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: RequestLeaveInput,
  ): Promise<MeetingLeaveRequest> {
    return requestLeave(ctx, input);
  }

  @Mutation(() => MeetingLeaveRequest, { description: "审批请假 (办公室登记批准人); 审批后不再更改" })
  decideMeetingLeave(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: DecideLeaveInput,
  ): Promise<MeetingLeaveRequest> {
    return decideLeave(ctx, id, version, input);
  }

  @Mutation(() => [MeetingSpeech], { description: "登记会议发言 (同一委员同一题目只记一次)" })
  recordMeetingSpeeches(
    @Ctx() ctx: RequestContext,
    @Arg("meetingId", () => ID) meetingId: string,
    @Arg("speeches", () => [MeetingSpeechInput]) speeches: MeetingSpeechInput[],
  ): Promise<MeetingSpeech[]> {
    return recordSpeeches(ctx, meetingId, speeches);
  }

  @FieldResolver(() => CommitteeRef, { description: "组织会议的政协" })
  committee(@Root() m: Meeting): CommitteeRef {
    return { code: m.committeeCode };
  }

  @FieldResolver(() => [MeetingAttendance], { description: "应到名单; 组织方及其上级办公室看全部, 委员只看自己那一条" })
  async roll(@Root() m: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingAttendance[]> {
    return ownLinesUnlessOffice(ctx, await meetingLoaders(ctx).roll.load(m.id));
  }

  @FieldResolver(() => [MeetingLeaveRequest], { description: "请假申请; 组织方及其上级办公室看全部, 委员只看自己的" })
  async leaveRequests(@Root() m: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingLeaveRequest[]> {
    return ownLinesUnlessOffice(ctx, await meetingLoaders(ctx).leave.load(m.id));
  }

  @FieldResolver(() => [MeetingSpeech], { description: "会议发言" })
  speeches(@Root() m: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingSpeech[]> {
    return meetingLoaders(ctx).speeches.load(m.id);
  }

  @FieldResolver(() => MeetingRollSummary)
  rollSummary(@Root() m: Meeting, @Ctx() ctx: RequestContext): Promise<RollSummary> {
    return meetingLoaders(ctx).summary.load(m.id);
  }
}

/**
 * The meeting was read through its scope: an office that sees it sees the whole roll and
 * every leave request; a member sees their own lines (as training's enrolments).
 */
function ownLinesUnlessOffice<T extends { memberId: number }>(ctx: RequestContext, lines: T[]): T[] {
  if (ctx.identity.role === "SYSTEM" || ctx.identity.role === "STAFF") return lines;
  const me = tokenMemberId(ctx);
  return lines.filter((l) => me !== null && l.memberId === me);
}

@Resolver(() => MeetingAttendance)
export class MeetingAttendanceResolver {
  @FieldResolver(() => MemberRef)
  member(@Root() a: MeetingAttendance): MemberRef {
    return { id: String(a.memberId) };
  }
}

@Resolver(() => MeetingLeaveRequest)
export class MeetingLeaveResolver {
  @FieldResolver(() => MemberRef)
  member(@Root() l: MeetingLeaveRequest): MemberRef {
    return { id: String(l.memberId) };
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() l: MeetingLeaveRequest, @Ctx() ctx: RequestContext): Promise<Meeting | null> {
    return meetingLoaders(ctx).byId.load(l.meetingId);
  }
}

@Resolver(() => MeetingSpeech)
export class MeetingSpeechResolver {
  @FieldResolver(() => MemberRef)
  member(@Root() s: MeetingSpeech): MemberRef {
    return { id: String(s.memberId) };
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() s: MeetingSpeech, @Ctx() ctx: RequestContext): Promise<Meeting | null> {
    return meetingLoaders(ctx).byId.load(s.meetingId);
  }
}

/** Federation entry for `Meeting`: the same visibility rule as every other read (rule 2). */
export function meetingReference(ref: Record<string, unknown>, ctx: RequestContext): Promise<Meeting | null> {
  return meetingScope.reference(ctx, ref.id);
}
