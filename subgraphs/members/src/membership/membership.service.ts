import { AppError, badInput, parseDate, text, today, type RequestContext } from "@tongxin/sdk";
import { IsNull } from "typeorm";
import { Committee } from "../committee/committee.entity";
import { assertSeatInTerm } from "../committee/committee-term.service";
import { Member, MemberStatus } from "../member/member.entity";
import { membershipScope } from "../member/member.scope";
import { getMember } from "../member/member.service";
import { findPerson } from "../member/person";
import { MANAGE_MEMBERS } from "../permissions";
import { Membership, MembershipEndReason, Position } from "./membership.entity";
import type { AddMembershipInput, EndMembershipInput, RevokeMemberInput } from "./membership.inputs";

/** A committee has one chair and one secretary-general at a time. */
const SINGLE_SEAT: ReadonlySet<Position> = new Set([Position.CHAIR, Position.SECRETARY_GENERAL]);

export async function assertPositionFree(ctx: RequestContext, code: string, position: Position, field: string) {
  if (!SINGLE_SEAT.has(position)) return;
  const taken = await ctx.repo(Membership).exists({ where: { committeeCode: code, position, endedOn: IsNull() } });
  if (taken) {
    throw badInput(
      field,
      "该政协已有在任的此职务, 请先结束原任职",
      `committee ${code} already has a current ${position}`,
    );
  }
}

export async function addMembership(ctx: RequestContext, input: AddMembershipInput): Promise<Member> {
  ctx.require(MANAGE_MEMBERS);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await membershipScope.assertCanCreate(ctx, code, "input.committee");
  const member = await seatCandidate(ctx, input);
  if (member.status !== MemberStatus.ACTIVE) {
    throw badInput("input.memberId", "该委员不在任, 不能增加任职", "member is not active");
  }
  const committee = (await ctx.repo(Committee).findOneBy({ code }))!;
  const startedOn = parseDate(input.startedOn, "input.startedOn") ?? today();
  // A seat belongs to a recorded term of this committee and starts inside its dates.
  const term = await assertSeatInTerm(ctx, committee, input.term, startedOn);
  const position = input.position ?? Position.MEMBER;
  return ctx.transaction(Membership, async (tx) => {
    const open = await tx
      .repo(Membership)
      .find({ where: { memberId: member.id, committeeCode: code, endedOn: IsNull() } });
    if (open.length > 0)
      throw badInput("input.committee", "该委员已在此政协任职", `member already holds a seat on ${code}`);
    await assertPositionFree(tx, code, position, "input.position");
    await tx.repo(Membership).insert({ memberId: member.id, committeeCode: code, term, position, startedOn });
    return member;
  });
}

/**
 * The person who gets the seat: by id among the members this office sees, or, for a
 * person registered by another committee, by ID card or name + birth date (person.ts).
 * Either way it is the same person record, never a copy; the new seat makes them visible
 * to this office from now on.
 */
async function seatCandidate(ctx: RequestContext, input: AddMembershipInput): Promise<Member> {
  if (input.memberId) return getMember(ctx, input.memberId, "input.memberId");
  const found = await findPerson(ctx, input, "input");
  if (!found) {
    throw new AppError(
      "NOT_FOUND",
      "未找到此身份证号(或姓名加出生日期)的委员, 新委员请用 createMember 登记",
      "no person with this ID card (or name and birth date); register a new person with createMember",
      { entity: "member" },
    );
  }
  return found;
}

/**
 * Ends a seat. When the last seat ends by resignation, the person's status follows;
 * a term ending leaves the status alone (they simply hold no seat).
 */
export async function endMembership(ctx: RequestContext, input: EndMembershipInput): Promise<Member> {
  ctx.require(MANAGE_MEMBERS);
  const seat = await membershipScope.getForWrite(ctx, input.membershipId, "input.membershipId");
  if (input.reason === MembershipEndReason.REVOKED) {
    throw badInput("input.reason", "撤销委员资格请使用 revokeMember", "use revokeMember to revoke a seat");
  }
  const endedOn = parseDate(input.endedOn, "input.endedOn") ?? today();
  const note = text(input.note, "input.note", { max: 500 }) || null;
  return closeSeat(
    ctx,
    seat,
    endedOn,
    input.reason,
    note,
    input.reason === MembershipEndReason.RESIGNED ? MemberStatus.RESIGNED : null,
  );
}

/** 撤销委员资格: ends the seat on the staff's committee with REVOKED. */
export async function revokeMember(ctx: RequestContext, input: RevokeMemberInput): Promise<Member> {
  ctx.require(MANAGE_MEMBERS);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await membershipScope.assertCanCreate(ctx, code, "input.committee");
  const member = await getMember(ctx, input.memberId, "input.memberId");
  const note = text(input.note, "input.note", { max: 500, required: true });
  const revokedOn = parseDate(input.revokedOn, "input.revokedOn") ?? today();
  const seat = (
    await ctx.repo(Membership).find({ where: { memberId: member.id, committeeCode: code, endedOn: IsNull() } })
  )[0];
  if (!seat) throw badInput("input.memberId", "该委员在此政协没有在任职务", `member holds no current seat on ${code}`);
  return closeSeat(ctx, seat, revokedOn, MembershipEndReason.REVOKED, note, MemberStatus.REVOKED);
}

async function closeSeat(
  ctx: RequestContext,
  seat: Membership,
  endedOn: string,
  reason: MembershipEndReason,
  note: string | null,
  statusIfLast: MemberStatus | null,
): Promise<Member> {
  if (endedOn < seat.startedOn) {
    throw badInput(
      "input.endedOn",
      "结束日期不能早于任职开始日期",
      `cannot be before the seat started (${seat.startedOn})`,
    );
  }
  return ctx.transaction(Membership, async (tx) => {
    // Conditional on the seat still being open: two clerks ending it at once, one wins.
    const res = await tx
      .repo(Membership)
      .createQueryBuilder()
      .update()
      .set({ endedOn, endReason: reason, endNote: note })
      .where("id = :id AND ended_on IS NULL", { id: seat.id })
      .execute();
    if (res.affected !== 1) throw badInput("input.membershipId", "该任职已结束", "this seat has already ended");
    const others = await tx.repo(Membership).find({ where: { memberId: seat.memberId, endedOn: IsNull() } });
    const member = (await tx.repo(Member).findOneBy({ id: seat.memberId }))!;
    if (statusIfLast && others.length === 0) {
      await tx
        .repo(Member)
        .createQueryBuilder()
        .update()
        .set({ status: statusIfLast, version: () => "version + 1", updatedAt: new Date() })
        .where("id = :id", { id: member.id })
        .execute();
      return (await tx.repo(Member).findOneBy({ id: member.id }))!;
    }
    return member;
  });
}
