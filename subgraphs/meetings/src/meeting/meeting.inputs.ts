import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { MeetingPresence } from "../attendance/attendance.entity";
import { SpeechForm } from "../speech/speech.entity";
import { Meeting, MeetingKind } from "./meeting.entity";

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "组织会议的政协代码; 不填为你可见的全部" })
  committee?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "含下级政协组织的会议" })
  includeDescendants?: boolean | null;

  @Field(() => Int, { nullable: true, description: "开始于该年的会议" })
  year?: number | null;

  @Field(() => MeetingKind, { nullable: true })
  kind?: MeetingKind | null;
}

@InputType({ description: "新建会议 (含补录往年会议) / a new meeting, past ones included" })
export class CreateMeetingInput {
  @Field(() => String, { nullable: true, description: "组织会议的政协, 默认为操作人所在政协" })
  committee?: string | null;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field()
  title: string;

  @Field({ description: "开始日期 YYYY-MM-DD" })
  startsOn: string;

  @Field(() => String, { nullable: true, description: "结束日期, 默认与开始日期相同" })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true, description: "会期半天数, 默认 1" })
  halfDays?: number | null;

  @Field(() => String, { nullable: true })
  place?: string | null;
}

@InputType({ description: "修改会议; 只改给出的字段 / only the fields given change" })
export class UpdateMeetingInput {
  @Field(() => MeetingKind, { nullable: true })
  kind?: MeetingKind | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true })
  halfDays?: number | null;

  @Field(() => String, { nullable: true })
  place?: string | null;
}

@InputType({ description: "一名委员的出席情况 / one line of an attendance sheet" })
export class MeetingAttendanceRecordInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => MeetingPresence)
  presence: MeetingPresence;
}

@ObjectType({ description: "批量登记出席的结果 / what one attendance sheet changed" })
export class MeetingAttendanceMarking {
  @Field(() => Meeting)
  meeting: Meeting;

  @Field(() => Int, { description: "本次登记的人数" })
  marked: number;

  @Field(() => Int, { description: "其中此前不在应到名单、本次一并列入的人数" })
  addedToRoll: number;

  @Field(() => Int)
  present: number;

  @Field(() => Int)
  late: number;

  @Field(() => Int)
  absent: number;

  @Field(() => Int)
  onLeave: number;
}

@InputType({ description: "请假申请; 委员本人提出, 或办公室代录纸质请假条 / a leave request" })
export class RequestLeaveInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID, { nullable: true, description: "请假委员; 委员本人提出时可不填, 办公室代录时必填" })
  memberId?: string | null;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true, description: "提出日期 YYYY-MM-DD, 默认今天; 补录时填纸质请假条的日期" })
  requestedOn?: string | null;
}

@InputType({ description: "审批请假 / the decision on a leave request" })
export class DecideLeaveInput {
  @Field(() => Boolean, { description: "true 批准, false 不批准" })
  approve: boolean;

  @Field({ description: "批准人, 如 主席 张某某" })
  approver: string;

  @Field(() => String, { nullable: true, description: "审批日期 YYYY-MM-DD, 默认今天 (补录时填原日期)" })
  decidedOn?: string | null;
}

@InputType({ description: "一篇会议发言 / one speech" })
export class MeetingSpeechInput {
  @Field(() => ID)
  memberId: string;

  @Field()
  title: string;

  @Field(() => SpeechForm)
  form: SpeechForm;
}
