import { insertInChunks, type Random, seededRandom } from "@tongxin/sdk";
import type { SeedContext } from "@tongxin/sdk";
import { Committee } from "../committee/committee.entity";
import { CommitteeTerm } from "../committee/committee-term.entity";
import { Gender, Member, MemberStatus } from "../member/member.entity";
import { Membership, MembershipEndReason, Position } from "../membership/membership.entity";
import { Party } from "../party/party.entity";
import { Sector } from "../sector/sector.entity";
import {
  COMMITTEES,
  DEFAULT_WORKPLACE,
  ETHNICITIES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  HUI_SURNAMES,
  NO_PARTY,
  PARTIES,
  SECTORS,
  SURNAMES,
  WORKPLACES,
  YI_SURNAMES,
  type CommitteeSeed,
} from "./reference-data";

type Rng = Random;

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

function personName(rng: Rng, gender: Gender, ethnicity: string): string {
  const surname =
    ethnicity === "回族"
      ? rng.pick<string>(HUI_SURNAMES)
      : ethnicity === "彝族"
        ? rng.pick<string>(YI_SURNAMES)
        : rng.pick<string>(SURNAMES);
  const pool = gender === Gender.FEMALE ? GIVEN_FEMALE : GIVEN_MALE;
  const given = rng.next() < 0.3 ? rng.pick<string>(pool) : rng.pick<string>(pool) + rng.pick<string>(pool);
  return surname + given;
}

interface Draft {
  id: number;
  member: Omit<Member, "createdAt" | "updatedAt">;
  seats: Omit<Membership, "id" | "createdAt">[];
}

function positionFor(index: number, level: Committee["level"]): Position {
  const vice = level === "CITY" ? 6 : 4;
  const standing = level === "CITY" ? 55 : 30;
  if (index === 0) return Position.CHAIR;
  if (index <= vice) return Position.VICE_CHAIR;
  if (index === vice + 1) return Position.SECRETARY_GENERAL;
  if (index <= vice + 1 + standing) return Position.STANDING_MEMBER;
  return Position.MEMBER;
}

function draftCommittee(
  rng: Rng,
  c: CommitteeSeed,
  nextId: () => number,
  sectorIds: Map<string, number>,
  partyIds: Map<string, number>,
): Draft[] {
  const names = new Set<string>();
  const drafts: Draft[] = [];
  for (let i = 0; i < c.size; i++) {
    const sector = rng.weighted(SECTORS);
    const ethnicity = sector.name === "少数民族" ? rng.pick(["回族", "彝族", "苗族"]) : rng.weighted(ETHNICITIES).name;
    const gender = sector.name === "妇联" || rng.next() < 0.27 ? Gender.FEMALE : Gender.MALE;
    let name = personName(rng, gender, ethnicity);
    while (names.has(name)) name = personName(rng, gender, ethnicity);
    names.add(name);
    // Party sectors are filled by that party; elsewhere about a third are CPC members.
    const party = sector.party ?? (rng.next() < 0.35 ? "中共" : rng.next() < 0.15 ? rng.pick(PARTIES).shortName : null);
    const work = WORKPLACES[sector.name] ?? DEFAULT_WORKPLACE;
    const joinedLate = i > 40 && rng.next() < 0.05; // 补选 at a later plenary session
    const startedOn = joinedLate ? addDays(c.termStartedOn, 365 + rng.int(0, 20)) : c.termStartedOn;
    const id = nextId();
    drafts.push({
      id,
      member: {
        id,
        name,
        gender,
        ethnicity,
        sectorId: sectorIds.get(sector.name)!,
        partyId: party ? partyIds.get(party)! : null,
        workplace: rng.pick(work.places).replace("{place}", c.place),
        jobTitle: rng.pick(work.titles),
        status: MemberStatus.ACTIVE,
        commitmentSignedOn: null,
        idCardHash: null,
        birthDate: null,
        registeredBy: c.code,
        version: 1,
      },
      seats: [
        {
          memberId: id,
          committeeCode: c.code,
          term: c.currentTerm,
          position: positionFor(i, c.level),
          startedOn,
          endedOn: null,
          endReason: null,
          endNote: null,
        },
      ],
    });
  }
  return drafts;
}

/**
 * Ends a few seats the way a real term goes: some resign or move away, and (as in the
 * city's 2023 report) one seat is revoked. Then most of those still seated sign the duty
 * letter: on the city, 394 at the end of 2023.
 */
function lifeOfTheTerm(rng: Rng, c: CommitteeSeed, drafts: Draft[]): void {
  const ordinary = drafts.filter((d) => d.seats[0].position === Position.MEMBER);
  const leave = Math.max(2, Math.round(drafts.length * 0.012));
  for (let k = 0; k < leave; k++) {
    const d = ordinary.splice(rng.int(0, ordinary.length - 1), 1)[0];
    const reason = rng.next() < 0.5 ? MembershipEndReason.RESIGNED : MembershipEndReason.TRANSFERRED;
    Object.assign(d.seats[0], { endedOn: addDays("2023-01-01", rng.int(0, 600)), endReason: reason });
    if (reason === MembershipEndReason.RESIGNED) d.member.status = MemberStatus.RESIGNED;
  }
  const revocations = c.level === "CITY" ? 1 : rng.next() < 0.3 ? 1 : 0;
  for (let k = 0; k < revocations; k++) {
    const d = ordinary.splice(rng.int(0, ordinary.length - 1), 1)[0];
    Object.assign(d.seats[0], {
      endedOn: `2023-${String(rng.int(3, 10)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
      endReason: MembershipEndReason.REVOKED,
      endNote: "常委会会议决定撤销其委员资格",
    });
    d.member.status = MemberStatus.REVOKED;
  }
  const seatedEnd2023 = drafts.filter(
    (d) => d.seats[0].startedOn <= "2023-12-31" && (!d.seats[0].endedOn || d.seats[0].endedOn > "2023-12-31"),
  );
  const target = c.level === "CITY" ? 394 : Math.round(seatedEnd2023.length * (0.93 + rng.next() * 0.05));
  const order = [...seatedEnd2023].sort(() => rng.next() - 0.5);
  for (const d of order.slice(0, Math.min(target, order.length))) {
    d.member.commitmentSignedOn = `2023-0${rng.int(1, 3)}-${String(rng.int(10, 28))}`;
  }
}

/** Seeds committees, sectors, parties and about 2,600 members when the register is empty. */
export async function seedMembers({ dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(Committee).count()) > 0) return;
  const rng = seededRandom(20240108); // the day the source report was given
  await dataSource.transaction(async (em) => {
    await insertInChunks(
      em,
      Committee,
      COMMITTEES.map((c, i) => ({
        code: c.code,
        name: c.name,
        level: c.level,
        parentCode: c.parentCode,
        currentTerm: c.currentTerm,
        termStartedOn: c.termStartedOn,
        sortOrder: i,
      })),
    );
    await insertInChunks(
      em,
      CommitteeTerm,
      COMMITTEES.map((c) => ({ committeeCode: c.code, term: c.currentTerm, startedOn: c.termStartedOn })),
    );
    await insertInChunks(
      em,
      Sector,
      SECTORS.map((s, i) => ({ id: i + 1, name: s.name, sortOrder: i })),
    );
    await insertInChunks(
      em,
      Party,
      // 群众 (no party) is listed last, outside PARTIES, so the demo's random draws stay the same.
      [...PARTIES, NO_PARTY].map((p, i) => ({ id: i + 1, name: p.name, shortName: p.shortName, sortOrder: i })),
    );
    const sectorIds = new Map(SECTORS.map((s, i) => [s.name, i + 1]));
    const partyIds = new Map(PARTIES.map((p, i) => [p.shortName, i + 1]));

    let id = 0;
    const all: Draft[] = [];
    const city = COMMITTEES[0];
    const cityDrafts = draftCommittee(rng, city, () => ++id, sectorIds, partyIds);
    lifeOfTheTerm(rng, city, cityDrafts);
    all.push(...cityDrafts);
    for (const c of COMMITTEES.slice(1)) {
      // A few city members also sit on their home county's committee.
      const shared = cityDrafts
        .filter(
          (d) =>
            d.member.status === MemberStatus.ACTIVE && d.seats[0].position === Position.MEMBER && d.seats.length === 1,
        )
        .slice(0, 400)
        .filter(() => rng.next() < 0.008)
        .slice(0, 3);
      const own = draftCommittee(rng, { ...c, size: c.size - shared.length }, () => ++id, sectorIds, partyIds);
      lifeOfTheTerm(rng, c, own);
      for (const d of shared) {
        d.seats.push({
          memberId: d.id,
          committeeCode: c.code,
          term: c.currentTerm,
          position: Position.MEMBER,
          startedOn: c.termStartedOn,
          endedOn: null,
          endReason: null,
          endNote: null,
        });
      }
      all.push(...own);
    }
    await insertInChunks(
      em,
      Member,
      all.map((d) => d.member as Member),
    );
    await insertInChunks(em, Membership, all.flatMap((d) => d.seats) as Membership[]);
    log(
      `seeded ${COMMITTEES.length} committees, ${all.length} members, ${all.reduce((n, d) => n + d.seats.length, 0)} seats`,
    );
  });
}
