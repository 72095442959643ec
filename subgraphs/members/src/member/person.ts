import { badInput, today, type RequestContext } from "@tongxin/sdk";
import { In } from "typeorm";
import type { Membership } from "../membership/membership.entity";
import { Member } from "./member.entity";
import { parseIdCard } from "./id-card";

/**
 * One person, several committees (DOMAIN.md): a person is found from another committee
 * by a stable identifier, never by browsing another committee's register.
 * - the ID-card number (compared as its keyed hash), or
 * - name + birth date, when it names exactly one person.
 * Knowing either is the office's proof that the person stands before it (the paper
 * appointment carries both); the look-up answers one person and nothing about their
 * other seats.
 */
export interface PersonIdentifier {
  idCard?: string | null;
  name?: string | null;
  birthDate?: string | null;
}

export async function findPerson(ctx: RequestContext, who: PersonIdentifier, field: string): Promise<Member | null> {
  if (who.idCard) {
    const card = parseIdCard(who.idCard, `${field}.idCard`);
    return ctx.repo(Member).findOneBy({ idCardHash: card.hash });
  }
  const name = who.name?.trim();
  if (name && who.birthDate) {
    const found = await ctx.repo(Member).find({ where: { name, birthDate: who.birthDate }, take: 2 });
    if (found.length > 1) {
      throw badInput(
        `${field}.idCard`,
        "同名同出生日期的委员不止一位, 请提供身份证号",
        "more than one person has this name and birth date; give the ID-card number",
      );
    }
    return found[0] ?? null;
  }
  throw badInput(
    field,
    "请给出委员编号, 或身份证号, 或姓名加出生日期",
    "give memberId, or idCard, or name and birthDate",
  );
}

/** People by ID-card hash and by name + birth date, in two statements per chunk (imports of thousands). */
export async function findPeople(
  ctx: RequestContext,
  hashes: string[],
  names: string[],
): Promise<{ byHash: Map<string, Member>; byNameBirth: Map<string, Member[]> }> {
  const byHash = new Map<string, Member>();
  const byNameBirth = new Map<string, Member[]>();
  const chunk = 500;
  for (let i = 0; i < hashes.length; i += chunk) {
    for (const m of await ctx.repo(Member).findBy({ idCardHash: In(hashes.slice(i, i + chunk)) })) {
      byHash.set(m.idCardHash!, m);
    }
  }
  for (let i = 0; i < names.length; i += chunk) {
    for (const m of await ctx.repo(Member).findBy({ name: In(names.slice(i, i + chunk)) })) {
      if (!m.birthDate) continue;
      const k = nameBirthKey(m.name, m.birthDate);
      byNameBirth.set(k, [...(byNameBirth.get(k) ?? []), m]);
    }
  }
  return { byHash, byNameBirth };
}

export const nameBirthKey = (name: string, birthDate: string) => `${name.trim()}|${birthDate}`;

const isCurrent = (s: Membership, t: string) => s.startedOn <= t && (!s.endedOn || s.endedOn > t);

/**
 * The committee whose office keeps a person's profile (name, gender, ethnicity, birth
 * date, ID card, party, sector, workplace, job title): the committee that registered
 * them, while they still sit there; after that seat ends, the committee of their
 * earliest current seat. Every other office with a seat edits only its own seat and the
 * duty letter, so a county cannot rewrite what the city keeps about its member.
 */
export function profileKeeper(member: Member, seats: readonly Membership[], day = today()): string | null {
  const current = seats.filter((s) => isCurrent(s, day));
  if (member.registeredBy && current.some((s) => s.committeeCode === member.registeredBy)) return member.registeredBy;
  const earliest = [...current].sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.id - b.id)[0];
  return earliest?.committeeCode ?? member.registeredBy ?? null;
}
