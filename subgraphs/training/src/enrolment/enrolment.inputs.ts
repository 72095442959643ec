import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { TrainingSession } from "../session/session.entity";
import { TrainingAttendance } from "./enrolment.entity";

@InputType({ description: "一名委员的出勤 / one line of an attendance sheet" })
export class AttendanceRecordInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => TrainingAttendance)
  status: TrainingAttendance;
}

@ObjectType({ description: "批量登记出勤的结果 / what one attendance sheet changed" })
export class AttendanceMarking {
  @Field(() => TrainingSession)
  session: TrainingSession;

  @Field(() => Int, { description: "本次登记的人数" })
  marked: number;

  @Field(() => Int, { description: "其中此前未报名、本次一并登记参训的人数" })
  newlyEnrolled: number;

  @Field(() => Int)
  attended: number;

  @Field(() => Int)
  absent: number;

  @Field(() => Int)
  excused: number;
}
