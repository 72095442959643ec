import { seededRandom } from "@tongxin/sdk";
import type { SeedContext } from "@tongxin/sdk";
import { ChishuiInspection, ChishuiProblem, ChishuiProblemStatus } from "../inspection/inspection.entity";
import { CHISHUI } from "../name";
import { ChishuiReading, ChishuiSection, ChishuiWaterClass } from "../section/section.entity";

/** Monitoring sections on the Chishui and its tributaries in the two counties of the basin. */
const SECTIONS: Record<string, { name: string; river: string; location: string; target: ChishuiWaterClass }[]> = {
  zhenxiong: [
    { name: "赤水河坡头断面", river: "赤水河", location: "坡头镇", target: ChishuiWaterClass.II },
    { name: "赤水河大湾断面", river: "赤水河", location: "大湾镇", target: ChishuiWaterClass.II },
    { name: "铜车河花朗断面", river: "铜车河", location: "花朗乡", target: ChishuiWaterClass.III },
    { name: "倒流河中屯断面", river: "倒流河", location: "中屯镇", target: ChishuiWaterClass.III },
    { name: "白水江林口断面", river: "白水江", location: "林口乡", target: ChishuiWaterClass.III },
  ],
  weixin: [
    { name: "扎西河扎西断面", river: "扎西河", location: "扎西镇", target: ChishuiWaterClass.III },
    { name: "赤水河水田断面", river: "赤水河", location: "水田镇", target: ChishuiWaterClass.II },
    { name: "倒流河旧城断面", river: "倒流河", location: "旧城镇", target: ChishuiWaterClass.III },
  ],
};
const PARTNERS = ["七星关区政协", "古蔺县政协", "叙永县政协", "镇雄县政协", "威信县政协"];
const PROBLEMS = [
  "沿岸生活垃圾清运不及时",
  "养殖废水直排",
  "河道采砂未恢复植被",
  "污水管网雨污未分流",
  "支流岸线违规搭建",
];

/** Monthly readings for 2023 and 2024, inspections (some joint across the provincial border) and their problems. */
export async function seedChishui({ ctx, dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(ChishuiSection).count()) > 0) return;
  const enabled = ctx.runtime.enabledCommittees(CHISHUI);
  const tree = await ctx.committees();
  const counties = Object.keys(SECTIONS).filter((c) => tree.has(c) && (enabled === null || enabled.has(c)));
  if (counties.length === 0) return;
  const random = seededRandom(2023_0322).next; // World Water Day
  await dataSource.transaction(async (em) => {
    let readings = 0;
    let problems = 0;
    for (const code of counties) {
      const sections = await em.save(
        ChishuiSection,
        SECTIONS[code].map((s) =>
          em.create(ChishuiSection, {
            committeeCode: code,
            name: s.name,
            river: s.river,
            location: s.location,
            targetClass: s.target,
          }),
        ),
      );
      const rows: Partial<ChishuiReading>[] = [];
      for (const s of sections) {
        for (const year of [2023, 2024]) {
          for (let month = 1; month <= 12; month++) {
            const r = random();
            // Mostly at target, sometimes one class better, rarely one worse (flood season).
            const cls = Math.min(5, Math.max(1, s.targetClass + (r < 0.35 ? -1 : r > 0.9 ? 1 : 0)));
            rows.push({ sectionId: s.id, sampledOn: `${year}-${String(month).padStart(2, "0")}-15`, waterClass: cls });
          }
        }
      }
      await em.insert(ChishuiReading, rows);
      readings += rows.length;
      for (const year of [2023, 2024]) {
        for (let k = 0; k < 6; k++) {
          const joint = k % 2 === 0;
          const inspection = await em.save(
            ChishuiInspection,
            em.create(ChishuiInspection, {
              committeeCode: code,
              heldOn: `${year}-${String(2 * k + 1).padStart(2, "0")}-${String(5 + k).padStart(2, "0")}`,
              title: joint ? "赤水河流域跨区域联合监督视察" : "赤水河流域生态保护专项监督",
              partners: joint
                ? [PARTNERS[k % 3], ...(k === 0 ? [PARTNERS[3 + (code === "zhenxiong" ? 1 : 0)]] : [])].join("|")
                : "",
              participants: 12 + Math.floor(random() * 20),
            }),
          );
          const found = Math.floor(random() * 3);
          for (let p = 0; p < found; p++) {
            const closed = random() < (year === 2023 ? 0.8 : 0.4);
            await em.insert(ChishuiProblem, {
              committeeCode: code,
              inspectionId: inspection.id,
              sectionId: sections[Math.floor(random() * sections.length)].id,
              foundOn: inspection.heldOn,
              description: PROBLEMS[Math.floor(random() * PROBLEMS.length)],
              status: closed
                ? ChishuiProblemStatus.CLOSED
                : random() < 0.5
                  ? ChishuiProblemStatus.RECTIFYING
                  : ChishuiProblemStatus.OPEN,
              closedOn: closed ? `${year}-12-20` : null,
              rectification: closed ? "已督促相关部门整改到位并销号" : null,
            });
            problems++;
          }
        }
      }
    }
    log(`seeded ${readings} readings and ${problems} problems in ${counties.join(", ")}`);
  });
}
