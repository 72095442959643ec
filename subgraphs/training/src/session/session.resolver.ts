import { CommitteeRef, ConnectionType, MemberRef, tokenMemberId, type RequestContext } from "@tongxin/sdk";
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Field,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { TrainingEnrolment } from "../enrolment/enrolment.entity";
import { AttendanceMarking, AttendanceRecordInput } from "../enrolment/enrolment.inputs";
import { enrolTrainees, markAttendance } from "../enrolment/enrolment.service";
import { TrainingSession } from "./session.entity";
import { CreateTrainingSessionInput, TrainingSessionsArgs, UpdateTrainingSessionInput } from "./session.inputs";
import { sessionLoaders, type AttendanceSummary } from "./session.loader";
import { createSession, deleteSession, getSession, listSessions, updateSession } from "./session.service";
import { sessionScope } from "./session.scope";

export const TrainingSessionConnection = ConnectionType("TrainingSession", TrainingSession);

@ObjectType("TrainingAttendanceSummary", { description: "班次出勤汇总 / attendance at a session" })
export class TrainingAttendanceSummary implements AttendanceSummary {
  @Field(() => Int, { description: "报名人数" })
  enrolled: number;

  @Field(() => Int)
  attended: number;

  @Field(() => Int)
  absent: number;

  @Field(() => Int)
  excused: number;

  @Field(() => Int, { description: "尚未登记出勤" })
  unmarked: number;
}

@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  @Query(() => TrainingSession, { nullable: true, description: "按编号查询培训班次 / one session, if you may see it" })
  trainingSession(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<TrainingSession> {
    return getSession(ctx, id);
  }

  @Query(() => TrainingSessionConnection, { description: "培训班次 / sessions you may see, filtered and paged" })
  trainingSessions(@Ctx() ctx: RequestContext, @Args() args: TrainingSessionsArgs) {
    return listSessions(ctx, args);
  }

  @Mutation(() => TrainingSession, { description: "新建培训班次 (主办政协办公室)" })
  createTrainingSession(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: CreateTrainingSessionInput,
  ): Promise<TrainingSession> {
    return createSession(ctx, input);
  }

  @Mutation(() => TrainingSession, { description: "修改培训班次; version 过期时返回 CONFLICT" })
  updateTrainingSession(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: UpdateTrainingSessionInput,
  ): Promise<TrainingSession> {
    return updateSession(ctx, id, version, input);
  }

  @Mutation(() => Boolean, { description: "删除误建的班次 (尚无人报名时)" })
  deleteTrainingSession(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
  ): Promise<boolean> {
    return deleteSession(ctx, id, version);
  }

  @Mutation(() => TrainingSession, { description: "报名: 任一政协的委员均可 (市县联动); 已报名者不变" })
  enrolTrainees(
    @Ctx() ctx: RequestContext,
    @Arg("sessionId", () => ID) sessionId: string,
    @Arg("memberIds", () => [ID]) memberIds: string[],
  ): Promise<TrainingSession> {
    return enrolTrainees(ctx, sessionId, memberIds);
  }

  @Mutation(() => AttendanceMarking, {
    description: "批量登记出勤 (最多 500 人), 全部成功或全部不写; 未报名者一并登记参训",
  })
  markAttendance(
    @Ctx() ctx: RequestContext,
    @Arg("sessionId", () => ID) sessionId: string,
    @Arg("records", () => [AttendanceRecordInput]) records: AttendanceRecordInput[],
  ): Promise<AttendanceMarking> {
    return markAttendance(ctx, sessionId, records);
  }

  @FieldResolver(() => CommitteeRef, { description: "主办政协" })
  committee(@Root() s: TrainingSession): CommitteeRef {
    return { code: s.committeeCode };
  }

  @FieldResolver(() => [TrainingEnrolment], {
    description: "参训名单; 主办方及其上级办公室看全部, 委员只看自己那一条",
  })
  async enrolments(@Root() s: TrainingSession, @Ctx() ctx: RequestContext): Promise<TrainingEnrolment[]> {
    const all = await sessionLoaders(ctx).enrolments.load(s.id);
    // The session was read through its scope: an office that sees it sees the whole list.
    if (ctx.identity.role === "SYSTEM" || ctx.identity.role === "STAFF") return all;
    const me = tokenMemberId(ctx);
    return all.filter((e) => me !== null && e.memberId === me);
  }

  @FieldResolver(() => TrainingAttendanceSummary)
  attendanceSummary(@Root() s: TrainingSession, @Ctx() ctx: RequestContext): Promise<AttendanceSummary> {
    return sessionLoaders(ctx).summary.load(s.id);
  }
}

@Resolver(() => TrainingEnrolment)
export class TrainingEnrolmentResolver {
  @FieldResolver(() => MemberRef)
  member(@Root() e: TrainingEnrolment): MemberRef {
    return { id: String(e.memberId) };
  }
}

/** Federation entry for `TrainingSession`: the same visibility rule as every other read (rule 2). */
export async function sessionReference(
  ref: Record<string, unknown>,
  ctx: RequestContext,
): Promise<TrainingSession | null> {
  return sessionScope.reference(ctx, ref.id);
}
