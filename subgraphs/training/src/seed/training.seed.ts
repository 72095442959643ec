import {
  type CommitteeNode,
  type CommitteeTree,
  insertInChunks,
  type MemberInfo,
  type SeedContext,
  seededRandom,
  type Random,
  today,
} from "@tongxin/sdk";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { addDays } from "../period";
import { TrainingKind, TrainingSession } from "../session/session.entity";

type Rng = Random;

/**
 * Calibrated on the city's 2023 report: 271 members sent to university training
 * (送出去: 复旦大学, 厦门大学, 延安干部学院 …) and 2 invited experts who trained 130
 * members (请进来), besides onboarding, online study and a joint city–county course that
 * trains county members. Counties are scaled by their size; their universities are the
 * province's. Each committee's register is asked on a few days only (see `registerOf`).
 */
const CITY_PROVIDERS = [
  { provider: "复旦大学", place: "上海", share: 55 },
  { provider: "厦门大学", place: "厦门", share: 50 },
  { provider: "延安干部学院", place: "延安", share: 46 },
  { provider: "浙江大学", place: "杭州", share: 42 },
  { provider: "中山大学", place: "广州", share: 40 },
  { provider: "云南大学", place: "昆明", share: 38 },
];
const COUNTY_PROVIDERS = [
  { provider: "昭通学院", place: "昭通", share: 1 },
  { provider: "云南大学", place: "昆明", share: 1 },
  { provider: "云南师范大学", place: "昆明", share: 1 },
];
const EXTERNAL_DAYS = ["2023-05-16", "2023-07-11", "2023-09-19", "2023-11-14", "2023-05-16", "2023-09-19"];
const EXPERTS = "特邀专家 2 名 (中共中央党校、云南大学)";

interface YearPlan {
  external: { total: number; days: string[] };
  invited: { day: string; trainees: number } | null;
  online: { day: string; share: number; title: string } | null;
  joint: string | null;
}
const YEARS: Record<number, YearPlan> = {
  2023: {
    external: { total: 271, days: EXTERNAL_DAYS },
    invited: { day: "2023-07-11", trainees: 130 },
    online: { day: "2023-11-14", share: 0.4, title: "政协委员履职能力网络专题学习" },
    joint: "2023-09-19",
  },
  2024: {
    external: { total: 150, days: ["2024-04-09", "2024-06-18", "2024-09-24"] },
    invited: { day: "2024-06-18", trainees: 100 },
    online: { day: "2024-11-19", share: 0.4, title: "学习贯彻党的二十届三中全会精神网络专题培训" },
    joint: "2024-09-24",
  },
  2025: {
    external: { total: 120, days: ["2025-03-25", "2025-06-10", "2025-09-16"] },
    invited: { day: "2025-06-10", trainees: 90 },
    online: { day: "2025-11-11", share: 0.45, title: "“数字政协”移动履职平台应用网络培训" },
    joint: "2025-09-16",
  },
  2026: {
    external: { total: 80, days: ["2026-03-24", "2026-09-15"] },
    invited: null,
    online: { day: "2026-06-16", share: 0.4, title: "政协委员履职能力网络专题学习" },
    joint: null,
  },
};
const ONBOARDING_DAY = "2022-03-15";
const LATE_ONBOARDING_DAY = "2023-03-21";
const ONLINE_2022 = "2022-10-12";
const END_2023 = "2023-12-31";

const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const chineseNumber = (n: number): string =>
  n <= 10 ? NUMERALS[n] : `${n >= 20 ? NUMERALS[Math.floor(n / 10)] : ""}十${n % 10 ? NUMERALS[n % 10] : ""}`;

/**
 * A few members never manage to attend (illness, work far away): without them every
 * member would be trained and the "not yet trained" list would be empty. Chosen by id,
 * so the same people are missed by every course.
 */
const hardToReach = (m: { id: string }) => (Number(m.id) * 2654435761) % 100 < 3;
const reachable = (m: { id: string }) => !hardToReach(m);

const shuffle = <T>(rng: Rng, list: readonly T[]): T[] => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

type DraftSession = Omit<TrainingSession, "version" | "createdAt" | "updatedAt">;
type DraftEnrolment = Pick<TrainingEnrolment, "sessionId" | "memberId" | "attendance" | "markedAt" | "markedBy">;
interface Plan {
  sessions: DraftSession[];
  enrolments: DraftEnrolment[];
}
type ActiveOn = (code: string, day: string) => MemberInfo[];

class CommitteePlanner {
  private readonly place: string;

  constructor(
    private readonly rng: Rng,
    private readonly c: CommitteeNode,
    private readonly scale: number,
    private readonly activeOn: ActiveOn,
    private readonly plan: Plan,
  ) {
    this.place = c.name.replace(/政协$/, "");
  }

  private n(x: number): number {
    return Math.round(x * this.scale);
  }

  session(
    kind: TrainingKind,
    title: string,
    startsOn: string,
    days: number,
    hours: number,
    provider: string,
    place: string,
  ) {
    const s: DraftSession = {
      id: this.plan.sessions.length + 1,
      committeeCode: this.c.code,
      title,
      kind,
      provider,
      startsOn,
      endsOn: addDays(startsOn, days - 1),
      place,
      hours,
    };
    this.plan.sessions.push(s);
    return s;
  }

  mark(s: DraftSession, members: readonly { id: string }[], attendance: TrainingAttendance): void {
    const markedAt = new Date(`${s.endsOn}T18:00:00+08:00`);
    for (const m of members) {
      this.plan.enrolments.push({
        sessionId: s.id,
        memberId: Number(m.id),
        attendance,
        markedAt,
        markedBy: `staff:${this.c.code}`,
      });
    }
  }

  /** A whole-register course: most attend, a few are excused or absent, the rest were not enrolled. */
  broad(s: DraftSession, share: number): void {
    const everyone = this.activeOn(this.c.code, s.startsOn);
    const attended = Math.round(everyone.length * share);
    const excused = Math.round(everyone.length * 0.05);
    const willing = shuffle(this.rng, everyone.filter(reachable));
    const rest = shuffle(this.rng, [...willing.slice(attended), ...everyone.filter(hardToReach)]);
    this.mark(s, willing.slice(0, attended), TrainingAttendance.ATTENDED);
    this.mark(s, rest.slice(0, excused), TrainingAttendance.EXCUSED);
    this.mark(s, rest.slice(excused, excused + 2), TrainingAttendance.ABSENT);
  }

  onboarding(): void {
    const term = this.c.currentTerm ? `第${chineseNumber(this.c.currentTerm)}届` : "";
    const s = this.session(
      TrainingKind.ONBOARDING,
      `${term}${this.c.name}委员初任培训`,
      ONBOARDING_DAY,
      2,
      16,
      `中共${this.place}委党校`,
      `${this.place}委党校`,
    );
    this.broad(s, 0.86);
    // Members elected at a later plenary session get their own onboarding.
    const first = new Set(this.activeOn(this.c.code, ONBOARDING_DAY).map((m) => m.id));
    const late = this.activeOn(this.c.code, LATE_ONBOARDING_DAY).filter((m) => !first.has(m.id));
    if (late.length) {
      const l = this.session(
        TrainingKind.ONBOARDING,
        `${this.c.name}新任委员初任培训`,
        LATE_ONBOARDING_DAY,
        1,
        8,
        `中共${this.place}委党校`,
        `${this.place}委党校`,
      );
      this.mark(l, late.filter(reachable), TrainingAttendance.ATTENDED);
      this.mark(l, late.filter(hardToReach), TrainingAttendance.EXCUSED);
    }
  }

  online(day: string, share: number, title: string): void {
    this.broad(this.session(TrainingKind.ONLINE, title, day, 30, 12, "云南省干部在线学习学院", "线上"), share);
  }

  /** 送出去: each member goes at most once a year; a few enrolled do not go. */
  external(year: number, total: number, days: string[]): void {
    const providers = this.c.level === "CITY" ? CITY_PROVIDERS : COUNTY_PROVIDERS;
    const shares = providers.reduce((n, p) => n + p.share, 0);
    const wanted = this.n(total);
    if (days.length === 0 || wanted === 0) return;
    const sent = new Set<string>();
    let left = wanted;
    providers.forEach((p, i) => {
      const count = i === providers.length - 1 ? left : Math.round((wanted * p.share) / shares);
      left -= count;
      if (count <= 0) return;
      const day = days[i % days.length];
      const s = this.session(
        TrainingKind.EXTERNAL,
        `${year}年${this.c.name}委员履职能力提升培训班(${p.provider})`,
        day,
        5,
        40,
        p.provider,
        p.place,
      );
      const pool = shuffle(
        this.rng,
        this.activeOn(this.c.code, day).filter((m) => !sent.has(m.id) && reachable(m)),
      );
      const going = pool.slice(0, count);
      going.forEach((m) => sent.add(m.id));
      this.mark(s, going, TrainingAttendance.ATTENDED);
      const notGoing = pool.slice(count, count + this.rng.int(1, 3));
      this.mark(s, notGoing.slice(0, 1), TrainingAttendance.EXCUSED);
      this.mark(s, notGoing.slice(1), TrainingAttendance.ABSENT);
      notGoing.forEach((m) => sent.add(m.id));
    });
  }

  /** 请进来: experts come to the committee. */
  invited(day: string, trainees: number): void {
    const s = this.session(
      TrainingKind.INVITED_EXPERT,
      `${this.c.name}委员综合素养提升专题培训`,
      day,
      1,
      6,
      EXPERTS,
      `${this.place}政协会议室`,
    );
    const pool = shuffle(this.rng, this.activeOn(this.c.code, day).filter(reachable));
    const count = this.n(trainees);
    this.mark(s, pool.slice(0, count), TrainingAttendance.ATTENDED);
    this.mark(s, pool.slice(count, count + this.rng.int(3, 6)), TrainingAttendance.EXCUSED);
  }

  /** 市县联动: the committee trains members of three of its child committees, in one of them, with some of its own. */
  joint(day: string, children: CommitteeNode[]): void {
    if (children.length === 0) return;
    const chosen = shuffle(this.rng, children).slice(0, 3);
    const host = chosen[0].name.replace(/政协$/, "");
    const s = this.session(
      TrainingKind.JOINT_CITY_COUNTY,
      `市县政协委员履职能力联动培训(${host})`,
      day,
      2,
      12,
      `${this.c.name}`,
      `${host}政协会议中心`,
    );
    const own = shuffle(this.rng, this.activeOn(this.c.code, day).filter(reachable)).slice(0, 10);
    this.mark(s, own, TrainingAttendance.ATTENDED);
    const taken = new Set(own.map((m) => m.id));
    for (const child of chosen) {
      const theirs = this.activeOn(child.code, day).filter((m) => !taken.has(m.id) && reachable(m));
      const picked = shuffle(this.rng, theirs).slice(0, Math.round(theirs.length * 0.12));
      picked.forEach((m) => taken.add(m.id));
      this.mark(s, picked, TrainingAttendance.ATTENDED);
    }
  }
}

function planCommittee(
  rng: Rng,
  tree: CommitteeTree,
  c: CommitteeNode,
  scale: number,
  activeOn: ActiveOn,
  plan: Plan,
  now: string,
): void {
  const p = new CommitteePlanner(rng, c, scale, activeOn, plan);
  p.onboarding();
  p.online(ONLINE_2022, 0.35, "学习贯彻党的二十大精神网络专题培训");
  const children = tree.children(c.code).map((code) => tree.get(code)!);
  for (const [year, y] of Object.entries(YEARS)) {
    p.external(
      Number(year),
      y.external.total,
      y.external.days.filter((d) => d <= now),
    );
    if (y.invited && y.invited.day <= now) p.invited(y.invited.day, y.invited.trainees);
    if (y.online && y.online.day <= now) p.online(y.online.day, y.online.share, y.online.title);
    if (y.joint && y.joint <= now) p.joint(y.joint, children);
  }
}

const yearEnd = (year: number, now: string) => (`${year}-12-31` < now ? `${year}-12-31` : now);
/** The first day of a year from which its pool of members is drawn. */
const yearStart = (year: number) =>
  year === 2022 ? ONBOARDING_DAY : year === 2023 ? LATE_ONBOARDING_DAY : `${year - 1}-12-31`;

/**
 * A committee's register, asked once per committee and day on a handful of days. The
 * onboarding days and the end of 2023 are exact; any other day gets the members active
 * on both the first and the last day of its year: a seat is one unbroken span, so they
 * sat on every day in between and may attend whatever session falls there.
 */
async function registerOf(ctx: SeedContext["ctx"], code: string, now: string): Promise<ActiveOn> {
  const years = [2022, ...Object.keys(YEARS).map(Number)].filter((y) => yearStart(y) <= now);
  const days = [
    ...new Set([
      ONBOARDING_DAY,
      LATE_ONBOARDING_DAY,
      END_2023,
      ...years.flatMap((y) => [yearStart(y), yearEnd(y, now)]),
    ]),
  ];
  const onDay = new Map<string, MemberInfo[]>();
  for (const day of days.filter((d) => d <= now)) onDay.set(day, await ctx.runtime.members.activeIn([code], day));
  const pools = new Map<number, MemberInfo[]>();
  return (_code, day) => {
    const exact = onDay.get(day);
    if (exact && (day === ONBOARDING_DAY || day === LATE_ONBOARDING_DAY || day === END_2023)) return exact;
    const year = Number(day.slice(0, 4));
    if (!pools.has(year)) {
      const last = new Set((onDay.get(yearEnd(year, now)) ?? []).map((m) => m.id));
      pools.set(
        year,
        (onDay.get(yearStart(year)) ?? []).filter((m) => last.has(m.id)),
      );
    }
    return pools.get(year)!;
  };
}

function referenceOf(tree: CommitteeTree, code: string): string | null {
  return [...tree.path(code)].reverse().find((p) => tree.get(p)?.level === "CITY") ?? null;
}

/** Demo sessions and attendance for every committee, when the module's tables are empty. */
export async function seedTraining({ ctx, dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(TrainingSession).count()) > 0) return;
  const tree = await ctx.committees();
  const codes = tree.all().map((c) => c.code);
  if (codes.length === 0) return log("no committees yet: nothing to seed");
  const now = today();
  const registers = new Map<string, ActiveOn>();
  for (const code of codes) registers.set(code, await registerOf(ctx, code, now));
  const activeOn: ActiveOn = (code, day) => registers.get(code)!(code, day);

  const rng = seededRandom(20230711);
  const plan: Plan = { sessions: [], enrolments: [] };
  for (const c of tree.all()) {
    const size = activeOn(c.code, END_2023).length;
    const ref = referenceOf(tree, c.code);
    const refSize = ref ? activeOn(ref, END_2023).length : 400;
    if (size > 0 && refSize > 0) planCommittee(rng, tree, c, size / refSize, activeOn, plan, now);
  }
  // Sessions still running today are kept, their attendance not yet marked.
  for (const e of plan.enrolments) {
    const s = plan.sessions[e.sessionId - 1];
    if (s.endsOn > now) Object.assign(e, { attendance: null, markedAt: null, markedBy: null });
  }
  await dataSource.transaction(async (em) => {
    await insertInChunks(em, TrainingSession, plan.sessions);
    await insertInChunks(em, TrainingEnrolment, plan.enrolments);
  });
  log(`seeded ${plan.sessions.length} training sessions, ${plan.enrolments.length} enrolments`);
}
