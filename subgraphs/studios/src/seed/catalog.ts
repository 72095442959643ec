/**
 * Vocabulary of the demo studios, taken from the themes of the source report: 乡村振兴,
 * "医者仁心" and "匠心润童心", 院坝协商's five themes, 赤水河 protection, 书香政协 …
 * `sector` names match the members subgraph's sectors.
 */
import { StudioActivityType } from "../activity/activity.entity";

export interface StudioTemplate {
  name: string;
  theme: string;
  sector: string | null;
}

export const STUDIO_TEMPLATES: StudioTemplate[] = [
  { name: "医者仁心", theme: "基层医疗服务", sector: "医药卫生" },
  { name: "匠心润童心", theme: "学前教育和义务教育", sector: "教育" },
  { name: "乡村振兴", theme: "巩固拓展脱贫攻坚成果", sector: "农业" },
  { name: "民营经济", theme: "优化营商环境", sector: "工商联" },
  { name: "园区发展", theme: "园区建设和工业经济", sector: "经济" },
  { name: "普法强基", theme: "基层法治和平安建设", sector: "特邀" },
  { name: "高原特色农业", theme: "苹果、马铃薯、天麻产业", sector: "农业" },
  { name: "民族团结", theme: "铸牢中华民族共同体意识", sector: "少数民族" },
  { name: "科技兴农", theme: "农业科技推广", sector: "科技" },
  { name: "绿美乡村", theme: "农村人居环境提升", sector: null },
  { name: "移风易俗", theme: "文明乡风建设", sector: "文化艺术" },
  { name: "扶弱济困", theme: "困难群众帮扶", sector: "社会福利和社会保障" },
  { name: "赤水河保护", theme: "流域生态环境保护", sector: "九三学社" },
  { name: "书香政协", theme: "全民阅读", sector: "新闻出版" },
  { name: "青春建功", theme: "青年创业就业", sector: "共青团" },
  { name: "巾帼建功", theme: "妇女儿童权益保障", sector: "妇联" },
  { name: "职工之家", theme: "劳动者权益维护", sector: "工会" },
  { name: "农文旅融合", theme: "农文旅深度融合发展", sector: "文化艺术" },
  { name: "健康守护", theme: "县域医共体建设", sector: "农工党" },
  { name: "同心助学", theme: "教育帮扶", sector: "民进" },
  { name: "法律服务", theme: "法律援助与咨询", sector: "民盟" },
  { name: "企业纾困", theme: "中小企业发展", sector: "民建" },
  { name: "侨胞之家", theme: "港澳台侨联谊", sector: "致公党" },
  { name: "同心圆", theme: "祖国和平统一", sector: "民革" },
  { name: "古城保护", theme: "昭通古城保护与开发", sector: "无党派" },
  { name: "绿色能源", theme: "水电铝硅产业发展", sector: "经济" },
  { name: "全民健身", theme: "体育惠民", sector: "体育" },
  { name: "和谐共处", theme: "宗教领域和谐稳定", sector: "宗教" },
  { name: "两污治理", theme: "城乡污水垃圾处理", sector: "科技" },
  { name: "乡村交通", theme: "乡村交通基础设施建设", sector: "中共" },
];

export const STREETS = ["凤凰街道", "龙泉街道", "太平街道", "旧圃镇", "守望乡", "北闸镇", "城关镇", "文屏镇"];
export const VENUES = ["社区党群服务中心", "新时代文明实践站", "委员之家", "村委会二楼", "便民服务中心"];

/** Titles per activity type; `{theme}` becomes the studio's theme. */
export const ACTIVITY_TITLES: Record<StudioActivityType, string[]> = {
  STUDY: [
    "学习贯彻党的二十大精神专题学习会",
    "“书香政协”读书分享会",
    "学习《政协章程》专题座谈",
    "委员履职能力提升交流会",
    "学习市委全会精神集中研讨",
  ],
  MICRO_CONSULTATION: [
    "关于{theme}的微协商",
    "“院坝协商”{theme}议事会",
    "{theme}问题协商座谈",
    "群众点题、委员议事: {theme}",
  ],
  INSPECTION: ["{theme}工作视察", "行政审批效率专项视察", "乡村交通基础设施建设视察", "{theme}民主监督视察"],
  PUBLIC_SERVICE: [
    "“医者仁心”义诊进社区",
    "“匠心润童心”送教下乡",
    "“千名委员走基层”服务群众活动",
    "法律咨询进村寨",
    "为民办实事: {theme}",
  ],
  RESEARCH: [
    "{theme}专题调研",
    "推进农文旅深度融合发展调研",
    "高原特色农业发展调研",
    "加快园区建设、助推工业经济高质量发展调研",
  ],
};
