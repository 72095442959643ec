import {
  type CommitteeNode,
  type CommitteeTree,
  groupBy,
  insertInChunks,
  type MemberInfo,
  type SeedContext,
  seededRandom,
  type Random,
  today,
} from "@tongxin/sdk";
import { StudioActivity, StudioActivityParticipant, StudioActivityType } from "../activity/activity.entity";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { entryCurrentAt } from "../roster/roster.sql";
import { Studio, StudioStatus } from "../studio/studio.entity";
import { ACTIVITY_TITLES, STREETS, STUDIO_TEMPLATES, VENUES } from "./catalog";

type Rng = Random;

/**
 * The city's 2023 figures from the source report (11 new studios, 135 new studio members,
 * 226 in all) plus the studios that existed before; counties are scaled by their size.
 * A few members leave in 2023, a few leave and come back, a few sit in two studios, so
 * the figures' definitions (distinct members, first join date) have something to do.
 */
const YEAR_2022 = { studios: 9, leavers: 4, rejoiners: 2 };
const YEAR_2023 = { newStudios: 11, studioMembers: 226, newStudioMembers: 135, inTwoStudios: 6 };
const LATER_YEARS = [
  { year: 2024, studios: 5, joiners: 70 },
  { year: 2025, studios: 3, joiners: 40 },
  { year: 2026, studios: 2, joiners: 25 },
];
/** The days within which a year's studios open and members join. */
const windowOf = (year: number) =>
  year === 2022
    ? { start: "2022-03-01", end: "2022-11-30" }
    : year === 2023
      ? { start: "2023-02-01", end: "2023-12-20" }
      : { start: `${year}-01-15`, end: `${year}-12-20` };
const END_2023 = "2023-12-31";
const CLOSING_DAY = "2025-06-30";

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysFrom = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const dayBetween = (rng: Rng, from: string, to: string) => addDays(from, rng.int(0, Math.max(0, daysFrom(from, to))));
const later = (a: string, b: string) => (a > b ? a : b);
const shuffle = <T>(rng: Rng, list: readonly T[]): T[] => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

type DraftStudio = Omit<Studio, "version" | "createdAt" | "updatedAt">;
type DraftStay = Omit<StudioRosterEntry, "id" | "createdAt">;
interface DraftActivity extends Omit<StudioActivity, "version" | "createdAt" | "updatedAt"> {
  participants: number[];
}

interface Plan {
  studios: DraftStudio[];
  stays: DraftStay[];
  activities: DraftActivity[];
  nextStudioId: number;
}

/** Who was active on each day the plan asks about, for one committee. */
type ActiveOn = (day: string) => Map<number, MemberInfo>;

function planCommittee(rng: Rng, c: CommitteeNode, scale: number, activeOn: ActiveOn, now: string, plan: Plan): void {
  const n = (x: number, min = 0) => Math.max(min, Math.round(x * scale));
  const place = c.name.replace(/政协$/, "");
  const templates = shuffle(rng, STUDIO_TEMPLATES);
  const own: DraftStudio[] = [];
  const everJoined = new Set<number>();
  const stayingToday = activeOn(now);

  const openStudio = (year: number): DraftStudio => {
    const w = windowOf(year);
    const k = own.length;
    const t = templates[k % templates.length];
    const round = Math.floor(k / templates.length);
    const studio: DraftStudio = {
      id: ++plan.nextStudioId,
      committeeCode: c.code,
      name: `${t.name}委员工作室${round ? `(${round + 1})` : ""}`,
      theme: t.theme,
      sector: t.sector,
      address: `${place}${rng.pick(STREETS)}${rng.pick(VENUES)}`,
      establishedOn: dayBetween(rng, w.start, addDays(w.end, -40)),
      leadMemberId: null,
      status: StudioStatus.OPEN,
      closedOn: null,
    };
    own.push(studio);
    plan.studios.push(studio);
    return studio;
  };
  const join = (studio: DraftStudio, memberId: number, joinedOn: string): DraftStay => {
    const stay = { studioId: studio.id, memberId, joinedOn, leftOn: null };
    plan.stays.push(stay);
    everJoined.add(memberId);
    return stay;
  };

  /**
   * `count` members of `eligible` who were never in a studio join this year: first a
   * leading member for each new studio (someone still active today, preferably of the
   * studio's sector), then the others, sector-minded studios preferring their sector.
   */
  const fill = (year: number, fresh: DraftStudio[], open: DraftStudio[], count: number, eligible: MemberInfo[]) => {
    const w = windowOf(year);
    const pool = shuffle(
      rng,
      eligible.filter((m) => !everJoined.has(Number(m.id))),
    );
    const take = (want: (m: MemberInfo) => boolean): MemberInfo | undefined => {
      const i = pool.findIndex(want);
      return i < 0 ? undefined : pool.splice(i, 1)[0];
    };
    const joined: DraftStay[] = [];
    for (const s of fresh) {
      const stays = (m: MemberInfo) => stayingToday.has(Number(m.id));
      const lead = take((m) => stays(m) && m.sector === s.sector) ?? take(stays);
      if (!lead) continue;
      s.leadMemberId = Number(lead.id);
      joined.push(join(s, s.leadMemberId, s.establishedOn));
    }
    while (joined.length < count && pool.length) {
      const studio = fresh.length && rng.next() < 0.6 ? rng.pick(fresh) : rng.pick(open);
      const m = (studio.sector && rng.next() < 0.5 && take((x) => x.sector === studio.sector)) || pool.shift()!;
      joined.push(join(studio, Number(m.id), dayBetween(rng, later(studio.establishedOn, w.start), w.end)));
    }
    return joined;
  };
  const activeBoth = (a: string, b: string) => {
    const second = activeOn(b);
    return [...activeOn(a).values()].filter((m) => second.has(Number(m.id)));
  };
  const notLead = (s: DraftStay) => own.every((st) => st.leadMemberId !== s.memberId);

  // 2022: the first studios; everyone who joins is still a member at the end of 2023.
  const first = Array.from({ length: n(YEAR_2022.studios, 1) }, () => openStudio(2022));
  const members2023 = n(YEAR_2023.studioMembers);
  const new2023 = n(YEAR_2023.newStudioMembers);
  const leavers = n(YEAR_2022.leavers);
  const joined2022 = fill(2022, first, first, members2023 - new2023 + leavers, activeBoth("2022-03-01", END_2023));
  const ordinary2022 = shuffle(rng, joined2022.filter(notLead));
  for (const s of ordinary2022.slice(0, leavers)) s.leftOn = dayBetween(rng, "2023-03-01", "2023-12-30");
  for (const s of ordinary2022.slice(leavers, leavers + n(YEAR_2022.rejoiners, 1))) {
    s.leftOn = "2022-12-01"; // every 2022 join falls before: the window ends on 30 November
    const studio = own.find((st) => st.id === s.studioId)!;
    join(studio, s.memberId, dayBetween(rng, "2023-03-15", "2023-11-30"));
  }

  // 2023: the calibrated year.
  const fresh2023 = Array.from({ length: n(YEAR_2023.newStudios, 1) }, () => openStudio(2023));
  const joined2023 = fill(2023, fresh2023, [...own], new2023, activeBoth("2023-02-01", END_2023));
  for (const s of shuffle(rng, joined2023.filter(notLead)).slice(0, n(YEAR_2023.inTwoStudios))) {
    const other = rng.pick(own.filter((st) => st.id !== s.studioId));
    join(other, s.memberId, dayBetween(rng, later(later(other.establishedOn, s.joinedOn), "2023-02-01"), "2023-12-20"));
  }

  for (const y of LATER_YEARS) {
    const w = windowOf(y.year);
    if (w.start > now) break;
    const yearEnd = yearEndOf(y.year, now);
    // Members whose seat ends during the year leave their studio at its start.
    const stillActive = activeOn(yearEnd);
    const ownIds = new Set(own.map((st) => st.id));
    for (const s of plan.stays) {
      if (s.leftOn === null && ownIds.has(s.studioId) && !stillActive.has(s.memberId)) {
        if (s.joinedOn < `${y.year}-01-01`) s.leftOn = `${y.year}-01-01`;
      }
    }
    if (y.year === 2025 && c.level === "CITY" && CLOSING_DAY <= now) closeOne(rng, own, plan, stillActive);
    const fresh = Array.from({ length: n(y.studios) }, () => openStudio(y.year));
    const open = own.filter((s) => s.status === StudioStatus.OPEN);
    fill(y.year, fresh, open, n(y.joiners), activeBoth(`${y.year - 1}-12-31`, yearEnd));
  }

  planActivities(rng, own, plan, now);
}

/** One studio of the city closes; its members still seated move to another studio that day. */
function closeOne(rng: Rng, own: DraftStudio[], plan: Plan, stillActive: Map<number, MemberInfo>): void {
  const closing = own.filter((s) => s.establishedOn < "2023-01-01").at(-1)!;
  const to = own.find((s) => s !== closing && s.status === StudioStatus.OPEN && s.establishedOn < CLOSING_DAY)!;
  closing.status = StudioStatus.CLOSED;
  closing.closedOn = CLOSING_DAY;
  const onTarget = (memberId: number) =>
    plan.stays.some((st) => st.studioId === to.id && st.memberId === memberId && st.leftOn === null);
  for (const s of plan.stays.filter((st) => st.studioId === closing.id && st.leftOn === null)) {
    s.leftOn = CLOSING_DAY;
    if (stillActive.has(s.memberId) && !onTarget(s.memberId) && rng.next() < 0.9) {
      plan.stays.push({ studioId: to.id, memberId: s.memberId, joinedOn: CLOSING_DAY, leftOn: null });
    }
  }
}

const PEOPLE_SERVED: Record<StudioActivityType, [number, number]> = {
  STUDY: [0, 0],
  MICRO_CONSULTATION: [15, 80],
  INSPECTION: [0, 30],
  PUBLIC_SERVICE: [60, 400],
  RESEARCH: [0, 40],
};
const TYPE_WEIGHTS = [
  { type: StudioActivityType.STUDY, weight: 2 },
  { type: StudioActivityType.MICRO_CONSULTATION, weight: 3 },
  { type: StudioActivityType.INSPECTION, weight: 1 },
  { type: StudioActivityType.PUBLIC_SERVICE, weight: 4 },
  { type: StudioActivityType.RESEARCH, weight: 2 },
];

/** A few activities the year a studio opens, more in each later year, with members on its roster that day. */
function planActivities(rng: Rng, own: DraftStudio[], plan: Plan, now: string): void {
  const staysOf = groupBy(plan.stays, (s) => s.studioId);
  for (const studio of own) {
    const stays = staysOf.get(studio.id) ?? [];
    const firstYear = Number(studio.establishedOn.slice(0, 4));
    for (let year = firstYear; year <= Number(now.slice(0, 4)); year++) {
      const from = later(studio.establishedOn, `${year}-01-01`);
      let to = `${year}-12-31` < now ? `${year}-12-31` : now;
      if (studio.closedOn && studio.closedOn <= to) to = addDays(studio.closedOn, -1);
      if (from > to) continue;
      const count = year === firstYear ? rng.int(2, 3) : rng.int(4, 7);
      for (let k = 0; k < count; k++) {
        const heldOn = dayBetween(rng, from, to);
        const present = stays.filter((s) => entryCurrentAt(s, heldOn)).map((s) => s.memberId);
        if (present.length === 0) continue;
        const type = rng.weighted(TYPE_WEIGHTS).type;
        const [lo, hi] = PEOPLE_SERVED[type];
        const researchLike = type === StudioActivityType.RESEARCH || type === StudioActivityType.MICRO_CONSULTATION;
        plan.activities.push({
          id: 0,
          studioId: studio.id,
          heldOn,
          type,
          title: rng.pick(ACTIVITY_TITLES[type]).replace("{theme}", studio.theme ?? studio.name),
          peopleServed: rng.int(lo, hi),
          opinionReports: researchLike ? rng.int(0, 2) : rng.next() < 0.15 ? 1 : 0,
          notes: "",
          recordedBy: `staff:${studio.committeeCode}`,
          recordedByMemberId: null,
          participants: [...new Set(shuffle(rng, present).slice(0, rng.int(2, 6)))].sort((a, b) => a - b),
        });
      }
    }
  }
}

const yearEndOf = (year: number, now: string) => (`${year}-12-31` < now ? `${year}-12-31` : now);

/**
 * A committee's register on the days the plan looks at: one look-up per day, a handful
 * of days. Joins of a later year draw on members active at both ends of it (a seat is
 * one unbroken span, so they sat on every day between).
 */
async function fetchRegister(ctx: SeedContext["ctx"], code: string, now: string): Promise<ActiveOn> {
  const days = new Set(["2022-03-01", "2023-02-01", END_2023, now]);
  for (const y of LATER_YEARS) if (windowOf(y.year).start <= now) days.add(yearEndOf(y.year, now));
  const byDay = new Map<string, Map<number, MemberInfo>>();
  for (const day of days) {
    byDay.set(day, new Map((await ctx.runtime.members.activeIn([code], day)).map((m) => [Number(m.id), m])));
  }
  return (day) => {
    const register = byDay.get(day);
    if (!register) throw new Error(`studios seed: the register of ${code} on ${day} was not fetched`);
    return register;
  };
}

/** Calibration is per city: a county is scaled on the size of the city above it. */
function referenceOf(tree: CommitteeTree, code: string): string | null {
  return [...tree.path(code)].reverse().find((p) => tree.get(p)?.level === "CITY") ?? null;
}

/** Demo studios for every committee, when the module's tables are empty. */
export async function seedStudios({ ctx, dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(Studio).count()) > 0) return;
  const tree = await ctx.committees();
  const codes = tree.all().map((c) => c.code);
  if (codes.length === 0) return log("no committees yet: nothing to seed");
  const now = today();
  const registers = new Map<string, ActiveOn>();
  const registerOf = async (code: string) => {
    if (!registers.has(code)) registers.set(code, await fetchRegister(ctx, code, now));
    return registers.get(code)!;
  };

  const rng = seededRandom(20231231);
  const plan: Plan = { studios: [], stays: [], activities: [], nextStudioId: 0 };
  for (const c of tree.all()) {
    const activeOn = await registerOf(c.code);
    const size = activeOn(END_2023).size;
    const ref = referenceOf(tree, c.code);
    const refSize = ref ? (await registerOf(ref))(END_2023).size : 400;
    if (size > 0 && refSize > 0) planCommittee(rng, c, size / refSize, activeOn, now, plan);
  }

  // Nothing after today: demo data must read as a record, not a forecast.
  const studios = plan.studios.filter((s) => s.establishedOn <= now);
  const kept = new Set(studios.map((s) => s.id));
  const stays = plan.stays
    .filter((s) => kept.has(s.studioId) && s.joinedOn <= now)
    .map((s) => ({ ...s, leftOn: s.leftOn !== null && s.leftOn <= now ? s.leftOn : null }));
  const activities = plan.activities
    .filter((a) => kept.has(a.studioId))
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.studioId - b.studioId))
    .map((a, i) => ({ ...a, id: i + 1 }));

  await dataSource.transaction(async (em) => {
    await insertInChunks(em, Studio, studios);
    await insertInChunks(em, StudioRosterEntry, stays);
    await insertInChunks(
      em,
      StudioActivity,
      activities.map(({ participants: _p, ...a }) => a),
    );
    await insertInChunks(
      em,
      StudioActivityParticipant,
      activities.flatMap((a) => a.participants.map((memberId) => ({ activityId: a.id, memberId }))),
    );
  });
  log(`seeded ${studios.length} studios, ${stays.length} roster stays, ${activities.length} activities`);
}
