import {
  assertCanReadMemberRecord,
  CommitteeRef,
  dateString,
  defineLoaders,
  groupBy,
  MemberRef,
  parseId,
  yearRange,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from "type-graphql";
import { MeetingAttendance, MeetingPresence } from "../attendance/attendance.entity";
import { Meeting, MeetingKind } from "../meeting/meeting.entity";
import { READ_MEETINGS } from "../permissions";
import { MeetingSpeech, SpeechForm } from "../speech/speech.entity";

/**
 * One meeting in a member's record, given by its facts (not as a `Meeting`): a county
 * office reads that its member attended a city meeting without opening the city's roll.
 */
@ObjectType({ description: "个人会议记录的一条 / one meeting in a member's record" })
export class MeetingRecordEntry {
  @Field(() => ID)
  meetingId: string;

  @Field()
  title: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field(() => CommitteeRef, { description: "组织会议的政协" })
  organiser: CommitteeRef;

  @Field()
  startsOn: string;

  @Field(() => Int)
  halfDays: number;

  @Field(() => MeetingPresence, { nullable: true, description: "null: 在应到名单上, 尚未登记" })
  presence: MeetingPresence | null;
}

@ObjectType({ description: "个人会议发言的一条 / one speech in a member's record" })
export class SpeechRecordEntry {
  @Field(() => ID)
  meetingId: string;

  @Field()
  meetingTitle: string;

  @Field()
  startsOn: string;

  @Field()
  title: string;

  @Field(() => SpeechForm)
  form: SpeechForm;
}

@ObjectType({ description: "委员个人会议记录 / a member's meetings, attendance and speeches" })
export class MeetingRecord {
  @Field(() => Int, { nullable: true, description: "年份; 不限定时为 null" })
  year: number | null;

  @Field(() => Int, { description: "应到会议数" })
  expected: number;

  @Field(() => Int, { description: "出席 (含迟到)" })
  attended: number;

  @Field(() => Int, { description: "未请假缺席" })
  absencesWithoutLeave: number;

  @Field(() => Int, { description: "未请假缺席全体会议 (退出机制: 一次书面提醒, 两次提请常委会撤销资格)" })
  plenaryAbsencesWithoutLeave: number;

  @Field(() => Int, { description: "请假 (已批准)" })
  onLeave: number;

  @Field(() => [MeetingRecordEntry], { description: "应到的会议, 按开始日期" })
  entries: MeetingRecordEntry[];

  @Field(() => [SpeechRecordEntry], { description: "会议发言, 按开始日期" })
  speeches: SpeechRecordEntry[];
}

type Raw = Record<string, string | number | Date | null>;

const recordLoaders = defineLoaders((ctx) => ({
  entriesOf: new DataLoader<number, MeetingRecordEntry[]>(async (memberIds) => {
    const rows = await ctx
      .repo(MeetingAttendance)
      .createQueryBuilder("a")
      .innerJoin(Meeting, "m", "m.id = a.meeting_id")
      .select([
        "a.member_id AS memberId",
        "a.presence AS presence",
        "m.id AS meetingId",
        "m.title AS title",
        "m.kind AS kind",
        "m.committee_code AS code",
        "m.starts_on AS startsOn",
        "m.half_days AS halfDays",
      ])
      .where("a.member_id IN (:...ids)", { ids: [...memberIds] })
      .orderBy("m.starts_on", "ASC")
      .addOrderBy("m.id", "ASC")
      .getRawMany<Raw>();
    const byMember = groupBy(rows, (r) => Number(r.memberId));
    return memberIds.map((m) =>
      (byMember.get(m) ?? []).map((r) => ({
        meetingId: String(r.meetingId),
        title: String(r.title),
        kind: r.kind as MeetingKind,
        organiser: { code: String(r.code) },
        startsOn: dateString(r.startsOn as string | Date)!,
        halfDays: Number(r.halfDays),
        presence: (r.presence as MeetingPresence | null) ?? null,
      })),
    );
  }),
  speechesOf: new DataLoader<number, SpeechRecordEntry[]>(async (memberIds) => {
    const rows = await ctx
      .repo(MeetingSpeech)
      .createQueryBuilder("s")
      .innerJoin(Meeting, "m", "m.id = s.meeting_id")
      .select([
        "s.member_id AS memberId",
        "s.title AS title",
        "s.form AS form",
        "m.id AS meetingId",
        "m.title AS meetingTitle",
        "m.starts_on AS startsOn",
      ])
      .where("s.member_id IN (:...ids)", { ids: [...memberIds] })
      .orderBy("m.starts_on", "ASC")
      .addOrderBy("s.id", "ASC")
      .getRawMany<Raw>();
    const byMember = groupBy(rows, (r) => Number(r.memberId));
    return memberIds.map((m) =>
      (byMember.get(m) ?? []).map((r) => ({
        meetingId: String(r.meetingId),
        meetingTitle: String(r.meetingTitle),
        startsOn: dateString(r.startsOn as string | Date)!,
        title: String(r.title),
        form: r.form as SpeechForm,
      })),
    );
  }),
}));

export async function meetingRecord(ctx: RequestContext, rawId: string, year?: number | null): Promise<MeetingRecord> {
  const memberId = parseId(rawId, "id");
  await assertCanReadMemberRecord(ctx, memberId, READ_MEETINGS, "meeting record");
  const window = year === undefined || year === null ? null : yearRange(year);
  const inWindow = (d: string) => !window || (d >= window.from && d <= window.to);
  const entries = (await recordLoaders(ctx).entriesOf.load(memberId)).filter((e) => inWindow(e.startsOn));
  const speeches = (await recordLoaders(ctx).speechesOf.load(memberId)).filter((s) => inWindow(s.startsOn));
  const count = (pred: (e: MeetingRecordEntry) => boolean) => entries.filter(pred).length;
  return {
    year: year ?? null,
    expected: entries.length,
    attended: count((e) => e.presence === MeetingPresence.PRESENT || e.presence === MeetingPresence.LATE),
    absencesWithoutLeave: count((e) => e.presence === MeetingPresence.ABSENT),
    plenaryAbsencesWithoutLeave: count((e) => e.presence === MeetingPresence.ABSENT && e.kind === MeetingKind.PLENARY),
    onLeave: count((e) => e.presence === MeetingPresence.ON_LEAVE),
    entries,
    speeches,
  };
}

@Resolver(() => MemberRef)
export class MemberMeetingsResolver {
  @FieldResolver(() => MeetingRecord, {
    nullable: true,
    description: "个人会议记录 (应到、出席、请假、缺席、发言); 给 year 为该年, 不给为全部",
  })
  meetingRecord(
    @Root() m: MemberRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { nullable: true }) year?: number | null,
  ): Promise<MeetingRecord> {
    return meetingRecord(ctx, m.id, year);
  }
}
