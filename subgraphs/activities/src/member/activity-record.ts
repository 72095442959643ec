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
import { ActivityKind, DutyActivity, DutyActivityParticipant } from "../activity/activity.entity";
import { READ_ACTIVITIES } from "../permissions";

/** One activity in a member's record, by its facts, so another office reads it without opening the activity. */
@ObjectType({ description: "个人履职活动记录的一条 / one activity in a member's record" })
export class ActivityRecordEntry {
  @Field(() => ID)
  activityId: string;

  @Field()
  title: string;

  @Field(() => ActivityKind)
  kind: ActivityKind;

  @Field(() => CommitteeRef, { description: "组织活动的政协" })
  organiser: CommitteeRef;

  @Field()
  startsOn: string;

  @Field({ description: "是否牵头" })
  leads: boolean;
}

@ObjectType({ description: "委员个人履职活动记录 / the duty activities a member took part in" })
export class ActivityRecord {
  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => Int, { description: "参加的活动" })
  activities: number;

  @Field(() => Int, { description: "其中调研视察课题、深入调研、视察、考察" })
  research: number;

  @Field(() => Int, { description: "其中走基层" })
  grassroots: number;

  @Field(() => [ActivityRecordEntry])
  entries: ActivityRecordEntry[];
}

const recordLoaders = defineLoaders((ctx) => ({
  entriesOf: new DataLoader<number, ActivityRecordEntry[]>(async (memberIds) => {
    const rows = await ctx
      .repo(DutyActivityParticipant)
      .createQueryBuilder("p")
      .innerJoin(DutyActivity, "a", "a.id = p.activity_id")
      .select([
        "p.member_id AS memberId",
        "p.leads AS leads",
        "a.id AS activityId",
        "a.title AS title",
        "a.kind AS kind",
        "a.committee_code AS code",
        "a.starts_on AS startsOn",
      ])
      .where("p.member_id IN (:...ids)", { ids: [...memberIds] })
      .orderBy("a.starts_on", "ASC")
      .addOrderBy("a.id", "ASC")
      .getRawMany<Record<string, string | number | Date | null>>();
    const byMember = groupBy(rows, (r) => Number(r.memberId));
    return memberIds.map((m) =>
      (byMember.get(m) ?? []).map((r) => ({
        activityId: String(r.activityId),
        title: String(r.title),
        kind: r.kind as ActivityKind,
        organiser: { code: String(r.code) },
        startsOn: dateString(r.startsOn as string | Date)!,
        leads: Boolean(Number(r.leads)),
      })),
    );
  }),
}));

const RESEARCH = [ActivityKind.TOPIC, ActivityKind.RESEARCH_TRIP, ActivityKind.INSPECTION, ActivityKind.STUDY_TOUR];

export async function activityRecord(
  ctx: RequestContext,
  rawId: string,
  year?: number | null,
): Promise<ActivityRecord> {
  const memberId = parseId(rawId, "id");
  await assertCanReadMemberRecord(ctx, memberId, READ_ACTIVITIES, "activity record");
  const window = year === undefined || year === null ? null : yearRange(year);
  const entries = (await recordLoaders(ctx).entriesOf.load(memberId)).filter(
    (e) => !window || (e.startsOn >= window.from && e.startsOn <= window.to),
  );
  return {
    year: year ?? null,
    activities: entries.length,
    research: entries.filter((e) => RESEARCH.includes(e.kind)).length,
    grassroots: entries.filter((e) => e.kind === ActivityKind.GRASSROOTS_VISIT).length,
    entries,
  };
}

@Resolver(() => MemberRef)
export class MemberActivitiesResolver {
  @FieldResolver(() => ActivityRecord, { nullable: true, description: "个人履职活动记录; 给 year 为该年, 不给为全部" })
  activityRecord(
    @Root() m: MemberRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { nullable: true }) year?: number | null,
  ): Promise<ActivityRecord> {
    return activityRecord(ctx, m.id, year);
  }
}
