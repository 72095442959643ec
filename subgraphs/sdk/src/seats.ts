import type { RequestContext } from "./context";
import { badInput, forbidden } from "./errors";
import { memberInfo } from "./members";
import type { Permission } from "./module";
import { tokenMemberId } from "./scope";
import { parseId } from "./input";
import { today } from "./dates";

/** The day whose seats count for something that starts on `startsOn`: that day, or today when it is still ahead. */
export const seatDay = (startsOn: string): string => (startsOn < today() ? startsOn : today());

/**
 * A list of member ids from one input (a roll, a participants list): each parsed, none
 * twice, at most `max`; `fieldOf(i)` names the offending line (`records[3].memberId`).
 */
export function parseMemberIdList(
  raw: readonly string[],
  fieldOf: (i: number) => string,
  listField: string,
  max: number,
): number[] {
  if (raw.length === 0) throw badInput(listField, "名单为空", "the list is empty");
  if (raw.length > max) throw badInput(listField, `一次最多 ${max} 人`, `at most ${max} members at once`);
  const ids = raw.map((r, i) => parseId(r, fieldOf(i)));
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw badInput(fieldOf(i), "名单中重复出现", "listed twice");
    seen.add(id);
  });
  return ids;
}

/**
 * Whoever organises something records who took part (谁组织谁记录): members seated, on
 * `day`, on the organising committee or one below it (a city activity may include county
 * members). One look-up in the members subgraph for the whole list.
 */
export async function assertSeatedWithin(
  ctx: RequestContext,
  organiser: string,
  day: string,
  ids: readonly number[],
  fieldOf: (i: number) => string,
): Promise<void> {
  const within = new Set((await ctx.committees()).subtree(organiser));
  const found = await ctx.runtime.members.lookup(ids.map(String), day);
  const seated = new Set(found.filter((m) => m.committees.some((c) => within.has(c))).map((m) => Number(m.id)));
  ids.forEach((id, i) => {
    if (!seated.has(id)) {
      throw badInput(
        fieldOf(i),
        `委员 ${id} 在 ${day} 不是本级或下级政协委员`,
        `member ${id} held no seat on ${organiser} or below on ${day}`,
      );
    }
  });
}

/**
 * Who may read a member's record in a module (training, meetings, activities…): the member
 * themselves, the office of a committee where they sit today or one above it, and the
 * platform. Everyone else is FORBIDDEN. Returns the committees where the member sits.
 */
export async function assertCanReadMemberRecord(
  ctx: RequestContext,
  memberId: number,
  permission: Permission,
  what: string,
): Promise<string[]> {
  ctx.require(permission);
  const committees = (await memberInfo(ctx, memberId))?.committees ?? [];
  const id = ctx.identity;
  if (id.role === "SYSTEM" || tokenMemberId(ctx) === memberId) return committees;
  if (id.role === "STAFF") {
    for (const c of committees) if (await ctx.canReadCommittee(c)) return committees;
  }
  throw forbidden(`the ${what} of member ${memberId}`);
}
