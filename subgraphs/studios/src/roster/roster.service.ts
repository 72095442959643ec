import { badInput, invalidTransition, parseDate, parseId, today, type RequestContext } from "@tongxin/sdk";
import { IsNull } from "typeorm";
import { MANAGE_STUDIOS } from "../permissions";
import { Studio, StudioStatus } from "../studio/studio.entity";
import { forgetStudio, reloadStudio } from "../studio/studio.service";
import { assertActiveMemberOf, studioScope } from "../studio/studio.scope";
import { StudioRosterEntry } from "./roster-entry.entity";
import type { AddStudioMemberInput, RemoveStudioMemberInput } from "./roster.inputs";

/**
 * Roster changes of one studio are serialised on the studio row: the first statement of
 * the transaction moves its version (and fails once the studio is closed), so checks
 * that follow see every change committed before, on SQLite and on MySQL alike.
 */
async function lockOpenStudio(tx: RequestContext, studioId: number, action: string): Promise<Studio> {
  const done = await tx
    .manager(Studio)
    .createQueryBuilder()
    .update(Studio)
    .set({ version: () => "version + 1" })
    .where("id = :id AND status = :open", { id: studioId, open: StudioStatus.OPEN })
    .execute();
  if (done.affected !== 1) throw invalidTransition(StudioStatus.CLOSED, action);
  return (await tx.repo(Studio).findOneBy({ id: studioId }))!;
}

async function studioToManage(ctx: RequestContext, rawStudioId: string): Promise<Studio> {
  ctx.require(MANAGE_STUDIOS);
  return studioScope.getForWrite(ctx, rawStudioId, "input.studioId");
}

/** 入室: the member must sit on the studio's committee today; a former member may rejoin. */
export async function addStudioMember(ctx: RequestContext, input: AddStudioMemberInput): Promise<Studio> {
  const studio = await studioToManage(ctx, input.studioId);
  if (studio.status === StudioStatus.CLOSED) throw invalidTransition(StudioStatus.CLOSED, "addStudioMember");
  const memberId = parseId(input.memberId, "input.memberId");
  const joinedOn = parseDate(input.joinedOn, "input.joinedOn") ?? today();
  if (joinedOn > today()) throw badInput("input.joinedOn", "入室日期不能晚于今天", "cannot be in the future");
  if (joinedOn < studio.establishedOn) {
    throw badInput("input.joinedOn", "入室日期不能早于工作室成立日期", "cannot be before the studio was established");
  }
  await assertActiveMemberOf(ctx, memberId, studio.committeeCode, "input.memberId");
  const written = await ctx.transaction(Studio, async (tx) => {
    await lockOpenStudio(tx, studio.id, "addStudioMember");
    const stays = await tx.repo(StudioRosterEntry).findBy({ studioId: studio.id, memberId });
    if (stays.some((s) => s.leftOn === null)) {
      throw badInput("input.memberId", "该委员已在室", "the member is already on the roster");
    }
    if (stays.some((s) => s.leftOn !== null && s.leftOn > joinedOn)) {
      throw badInput(
        "input.joinedOn",
        "与该委员此前的在室时间重叠",
        "overlaps the member's earlier stay on the roster",
      );
    }
    await tx.repo(StudioRosterEntry).insert({ studioId: studio.id, memberId, joinedOn, leftOn: null });
    return reloadStudio(tx, studio.id);
  });
  return forgetStudio(ctx, written);
}

/** 离室: ends the member's current stay. The leading member must be replaced first. */
export async function removeStudioMember(ctx: RequestContext, input: RemoveStudioMemberInput): Promise<Studio> {
  const studio = await studioToManage(ctx, input.studioId);
  if (studio.status === StudioStatus.CLOSED) throw invalidTransition(StudioStatus.CLOSED, "removeStudioMember");
  const memberId = parseId(input.memberId, "input.memberId");
  const leftOn = parseDate(input.leftOn, "input.leftOn") ?? today();
  if (leftOn > today()) throw badInput("input.leftOn", "离室日期不能晚于今天", "cannot be in the future");
  const written = await ctx.transaction(Studio, async (tx) => {
    const locked = await lockOpenStudio(tx, studio.id, "removeStudioMember");
    const stay = await tx.repo(StudioRosterEntry).findOneBy({ studioId: studio.id, memberId, leftOn: IsNull() });
    if (!stay) throw badInput("input.memberId", "该委员不在室", "the member is not on the roster");
    if (locked.leadMemberId === memberId) {
      throw badInput(
        "input.memberId",
        "该委员是工作室的领衔委员, 请先更换领衔委员",
        "the member leads the studio; appoint another leading member first",
      );
    }
    if (leftOn < stay.joinedOn) {
      throw badInput("input.leftOn", "离室日期不能早于入室日期", "cannot be before the member joined");
    }
    await tx.repo(StudioRosterEntry).update({ id: stay.id }, { leftOn });
    return reloadStudio(tx, studio.id);
  });
  return forgetStudio(ctx, written);
}
