import { writeWorkbook, type RequestContext, type SheetValue } from "@tongxin/sdk";
import { In } from "typeorm";
import { Member } from "../member/member.entity";
import { Membership } from "../membership/membership.entity";
import { Party } from "../party/party.entity";
import { MANAGE_MEMBERS } from "../permissions";
import { Sector } from "../sector/sector.entity";
import { ROSTER_SHEET } from "./roster.sheet";

async function rosterChoices(ctx: RequestContext) {
  const sectors = await ctx.repo(Sector).find({ order: { sortOrder: "ASC" } });
  const parties = await ctx.repo(Party).find({ order: { sortOrder: "ASC" } });
  return {
    sectors: sectors.map((s) => ({ value: s.name, label: s.name })),
    parties: parties.map((p) => ({ value: p.shortName, label: p.shortName })),
    sectorName: new Map(sectors.map((s) => [s.id, s.name])),
    partyName: new Map(parties.map((p) => [p.id, p.shortName])),
  };
}

/** The empty 委员名册 with drop-downs for sectors, parties, positions and end reasons. */
export async function membersRosterTemplate(ctx: RequestContext): Promise<Buffer> {
  ctx.require(MANAGE_MEMBERS);
  const c = await rosterChoices(ctx);
  return writeWorkbook([{ sheet: ROSTER_SHEET, choices: { sectors: c.sectors, parties: c.parties } }]);
}

/**
 * Every seat of the committee (past ones too) with its person's profile, in the import
 * layout: this file imported back changes nothing. The ID-card column stays empty (the
 * number is not stored); 编号 identifies the person instead.
 */
export async function exportMembersRoster(ctx: RequestContext, code: string): Promise<Buffer> {
  ctx.require(MANAGE_MEMBERS);
  await ctx.assertStaffOf(code, "committee");
  const c = await rosterChoices(ctx);
  const seats = await ctx
    .repo(Membership)
    .find({ where: { committeeCode: code }, order: { memberId: "ASC", term: "ASC", id: "ASC" } });
  const people = new Map<number, Member>();
  const ids = [...new Set(seats.map((s) => s.memberId))];
  for (let i = 0; i < ids.length; i += 500) {
    for (const m of await ctx.repo(Member).findBy({ id: In(ids.slice(i, i + 500)) })) people.set(m.id, m);
  }
  // A person re-seated within one term has two seats of that term; the import keys seats by term, so the latest stands for it.
  const latest = new Map<string, Membership>();
  for (const s of seats) latest.set(`${s.memberId}|${s.term}`, s);
  const rows: Record<string, SheetValue>[] = [...latest.values()].map((s) => {
    const m = people.get(s.memberId)!;
    return {
      memberId: m.id,
      name: m.name,
      gender: m.gender,
      ethnicity: m.ethnicity,
      idCard: null,
      birthDate: m.birthDate,
      party: m.partyId ? (c.partyName.get(m.partyId) ?? null) : null,
      sector: c.sectorName.get(m.sectorId) ?? null,
      workplace: m.workplace,
      jobTitle: m.jobTitle,
      term: s.term,
      position: s.position,
      startedOn: s.startedOn,
      endedOn: s.endedOn,
      endReason: s.endReason,
      commitmentSignedOn: m.commitmentSignedOn,
    };
  });
  return writeWorkbook([{ sheet: ROSTER_SHEET, rows, choices: { sectors: c.sectors, parties: c.parties } }]);
}
