import {
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
  parseDate,
  parseId,
  type RequestContext,
  text,
  today,
  tokenMemberId,
} from "@tongxin/sdk";
import { MeetingAttendance, MeetingPresence } from "../attendance/attendance.entity";
import { assertSeatedMembers } from "../attendance/attendance.service";
import { meetingLoaders } from "../meeting/meeting.loader";
import type { DecideLeaveInput, RequestLeaveInput } from "../meeting/meeting.inputs";
import { meetingScope } from "../meeting/meeting.scope";
import { getMeeting } from "../meeting/meeting.service";
import { MANAGE_MEETINGS, REQUEST_LEAVE } from "../permissions";
import { LeaveStatus, MeetingLeaveRequest } from "./leave.entity";

const LEAVE = { en: "leave request", zh: "请假申请" };

/**
 * 请假, asked in writing before the meeting: by the member, or typed in by the office
 * from the paper form (代录, with the form's date). The request is the member's either
 * way; `enteredBy` says who typed it.
 */
export async function requestLeave(ctx: RequestContext, input: RequestLeaveInput): Promise<MeetingLeaveRequest> {
  ctx.require(REQUEST_LEAVE);
  const meeting = await getMeeting(ctx, input.meetingId, "input.meetingId");
  const id = ctx.identity;
  let memberId: number;
  if (id.role === "MEMBER") {
    const me = tokenMemberId(ctx);
    if (me === null) throw badInput("memberId", "登录凭证未指明委员", "the token names no member");
    memberId = me;
    if (input.memberId && parseId(input.memberId, "input.memberId") !== memberId) {
      throw badInput("input.memberId", "委员只能为自己请假", "a member asks leave for themselves only");
    }
  } else {
    await meetingScope.assertWritable(ctx, meeting);
    if (!input.memberId) throw badInput("input.memberId", "代录请假须指明委员", "name the member whose form this is");
    memberId = parseId(input.memberId, "input.memberId");
  }
  await assertSeatedMembers(ctx, meeting, [memberId], () => "input.memberId");
  const requestedOn = parseDate(input.requestedOn, "input.requestedOn") ?? today();
  if (requestedOn > today()) throw badInput("input.requestedOn", "不能晚于今天", "cannot be in the future");
  if (requestedOn > meeting.startsOn) {
    throw badInput("input.requestedOn", "请假须在会前提出", "leave is asked before the meeting begins");
  }
  const reason = text(input.reason, "input.reason", { max: 500, required: true });
  try {
    return await ctx.transaction(MeetingLeaveRequest, async (tx) => {
      const saved = await tx.repo(MeetingLeaveRequest).save(
        tx.repo(MeetingLeaveRequest).create({
          meetingId: meeting.id,
          memberId,
          reason,
          requestedOn,
          status: LeaveStatus.REQUESTED,
          approver: null,
          decidedOn: null,
          decidedBy: null,
          enteredBy: id.subject.slice(0, 100),
          version: 1,
        }),
      );
      meetingLoaders(ctx).leave.clear(meeting.id);
      return (await tx.repo(MeetingLeaveRequest).findOneBy({ id: saved.id }))!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw badInput("input.memberId", "该委员已就此会议请假", "this member has already asked leave for this meeting");
    }
    throw e;
  }
}

/**
 * The decision, recorded by the organiser's office with the name of who took it. An
 * approval turns an ABSENT already marked into ON_LEAVE; a refusal the other way round.
 * Conditional on `version` and on the request still waiting (decisions are final).
 */
export async function decideLeave(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: DecideLeaveInput,
): Promise<MeetingLeaveRequest> {
  ctx.require(MANAGE_MEETINGS);
  const leaveId = parseId(rawId, "id");
  const request = await ctx.repo(MeetingLeaveRequest).findOneBy({ id: leaveId });
  if (!request) throw notFound(LEAVE.en, leaveId, LEAVE.zh);
  // The request is as visible and writable as its meeting (NOT_FOUND under the request's own id).
  const meeting = await meetingScope.load(ctx, request.meetingId);
  if (!meeting) throw notFound(LEAVE.en, leaveId, LEAVE.zh);
  await meetingScope.assertWritable(ctx, meeting);
  const approver = text(input.approver, "input.approver", { max: 100, required: true });
  const decidedOn = parseDate(input.decidedOn, "input.decidedOn") ?? today();
  if (decidedOn > today()) throw badInput("input.decidedOn", "不能晚于今天", "cannot be in the future");
  if (decidedOn < request.requestedOn)
    throw badInput("input.decidedOn", "不能早于提出日期", "cannot be before requestedOn");
  const status = input.approve ? LeaveStatus.APPROVED : LeaveStatus.REFUSED;
  return ctx.transaction(MeetingLeaveRequest, async (tx) => {
    const done = await tx
      .manager(MeetingLeaveRequest)
      .createQueryBuilder()
      .update(MeetingLeaveRequest)
      .set({ status, approver, decidedOn, decidedBy: ctx.identity.subject.slice(0, 100), version: version + 1 })
      .where("id = :id AND version = :version AND status = :waiting", {
        id: leaveId,
        version,
        waiting: LeaveStatus.REQUESTED,
      })
      .execute();
    if (done.affected !== 1) {
      const now = await tx.repo(MeetingLeaveRequest).findOneBy({ id: leaveId });
      if (now && now.version !== version) throw conflict(LEAVE.en);
      throw badInput("id", "该请假已审批", "this request has already been decided");
    }
    const [from, to] = input.approve
      ? [MeetingPresence.ABSENT, MeetingPresence.ON_LEAVE]
      : [MeetingPresence.ON_LEAVE, MeetingPresence.ABSENT];
    await tx
      .manager(MeetingAttendance)
      .createQueryBuilder()
      .update(MeetingAttendance)
      .set({ presence: to })
      .where("meeting_id = :m AND member_id = :p AND presence = :from", { m: meeting.id, p: request.memberId, from })
      .execute();
    const l = meetingLoaders(ctx);
    l.leave.clear(meeting.id);
    l.roll.clear(meeting.id);
    l.summary.clear(meeting.id);
    return (await tx.repo(MeetingLeaveRequest).findOneBy({ id: leaveId }))!;
  });
}
