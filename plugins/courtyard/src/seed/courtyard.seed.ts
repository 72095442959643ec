import { insertInChunks, type SeedContext, seededRandom } from "@tongxin/sdk";
import { COURTYARD } from "../name";
import {
  CourtyardIssue,
  CourtyardIssueStatus,
  CourtyardOrganiser,
  CourtyardSession,
  CourtyardTheme,
} from "../session/session.entity";

/** Townships (乡镇/街道) of each county, for plausible demo records. */
const TOWNSHIPS: Record<string, string[]> = {
  zhaoyang: ["凤凰街道", "龙泉街道", "太平街道", "守望乡", "北闸镇", "洒渔镇", "乐居镇", "苏家院镇"],
  ludian: ["文屏镇", "龙头山镇", "水磨镇", "小寨镇", "江底镇", "火德红镇", "桃源回族乡"],
  qiaojia: ["白鹤滩镇", "大寨镇", "药山镇", "蒙姑镇", "东坪镇", "小河镇"],
  yanjin: ["盐井镇", "豆沙镇", "中和镇", "普洱镇", "庙坝镇", "兴隆乡"],
  daguan: ["翠华镇", "玉碗镇", "吉利镇", "天星镇", "木杆镇", "悦乐镇"],
  yongshan: ["溪洛渡街道", "桧溪镇", "黄华镇", "茂林镇", "大兴镇", "莲峰镇"],
  suijiang: ["中城镇", "南岸镇", "新滩镇", "会仪镇", "板栗镇"],
  zhenxiong: ["乌峰街道", "南台街道", "旧府街道", "泼机镇", "芒部镇", "以勒镇", "五德镇", "坡头镇"],
  yiliang: ["角奎镇", "发界街道", "洛泽河镇", "牛街镇", "龙街苗族彝族乡", "奎香苗族彝族乡"],
  weixin: ["扎西镇", "水田镇", "双河苗族彝族乡", "旧城镇", "林凤镇", "罗布镇"],
  shuifu: ["云富街道", "向家坝镇", "太平镇", "两碗镇"],
};
const VILLAGES = [
  "大坪村",
  "新街村",
  "石坎村",
  "河坝村",
  "青岗村",
  "团结村",
  "箐口村",
  "坪上村",
  "双河村",
  "龙洞村",
  "水井湾村",
  "松林村",
];
const TOPICS: Record<CourtyardTheme, string[]> = {
  PUFA_QIANGJI: [
    "修订村规民约, 推进依法治村",
    "化解邻里土地纠纷",
    "宅基地使用政策宣讲",
    "反电信诈骗宣传进院坝",
    "婚姻家庭纠纷调解",
  ],
  YIFENG_YISU: ["治理高价彩礼", "红白喜事简办", "推进殡葬改革", "破除陈规陋习"],
  LVMEI_XIANGCUN: ["村庄人居环境整治", "农村生活污水治理", "庭院美化与绿化"],
  FURUO_JIKUN: ["留守儿童关爱", "困难群众帮扶", "独居老人照护"],
  FUMIN_QIANGSHI: ["天麻种植增收", "苹果产业提质增效", "发展乡村旅游", "组织劳务输出"],
  OTHER: ["村道硬化与养护", "饮水安全保障"],
};
const ISSUES = [
  "村组道路破损需修缮",
  "灌溉水渠堵塞",
  "饮用水管老化",
  "路灯不足",
  "垃圾清运不及时",
  "产业技术培训需求",
  "医保缴费咨询",
  "危房改造申请",
  "学生上学交通不便",
];
const OTHER_THEMES = [
  CourtyardTheme.YIFENG_YISU,
  CourtyardTheme.LVMEI_XIANGCUN,
  CourtyardTheme.FURUO_JIKUN,
  CourtyardTheme.FUMIN_QIANGSHI,
  CourtyardTheme.OTHER,
];

/** Splits `total` over weights by largest remainder, so the parts add up exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) parts[order[k][1]]++;
  return parts;
}

/**
 * Demo records for the counties where the plugin is enabled, calibrated on the source
 * report: in 2023, 162 consultations on 普法强基 and 57 on the other themes across the
 * counties, shared out by the size of each county's register.
 */
export async function seedCourtyard({ ctx, dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(CourtyardSession).count()) > 0) return;
  const enabled = ctx.runtime.enabledCommittees(COURTYARD);
  const tree = await ctx.committees();
  const counties = tree.all().filter((c) => c.level === "COUNTY" && (enabled === null || enabled.has(c.code)));
  if (counties.length === 0) return;
  const registers = new Map<string, string[]>();
  for (const c of counties) {
    registers.set(
      c.code,
      (await ctx.runtime.members.activeIn([c.code], "2023-12-31")).map((m) => m.id),
    );
  }
  const weights = counties.map((c) => registers.get(c.code)!.length);
  const random = seededRandom(2023_1108).next;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

  const sessions: Partial<CourtyardSession>[] = [];
  const organisers: CourtyardOrganiser[] = [];
  const issues: Partial<CourtyardIssue>[] = [];
  const plan: [number, number, number][] = [
    [2023, 162, 57],
    [2024, 171, 74],
  ];
  let id = 0;
  for (const [year, pufa, others] of plan) {
    const pufaParts = apportion(pufa, weights);
    const otherParts = apportion(others, weights);
    counties.forEach((c, ci) => {
      const themes = [
        ...Array<CourtyardTheme>(pufaParts[ci]).fill(CourtyardTheme.PUFA_QIANGJI),
        ...Array.from({ length: otherParts[ci] }, (_, k) => OTHER_THEMES[k % OTHER_THEMES.length]),
      ];
      for (const theme of themes) {
        id++;
        const month = String(1 + Math.floor(random() * 11)).padStart(2, "0");
        const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
        sessions.push({
          id,
          committeeCode: c.code,
          heldOn: `${year}-${month}-${day}`,
          township: pick(TOWNSHIPS[c.code] ?? ["城关镇"]),
          village: pick(VILLAGES),
          theme,
          topic: pick(TOPICS[theme]),
          participants: 30 + Math.floor(random() * 120),
          outcome: "形成协商意见并明确责任人, 报乡镇党委政府跟踪落实",
        });
        const register = registers.get(c.code)!;
        const chosen = new Set([pick(register), pick(register)].filter(Boolean));
        for (const m of chosen) organisers.push({ sessionId: id, memberId: Number(m) });
        const n = Math.floor(random() * 4);
        for (let k = 0; k < n; k++) {
          const resolved = random() < (year === 2023 ? 0.85 : 0.5);
          issues.push({
            sessionId: id,
            description: pick(ISSUES),
            status: resolved
              ? CourtyardIssueStatus.RESOLVED
              : random() < 0.5
                ? CourtyardIssueStatus.IN_PROGRESS
                : CourtyardIssueStatus.OPEN,
            resolvedOn: resolved ? `${year}-12-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}` : null,
            note: null,
          });
        }
      }
    });
  }
  await dataSource.transaction(async (em) => {
    await insertInChunks(em, CourtyardSession, sessions);
    await insertInChunks(em, CourtyardOrganiser, organisers);
    await insertInChunks(em, CourtyardIssue, issues);
  });
  log(`seeded ${sessions.length} courtyard consultations in ${counties.length} counties`);
}
