import {
  type CommitteeNode,
  insertInChunks,
  type MemberInfo,
  type Random,
  type SeedContext,
  seededRandom,
  today,
} from "@tongxin/sdk";
import { ActivityKind, DutyActivity, DutyActivityParticipant } from "../activity/activity.entity";

/**
 * Calibrated on the city's 2023 report: "精选了18个调研、视察课题 … 19次深入开展调研", and
 * "千名委员走基层 … 共联系专家1665名, 深入基层9805人次, 服务群众2.95万人次, 为民办实事2256件",
 * the last four for the city's committees together (city and counties), split by the
 * size of each register. Counties choose their own topics; other years are of the same
 * magnitude, not calibrated.
 */
const CITY_2023 = { topics: 18, trips: 19 };
const GRASSROOTS_2023 = { expertsContacted: 1665, visits: 9805, peopleServed: 29500, mattersDone: 2256 };
type Counts = typeof GRASSROOTS_2023;

const TOPICS = [
  "加快城乡“两污”基础设施建设、推动人居环境提升",
  "全面推动昭通学前教育高质量发展",
  "民族团结进步示范创建工作",
  "推进农文旅深度融合发展、助力乡村振兴",
  "行政审批效率",
  "乡村交通基础设施建设",
  "水电铝硅产业发展",
  "古城保护与开发",
  "金沙江流域生态保护",
  "高原特色农业发展",
  "县域医疗卫生服务能力提升",
  "民营经济高质量发展",
];
const PLACES = [
  "昭阳区",
  "鲁甸县",
  "巧家县",
  "盐津县",
  "大关县",
  "永善县",
  "绥江县",
  "镇雄县",
  "彝良县",
  "威信县",
  "水富市",
];

/** Splits `total` into integer parts proportional to `weights` that add up exactly (largest remainder). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    parts[i]++;
  }
  return parts;
}

const dayIn = (rng: Random, year: number, now: string): string => {
  const m = rng.int(2, 11);
  const d = `${year}-${String(m).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  return d <= now ? d : now;
};

interface Plan {
  activities: Partial<DutyActivity>[];
  participants: Partial<DutyActivityParticipant>[];
}

function add(plan: Plan, a: Partial<DutyActivity>, people: MemberInfo[]): number {
  const id = plan.activities.length + 1;
  plan.activities.push({
    organiserBody: null,
    ledBy: null,
    topicId: null,
    reportTitle: null,
    reportSubmittedOn: null,
    expertsContacted: 0,
    visits: 0,
    peopleServed: 0,
    mattersDone: 0,
    recordedBy: "seed",
    version: 1,
    ...a,
    endsOn: a.endsOn ?? a.startsOn,
    id,
  });
  people.forEach((m, i) => plan.participants.push({ activityId: id, memberId: Number(m.id), leads: i === 0 }));
  return id;
}

function planYear(
  rng: Random,
  plan: Plan,
  c: CommitteeNode,
  year: number,
  register: MemberInfo[],
  now: string,
  calibrated: { topics: number; trips: number } | null,
  grassroots: Counts,
): void {
  if (register.length === 0) return;
  const pick = (n: number) => rng.shuffle([...register]).slice(0, Math.min(n, register.length));
  const topics = calibrated?.topics ?? rng.int(5, 9);
  const trips = calibrated?.trips ?? rng.int(6, 11);
  const topicIds: number[] = [];
  for (let i = 0; i < topics; i++) {
    const title = TOPICS[(i + year) % TOPICS.length];
    const startsOn = `${year}-0${1 + (i % 3)}-${String(10 + (i % 15)).padStart(2, "0")}`;
    if (startsOn > now) continue;
    const reported = dayIn(rng, year, now) > startsOn ? dayIn(rng, year, now) : null;
    topicIds.push(
      add(
        plan,
        {
          committeeCode: c.code,
          kind: ActivityKind.TOPIC,
          title: `关于${title}的调研${i % 4 === 3 ? "视察" : ""}`,
          startsOn,
          ledBy: "主席会议成员",
          reportTitle: reported && reported >= startsOn ? `${title}调研报告` : null,
          reportSubmittedOn: reported && reported >= startsOn ? reported : null,
        },
        pick(rng.int(3, 6)),
      ),
    );
  }
  for (let i = 0; i < trips; i++) {
    const startsOn = dayIn(rng, year, now);
    const kind = i % 5 === 4 ? ActivityKind.INSPECTION : ActivityKind.RESEARCH_TRIP;
    add(
      plan,
      {
        committeeCode: c.code,
        kind,
        title: `${kind === ActivityKind.INSPECTION ? "视察" : "深入调研"}: ${rng.pick(PLACES)}`,
        startsOn,
        ledBy: "主席会议成员",
        topicId: topicIds.length ? rng.pick(topicIds) : null,
      },
      pick(rng.int(5, 12)),
    );
  }
  add(
    plan,
    {
      committeeCode: c.code,
      kind: ActivityKind.DEMOCRATIC_APPRAISAL,
      title: `${year}年民主评议`,
      startsOn: dayIn(rng, year, now),
    },
    pick(8),
  );
  for (let i = 0; i < 3; i++) {
    add(
      plan,
      {
        committeeCode: c.code,
        kind: ActivityKind.PUBLICITY,
        title: `委员宣讲 ${i + 1}`,
        startsOn: dayIn(rng, year, now),
      },
      pick(2),
    );
  }
  // Four quarterly returns of 千名委员走基层, whose counts add up to the committee's share.
  const quarters = (k: keyof Counts) => split(grassroots[k], [1, 1.2, 1.1, 0.9]);
  const parts = {
    e: quarters("expertsContacted"),
    v: quarters("visits"),
    p: quarters("peopleServed"),
    m: quarters("mattersDone"),
  };
  for (let q = 0; q < 4; q++) {
    const startsOn = `${year}-${String(q * 3 + 2).padStart(2, "0")}-15`;
    if (startsOn > now) continue;
    add(
      plan,
      {
        committeeCode: c.code,
        kind: ActivityKind.GRASSROOTS_VISIT,
        title: `${year}年第${q + 1}季度“千名委员走基层”`,
        startsOn,
        expertsContacted: parts.e[q],
        visits: parts.v[q],
        peopleServed: parts.p[q],
        mattersDone: parts.m[q],
      },
      pick(rng.int(10, 30)),
    );
  }
}

export async function seedActivities({ ctx, dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(DutyActivity).count()) > 0) return;
  const tree = await ctx.committees();
  if (tree.size === 0) return log("no committees yet: nothing to seed");
  const now = today();
  const rng = seededRandom(20231231);
  const plan: Plan = { activities: [], participants: [] };
  const root = tree.all().find((c) => c.parentCode === null);
  const committees = root ? tree.subtree(root.code).map((code) => tree.get(code)!) : tree.all();
  for (let year = 2022; year <= Number(now.slice(0, 4)); year++) {
    const mid = `${year}-06-30` < now ? `${year}-06-30` : now;
    const registers = new Map<string, MemberInfo[]>();
    for (const c of committees) registers.set(c.code, await ctx.runtime.members.activeIn([c.code], mid));
    const weights = committees.map((c) => registers.get(c.code)!.length);
    // 2023 is the report's year; other years are near it (a tenth either way).
    const scale = year === 2023 ? 1 : 0.9 + rng.next() * 0.2;
    const shares = Object.fromEntries(
      (Object.keys(GRASSROOTS_2023) as (keyof Counts)[]).map((k) => [
        k,
        split(Math.round(GRASSROOTS_2023[k] * scale), weights),
      ]),
    ) as Record<keyof Counts, number[]>;
    committees.forEach((c, i) => {
      const grassroots = {
        expertsContacted: shares.expertsContacted[i],
        visits: shares.visits[i],
        peopleServed: shares.peopleServed[i],
        mattersDone: shares.mattersDone[i],
      };
      planYear(
        rng,
        plan,
        c,
        year,
        registers.get(c.code)!,
        now,
        year === 2023 && c === root ? CITY_2023 : null,
        grassroots,
      );
    });
  }
  await dataSource.transaction(async (em) => {
    await insertInChunks(em, DutyActivity, plan.activities);
    await insertInChunks(em, DutyActivityParticipant, plan.participants);
  });
  log(`seeded ${plan.activities.length} duty activities, ${plan.participants.length} participations`);
}
