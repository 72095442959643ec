import { defineScope } from "@tongxin/sdk";
import { Membership } from "../membership/membership.entity";
import { seatOpenAt } from "../membership/membership.sql";
import { MANAGE_MEMBERS } from "../permissions";
import { Member } from "./member.entity";

/**
 * Who may see which members (lists, look-ups and federation references alike):
 * - STAFF: members who hold or held a seat on their committee or a committee below it;
 * - MEMBER: themselves and members who hold or held a seat on a committee where they sit now;
 * - UNIT: any member by id (a unit reads the proposer named on a proposal), no lists;
 * - SYSTEM: everyone.
 * A member belongs to several committees, so writes name the committee (`assertCanCreate`).
 */
export const memberScope = defineScope<Member>({
  entity: Member,
  name: "member",
  nameZh: "委员",
  committee: {
    where: (a) =>
      `EXISTS (SELECT 1 FROM membership vis WHERE vis.member_id = ${a}.id AND vis.committee_code IN (:...scopeCodes))`,
  },
  member: {
    own: (a) =>
      `${a}.id = :scopeMember OR EXISTS (SELECT 1 FROM membership theirs JOIN membership mine ON mine.committee_code = theirs.committee_code WHERE theirs.member_id = ${a}.id AND mine.member_id = :scopeMember AND ${seatOpenAt("mine", "scopeToday")})`,
  },
  unit: { lookupAny: true },
  writePermission: MANAGE_MEMBERS,
});

/** A seat is the business of the offices over its committee; its own office ends it. */
export const membershipScope = defineScope<Membership>({
  entity: Membership,
  name: "membership",
  nameZh: "任职记录",
  committee: { column: "committee_code" },
  committeeOf: (s) => s.committeeCode,
  writePermission: MANAGE_MEMBERS,
});
