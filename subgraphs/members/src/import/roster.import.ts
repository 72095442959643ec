import {
  conflict,
  readWorkbook,
  reportDuplicates,
  today,
  type ImportProgress,
  type ImportResult,
  type ParsedRow,
  type RequestContext,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { Committee } from "../committee/committee.entity";
import { Member, MemberStatus, type Gender } from "../member/member.entity";
import { idCardProblem, readIdCard } from "../member/id-card";
import { findPeople, nameBirthKey, profileKeeper } from "../member/person";
import { Membership, MembershipEndReason, Position } from "../membership/membership.entity";
import { Party } from "../party/party.entity";
import { MANAGE_MEMBERS } from "../permissions";
import { Sector } from "../sector/sector.entity";
import { ROSTER_SHEET } from "./roster.sheet";

export interface RosterImportOptions {
  committee: string;
  data: Buffer;
  dryRun?: boolean;
  onProgress?: ImportProgress;
}

/** Profile columns as stored on the member; compared field by field to decide "unchanged". */
interface Profile {
  name: string;
  gender: Gender;
  ethnicity: string;
  partyId: number | null;
  sectorId: number;
  workplace: string;
  jobTitle: string;
}
const PROFILE_KEYS: (keyof Profile)[] = ["name", "gender", "ethnicity", "partyId", "sectorId", "workplace", "jobTitle"];
const PROFILE_HEADERS: Record<keyof Profile, string> = {
  name: "name",
  gender: "gender",
  ethnicity: "ethnicity",
  partyId: "party",
  sectorId: "sector",
  workplace: "workplace",
  jobTitle: "jobTitle",
};

interface Seat {
  term: number;
  position: Position;
  startedOn: string;
  endedOn: string | null;
  endReason: MembershipEndReason | null;
}

/** A person of the file: an existing member, or one to create (shared by their rows). */
interface FilePerson {
  existing: Member | null;
  /** Rows of this person, first one decides the profile. */
  firstRow: number;
  profile: Profile;
  idCardHash: string | null;
  birthDate: string | null;
  commitmentSignedOn: string | null;
  /** Whether this committee may write the profile (new person, or it keeps the profile). */
  keepsProfile: boolean;
  keeper: string | null;
  allSeats: Membership[];
}

interface RowPlan {
  row: number;
  person: FilePerson;
  seat: Seat;
  existingSeat: Membership | null;
}

const BATCH = 200;

/**
 * Imports a committee's 委员名册. The whole file is checked first and every problem is
 * answered by cell; then all rows are written in one transaction, or none. Importing the
 * same file again writes nothing: people are matched by 编号, ID card or name + birth
 * date, seats by person + committee + term, and a row equal to the database is unchanged.
 */
export async function importMembersRoster(ctx: RequestContext, opts: RosterImportOptions): Promise<ImportResult> {
  ctx.require(MANAGE_MEMBERS);
  await ctx.assertStaffOf(opts.committee, "committee");
  const code = opts.committee;
  const progress = opts.onProgress ?? (() => undefined);
  const committee = (await ctx.repo(Committee).findOneBy({ code }))!;
  const sectors = await ctx.repo(Sector).find({ order: { sortOrder: "ASC" } });
  const parties = await ctx.repo(Party).find({ order: { sortOrder: "ASC" } });
  const choices = {
    sectors: sectors.map((s) => ({ value: s.name, label: s.name })),
    parties: parties.map((p) => ({ value: p.shortName, label: p.shortName })),
  };

  progress("read", 0, 1);
  const { rows: sheets, problems } = await readWorkbook(opts.data, [{ sheet: ROSTER_SHEET, choices }]);
  const rows = sheets.get(ROSTER_SHEET.name) ?? [];
  progress("read", 1, 1);
  const sheet = ROSTER_SHEET;
  const sectorId = new Map(sectors.map((s) => [s.name, s.id]));
  const partyId = new Map(parties.map((p) => [p.shortName, p.id]));
  const t = today();

  // 1. Cell rules that need more than the column's type.
  const cards = new Map<number, { hash: string; birthDate: string }>();
  for (const r of rows) {
    const v = r.values;
    if (typeof v.ethnicity === "string" && !v.ethnicity.endsWith("族")) {
      problems.add(sheet, r.row, "ethnicity", '民族应以"族"结尾, 如 汉族', "write the full name, e.g. 汉族");
    }
    if (typeof v.idCard === "string") {
      const p = idCardProblem(v.idCard);
      if (p) problems.add(sheet, r.row, "idCard", p[0], p[1]);
      else {
        const card = readIdCard(v.idCard);
        cards.set(r.row, card);
        if (v.birthDate && v.birthDate !== card.birthDate) {
          problems.add(
            sheet,
            r.row,
            "birthDate",
            `出生日期与身份证号不符 (${card.birthDate})`,
            `does not match the ID-card number (${card.birthDate})`,
          );
        }
      }
    }
    if (!v.memberId && !v.idCard && !v.birthDate) {
      problems.add(
        sheet,
        r.row,
        "idCard",
        "新委员须填写身份证号或出生日期, 以便识别同一人",
        "a new person needs an ID-card number or a birth date to be identified",
      );
    }
    const birth = (v.birthDate as string | null) ?? cards.get(r.row)?.birthDate ?? null;
    if (birth && (birth > t || birth < "1900-01-01")) {
      problems.add(sheet, r.row, "birthDate", "出生日期无效", "not a plausible birth date");
    }
    if (typeof v.term === "number" && v.term > committee.currentTerm + 1) {
      problems.add(
        sheet,
        r.row,
        "term",
        `届次应在 1 到 ${committee.currentTerm + 1} 之间`,
        `must be from 1 to ${committee.currentTerm + 1}`,
      );
    }
    if (v.startedOn && v.endedOn && (v.endedOn as string) < (v.startedOn as string)) {
      problems.add(
        sheet,
        r.row,
        "endedOn",
        `任职结束日期 ${v.endedOn} 早于任职开始日期 ${v.startedOn}`,
        `seat ends (${v.endedOn}) before it starts (${v.startedOn})`,
      );
    }
    if (birth && v.startedOn && (v.startedOn as string) <= birth) {
      problems.add(sheet, r.row, "startedOn", "任职开始日期早于出生日期", "seat starts before the person was born");
    }
    if (v.endedOn && !v.endReason) {
      problems.add(
        sheet,
        r.row,
        "endReason",
        "填写了任职结束日期时须填写结束原因",
        "an ended seat needs an end reason",
      );
    }
    if (!v.endedOn && v.endReason) {
      problems.add(sheet, r.row, "endedOn", "填写了结束原因时须填写任职结束日期", "an end reason needs an end date");
    }
    if (v.commitmentSignedOn && (v.commitmentSignedOn as string) > t) {
      problems.add(sheet, r.row, "commitmentSignedOn", "签订日期不能晚于今天", "cannot be in the future");
    }
  }
  progress("check", 0, rows.length);

  // 2. Who each row is: existing people in two statements per 500 rows, whatever the file size.
  const hashes = [...new Set([...cards.values()].map((c) => c.hash))];
  const names = [...new Set(rows.map((r) => r.values.name).filter((n): n is string => typeof n === "string"))];
  const { byHash, byNameBirth } = await findPeople(ctx, hashes, names);
  const ownSeats = await ctx.repo(Membership).find({ where: { committeeCode: code }, order: { id: "ASC" } });
  const onRegister = new Set(ownSeats.map((s) => s.memberId));
  const ids = [...new Set(rows.map((r) => r.values.memberId).filter((n): n is number => typeof n === "number"))];
  const byId = new Map<number, Member>();
  const wantedIds = ids.filter((id) => onRegister.has(id));
  for (let i = 0; i < wantedIds.length; i += 500) {
    for (const m of await ctx.repo(Member).findBy({ id: In(wantedIds.slice(i, i + 500)) })) byId.set(m.id, m);
  }

  const existingOf = (r: ParsedRow): Member | null | "ambiguous" | "unknown-id" | "conflict" => {
    const v = r.values;
    const card = cards.get(r.row);
    let found: Member | null = null;
    if (typeof v.memberId === "number") {
      found = byId.get(v.memberId) ?? null;
      if (!found) return "unknown-id";
    }
    if (card) {
      const byCard = byHash.get(card.hash) ?? null;
      if (found && byCard && byCard.id !== found.id) return "conflict";
      found ??= byCard;
    }
    if (!found && typeof v.name === "string") {
      const birth = (v.birthDate as string | null) ?? card?.birthDate;
      if (birth) {
        const list = byNameBirth.get(nameBirthKey(v.name, birth)) ?? [];
        // A person with an ID card on file is matched by the card only: a namesake born the same day is someone else.
        const candidates = card ? list.filter((m) => !m.idCardHash) : list;
        if (candidates.length > 1) return "ambiguous";
        found = candidates[0] ?? null;
      }
    }
    return found;
  };

  const existingIds = new Set<number>();
  const resolved = new Map<number, Member | null>();
  for (const r of rows) {
    const e = existingOf(r);
    if (e === "unknown-id") {
      problems.add(
        sheet,
        r.row,
        "memberId",
        `编号 ${r.values.memberId} 不在本级政协名册中; 他级政协登记的委员请填身份证号或出生日期, 编号留空`,
        `member ${r.values.memberId} is not on this committee's register; for a person of another committee give the ID card or birth date and leave 编号 empty`,
      );
    } else if (e === "conflict") {
      problems.add(
        sheet,
        r.row,
        "idCard",
        "身份证号属于另一位委员, 与编号不符",
        "the ID card belongs to another member than 编号",
      );
    } else if (e === "ambiguous") {
      problems.add(
        sheet,
        r.row,
        "idCard",
        "同名同出生日期的委员不止一位, 请填写身份证号",
        "more than one person has this name and birth date; give the ID card",
      );
    } else {
      resolved.set(r.row, e);
      if (e) existingIds.add(e.id);
    }
  }
  const seatsOf = new Map<number, Membership[]>();
  const idList = [...existingIds];
  for (let i = 0; i < idList.length; i += 500) {
    const seats = await ctx
      .repo(Membership)
      .find({ where: { memberId: In(idList.slice(i, i + 500)) }, order: { id: "ASC" } });
    for (const s of seats) seatsOf.set(s.memberId, [...(seatsOf.get(s.memberId) ?? []), s]);
  }

  // 3. People of the file: one per existing member, one per new person (by ID card, or name + birth date).
  const people = new Map<string, FilePerson>();
  const personOfRow = new Map<number, FilePerson>();
  const warnings: ImportResult["warnings"] = [];
  for (const r of rows) {
    if (!resolved.has(r.row)) continue;
    const v = r.values;
    const existing = resolved.get(r.row)!;
    const card = cards.get(r.row);
    const birth = (v.birthDate as string | null) ?? card?.birthDate ?? null;
    const aliases = existing
      ? [`id:${existing.id}`]
      : [
          card ? `card:${card.hash}` : null,
          birth && typeof v.name === "string" ? `nb:${nameBirthKey(v.name, birth)}` : null,
        ].filter((a): a is string => a !== null);
    if (aliases.length === 0) continue;
    const profile: Profile = {
      name: v.name as string,
      gender: v.gender as Gender,
      ethnicity: v.ethnicity as string,
      partyId: v.party ? (partyId.get(v.party as string) ?? null) : null,
      sectorId: sectorId.get(v.sector as string) ?? 0,
      workplace: (v.workplace as string | null) ?? "",
      jobTitle: (v.jobTitle as string | null) ?? "",
    };
    let person = aliases.map((a) => people.get(a)).find((p) => p);
    if (!person) {
      const allSeats = existing ? (seatsOf.get(existing.id) ?? []) : [];
      const keeper = existing ? profileKeeper(existing, allSeats, t) : code;
      person = {
        existing,
        firstRow: r.row,
        profile,
        idCardHash: card?.hash ?? null,
        birthDate: birth,
        commitmentSignedOn: (v.commitmentSignedOn as string | null) ?? null,
        keepsProfile: !existing || keeper === code || keeper === null,
        keeper,
        allSeats,
      };
    } else {
      const differs = PROFILE_KEYS.filter((k) => person!.profile[k] !== profile[k]);
      for (const k of differs) {
        problems.add(
          sheet,
          r.row,
          PROFILE_HEADERS[k],
          `同一人在第 ${person.firstRow} 行的此项与本行不同`,
          `differs from the same person's row ${person.firstRow}`,
        );
      }
      person.idCardHash ??= card?.hash ?? null;
      person.birthDate ??= birth;
      person.commitmentSignedOn ??= (v.commitmentSignedOn as string | null) ?? null;
    }
    for (const a of aliases) people.set(a, person);
    personOfRow.set(r.row, person);
  }

  // 4. Duplicates: the same person twice for the same term (their seat would be written twice).
  const keyOfPerson = new Map<FilePerson, number>();
  reportDuplicates(
    problems,
    sheet,
    rows,
    (r) => {
      const p = personOfRow.get(r.row);
      if (!p || typeof r.values.term !== "number") return null;
      if (!keyOfPerson.has(p)) keyOfPerson.set(p, keyOfPerson.size);
      return `${keyOfPerson.get(p)}|${r.values.term}`;
    },
    { zh: "同一人同一届", en: "the same person for the same term", column: "name" },
  );
  const seenCards = new Map<string, number>();
  for (const r of rows) {
    const card = cards.get(r.row);
    const p = personOfRow.get(r.row);
    if (!card || !p) continue;
    // Two new people with one ID card, or an ID card that another member already holds.
    const holder = byHash.get(card.hash);
    if (holder && p.existing && holder.id !== p.existing.id) {
      problems.add(
        sheet,
        r.row,
        "idCard",
        `身份证号已属于委员 ${holder.id}`,
        `the ID card already belongs to member ${holder.id}`,
      );
    }
    const first = seenCards.get(card.hash);
    if (first !== undefined && personOfRow.get(first) !== p) {
      problems.add(sheet, r.row, "idCard", `身份证号与第 ${first} 行重复`, `ID card duplicates row ${first}`);
    } else seenCards.set(card.hash, r.row);
  }

  // 5. Seats: matched by person + committee + term; one open seat per person here; one chair, one secretary-general.
  const plans: RowPlan[] = [];
  for (const r of rows) {
    const person = personOfRow.get(r.row);
    if (!person) continue;
    const v = r.values;
    const seat: Seat = {
      term: v.term as number,
      position: v.position as Position,
      startedOn: v.startedOn as string,
      endedOn: (v.endedOn as string | null) ?? null,
      endReason: (v.endReason as MembershipEndReason | null) ?? null,
    };
    const existingSeat =
      person.allSeats.filter((s) => s.committeeCode === code && s.term === seat.term).slice(-1)[0] ?? null;
    if (!seat.endedOn && person.existing && person.existing.status !== MemberStatus.ACTIVE && !existingSeat) {
      problems.add(
        sheet,
        r.row,
        "endedOn",
        `该委员状态为 ${person.existing.status}, 不能增加在任任职`,
        `member is ${person.existing.status}; an open seat cannot be added`,
      );
    }
    plans.push({ row: r.row, person, seat, existingSeat });
  }
  const openHere = new Map<FilePerson, RowPlan[]>();
  for (const p of plans) {
    if (!p.seat.endedOn) openHere.set(p.person, [...(openHere.get(p.person) ?? []), p]);
  }
  for (const [person, open] of openHere) {
    const plannedTerms = new Set(plans.filter((p) => p.person === person).map((p) => p.seat.term));
    const dbOpen = person.allSeats.filter((s) => s.committeeCode === code && !s.endedOn && !plannedTerms.has(s.term));
    if (open.length + dbOpen.length > 1) {
      for (const p of open.slice(dbOpen.length ? 0 : 1)) {
        problems.add(
          sheet,
          p.row,
          "endedOn",
          "同一人在本级政协只能有一个在任任职, 请填写其他届的任职结束日期",
          "a person holds one open seat per committee; end the other term's seat",
        );
      }
    }
  }
  const touched = new Set(plans.map((p) => `${p.person.existing?.id ?? "new"}|${p.seat.term}`));
  for (const position of [Position.CHAIR, Position.SECRETARY_GENERAL]) {
    const inFile = plans.filter((p) => p.seat.position === position && !p.seat.endedOn);
    const inDb = ownSeats.filter(
      (s) => s.position === position && !s.endedOn && !touched.has(`${s.memberId}|${s.term}`),
    );
    if (inFile.length + inDb.length > 1) {
      for (const p of inFile.slice(inDb.length ? 0 : 1)) {
        problems.add(
          sheet,
          p.row,
          "position",
          "本级政协只能有一位在任的此职务",
          `the committee has one current ${position}`,
        );
      }
    }
  }

  // 6. What each row changes.
  const profileChanges = new Map<FilePerson, Partial<Member>>();
  for (const person of new Set(personOfRow.values())) {
    const m = person.existing;
    if (!m) continue;
    const change: Partial<Member> = {};
    for (const k of PROFILE_KEYS) {
      if (m[k] === person.profile[k]) continue;
      if (person.keepsProfile) (change as Record<string, unknown>)[k] = person.profile[k];
      else {
        warnings.push({
          sheet: sheet.name,
          row: person.firstRow,
          ...problems.cellOf(sheet, person.firstRow, PROFILE_HEADERS[k]),
          message: `个人信息由 ${person.keeper} 政协维护, 此项未修改 / the profile is kept by committee ${person.keeper}; not changed`,
        });
      }
    }
    if (person.idCardHash && m.idCardHash !== person.idCardHash) {
      if (m.idCardHash) {
        problems.add(sheet, person.firstRow, "idCard", "与已登记的身份证号不符", "differs from the ID card on file");
      } else if (person.keepsProfile) change.idCardHash = person.idCardHash;
    }
    if (person.birthDate && m.birthDate !== person.birthDate) {
      if (person.keepsProfile) change.birthDate = person.birthDate;
      else {
        warnings.push({
          sheet: sheet.name,
          row: person.firstRow,
          ...problems.cellOf(sheet, person.firstRow, "birthDate"),
          message: `个人信息由 ${person.keeper} 政协维护, 出生日期未修改 / kept by committee ${person.keeper}; birth date not changed`,
        });
      }
    }
    if (person.commitmentSignedOn && m.commitmentSignedOn !== person.commitmentSignedOn) {
      change.commitmentSignedOn = person.commitmentSignedOn;
    }
    if (Object.keys(change).length) profileChanges.set(person, change);
  }
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const seatChanged = (p: RowPlan) =>
    p.existingSeat !== null &&
    (p.existingSeat.position !== p.seat.position ||
      p.existingSeat.startedOn !== p.seat.startedOn ||
      (p.existingSeat.endedOn ?? null) !== p.seat.endedOn ||
      (p.existingSeat.endReason ?? null) !== p.seat.endReason);
  const firstRowOf = new Set([...new Set(personOfRow.values())].map((p) => p.firstRow));
  for (const p of plans) {
    if (!p.person.existing || !p.existingSeat) created++;
    else if (seatChanged(p) || (firstRowOf.has(p.row) && profileChanges.has(p.person))) updated++;
    else unchanged++;
  }
  progress("check", rows.length, rows.length);

  const result: ImportResult = {
    dryRun: !!opts.dryRun,
    written: false,
    rows: rows.length,
    created,
    updated,
    unchanged,
    errors: problems.sorted(),
    warnings,
  };
  if (!problems.empty || opts.dryRun || created + updated === 0) return result;

  await writeRoster(ctx, code, plans, profileChanges, progress);
  return { ...result, written: true };
}

const personKey = (p: { idCardHash: string | null; name: string; birthDate: string | null }) =>
  p.idCardHash ? `card:${p.idCardHash}` : `nb:${nameBirthKey(p.name, p.birthDate ?? "")}`;

/**
 * New people in multi-row inserts, then their ids read back by their key (ID-card hash,
 * or name + birth date, each unique among the file's new people): drivers disagree on
 * the ids of a multi-row insert, and one statement per person costs seconds on MySQL.
 */
async function insertPeople(
  tx: RequestContext,
  code: string,
  people: FilePerson[],
  progress: (done: number) => void,
): Promise<Map<FilePerson, number>> {
  const ids = new Map<FilePerson, number>();
  if (people.length === 0) return ids;
  const repo = tx.repo(Member);
  const before = Number(
    (await repo.createQueryBuilder("m").select("MAX(m.id)", "max").getRawOne<{ max: number | null }>())?.max ?? 0,
  );
  for (let i = 0; i < people.length; i += BATCH) {
    const values = people.slice(i, i + BATCH).map((person) => ({
      ...person.profile,
      idCardHash: person.idCardHash,
      birthDate: person.birthDate,
      registeredBy: code,
      commitmentSignedOn: person.commitmentSignedOn,
      status: MemberStatus.ACTIVE,
      version: 1,
    }));
    // updateEntity(false): no read-back of defaults per row.
    await repo.createQueryBuilder().insert().values(values).updateEntity(false).execute();
    progress(Math.min(people.length, i + BATCH));
  }
  const inserted = await repo
    .createQueryBuilder("m")
    .select(["m.id", "m.idCardHash", "m.name", "m.birthDate"])
    .where("m.id > :before AND m.registered_by = :code", { before, code })
    .getMany();
  const byKey = new Map<string, number[]>();
  for (const m of inserted) byKey.set(personKey(m), [...(byKey.get(personKey(m)) ?? []), m.id]);
  for (const person of people) {
    const found = byKey.get(personKey({ ...person, name: person.profile.name })) ?? [];
    // Another import of the same person running at the same moment: refuse rather than guess (rolls back).
    if (found.length !== 1) throw conflict(`member ${person.profile.name}`);
    ids.set(person, found[0]);
  }
  return ids;
}

async function writeRoster(
  ctx: RequestContext,
  code: string,
  plans: RowPlan[],
  profileChanges: Map<FilePerson, Partial<Member>>,
  progress: ImportProgress,
): Promise<void> {
  const total = plans.length;
  await ctx.transaction(Member, async (tx) => {
    const newPeople = [...new Set(plans.map((p) => p.person).filter((p) => !p.existing))];
    const newIds = await insertPeople(tx, code, newPeople, (done) => progress("write", done, total));
    const done = newPeople.length;
    for (const [person, change] of profileChanges) {
      await tx
        .repo(Member)
        .createQueryBuilder()
        .update()
        .set({ ...change, version: () => "version + 1", updatedAt: new Date() } as never)
        .where("id = :id", { id: person.existing!.id })
        .execute();
    }
    const inserts: Partial<Membership>[] = [];
    for (const p of plans) {
      const memberId = p.person.existing?.id ?? newIds.get(p.person)!;
      if (!p.existingSeat) {
        inserts.push({ memberId, committeeCode: code, ...p.seat, endNote: null });
        continue;
      }
      const s = p.existingSeat;
      if (
        s.position === p.seat.position &&
        s.startedOn === p.seat.startedOn &&
        (s.endedOn ?? null) === p.seat.endedOn &&
        (s.endReason ?? null) === p.seat.endReason
      ) {
        continue;
      }
      await tx
        .repo(Membership)
        .createQueryBuilder()
        .update()
        .set({
          position: p.seat.position,
          startedOn: p.seat.startedOn,
          endedOn: p.seat.endedOn,
          endReason: p.seat.endReason,
        })
        .where("id = :id", { id: s.id })
        .execute();
    }
    for (let i = 0; i < inserts.length; i += BATCH) {
      await tx.repo(Membership).insert(inserts.slice(i, i + BATCH) as Membership[]);
      progress("write", Math.min(total, done + i + BATCH), total);
    }
    // A person whose last seat ended by resignation or revocation takes that status, as endMembership does.
    const memberIds = [...new Set(plans.map((p) => p.person.existing?.id ?? newIds.get(p.person)!))];
    for (let i = 0; i < memberIds.length; i += 500) {
      const seats = await tx.repo(Membership).find({ where: { memberId: In(memberIds.slice(i, i + 500)) } });
      const byMember = new Map<number, Membership[]>();
      for (const s of seats) byMember.set(s.memberId, [...(byMember.get(s.memberId) ?? []), s]);
      for (const [memberId, list] of byMember) {
        if (list.some((s) => !s.endedOn)) continue;
        const last = [...list].sort((a, b) => (a.endedOn ?? "").localeCompare(b.endedOn ?? ""))[list.length - 1];
        const status =
          last.endReason === MembershipEndReason.REVOKED
            ? MemberStatus.REVOKED
            : last.endReason === MembershipEndReason.RESIGNED
              ? MemberStatus.RESIGNED
              : null;
        if (!status) continue;
        await tx
          .repo(Member)
          .createQueryBuilder()
          .update()
          .set({ status, version: () => "version + 1", updatedAt: new Date() } as never)
          .where("id = :id AND status <> :status", { id: memberId, status })
          .execute();
      }
    }
    progress("write", total, total);
  });
}
