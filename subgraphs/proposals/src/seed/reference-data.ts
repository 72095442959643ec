/**
 * Vocabulary of the demo data: the departments that handle proposals, and themes taken
 * from the source report (产城人融合, 高原特色农业, 学前教育, 乡村振兴, 城乡"两污", 古城保护 …).
 */
import { CollectiveProposerType, ProposalCategory } from "../proposal/proposal.entity";

export interface Department {
  /** Name after the place: 昭通市 + 教育体育局. */
  city: string;
  county: string;
  categories: ProposalCategory[];
}

const C = ProposalCategory;

export const DEPARTMENTS: Department[] = [
  { city: "教育体育局", county: "教育体育局", categories: [C.EDUCATION] },
  { city: "卫生健康委员会", county: "卫生健康局", categories: [C.HEALTH] },
  { city: "住房和城乡建设局", county: "住房和城乡建设局", categories: [C.URBAN_RURAL] },
  { city: "农业农村局", county: "农业农村局", categories: [C.AGRICULTURE] },
  { city: "交通运输局", county: "交通运输局", categories: [C.TRANSPORT] },
  { city: "生态环境局", county: "生态环境分局", categories: [C.ECOLOGY] },
  { city: "发展和改革委员会", county: "发展和改革局", categories: [C.ECONOMY] },
  { city: "人力资源和社会保障局", county: "人力资源和社会保障局", categories: [C.SOCIAL_SECURITY] },
  { city: "文化和旅游局", county: "文化和旅游局", categories: [C.CULTURE_TOURISM] },
  { city: "民政局", county: "民政局", categories: [C.SOCIAL_SECURITY] },
  { city: "自然资源和规划局", county: "自然资源局", categories: [C.URBAN_RURAL, C.ECOLOGY] },
  { city: "水务局", county: "水务局", categories: [C.ECOLOGY, C.AGRICULTURE] },
  { city: "财政局", county: "财政局", categories: [C.ECONOMY] },
  { city: "工业和信息化局", county: "工业信息化和商务局", categories: [C.INDUSTRY] },
  { city: "商务局", county: "投资促进局", categories: [C.ECONOMY, C.INDUSTRY] },
  { city: "公安局", county: "公安局", categories: [C.GOVERNANCE] },
  { city: "市场监督管理局", county: "市场监督管理局", categories: [C.GOVERNANCE, C.ECONOMY] },
  { city: "乡村振兴局", county: "乡村振兴局", categories: [C.AGRICULTURE] },
  { city: "医疗保障局", county: "医疗保障局", categories: [C.HEALTH] },
  { city: "应急管理局", county: "应急管理局", categories: [C.GOVERNANCE] },
  { city: "林业和草原局", county: "林业和草原局", categories: [C.ECOLOGY, C.AGRICULTURE] },
  { city: "司法局", county: "司法局", categories: [C.GOVERNANCE] },
  { city: "退役军人事务局", county: "退役军人事务局", categories: [C.SOCIAL_SECURITY] },
  { city: "数据局", county: "融媒体中心", categories: [C.OTHER] },
];

/** Share of proposals per category, shaped on the themes the report names most. */
export const CATEGORY_WEIGHTS: { category: ProposalCategory; weight: number }[] = [
  { category: C.ECONOMY, weight: 10 },
  { category: C.INDUSTRY, weight: 8 },
  { category: C.AGRICULTURE, weight: 15 },
  { category: C.URBAN_RURAL, weight: 11 },
  { category: C.TRANSPORT, weight: 7 },
  { category: C.ECOLOGY, weight: 8 },
  { category: C.EDUCATION, weight: 13 },
  { category: C.HEALTH, weight: 10 },
  { category: C.CULTURE_TOURISM, weight: 6 },
  { category: C.SOCIAL_SECURITY, weight: 7 },
  { category: C.GOVERNANCE, weight: 4 },
  { category: C.OTHER, weight: 1 },
];

/** Title topics per category: "关于{topic}的建议". `{place}` becomes the committee's place. */
export const TOPICS: Record<ProposalCategory, string[]> = {
  ECONOMY: [
    "扎实做好“产、城、人”三篇文章推动产城人融合发展",
    "优化{place}营商环境提升行政审批效率",
    "壮大县域经济培育市场主体",
    "加大民营企业融资支持力度",
    "推动“5个千亿级”产业集群建设",
    "盘活闲置国有资产增加财政收入",
    "发展现代服务业扩大消费",
    "加强东西部协作招商引资",
  ],
  INDUSTRY: [
    "加快园区建设助推{place}工业经济高质量发展",
    "推进水电铝硅产业链延链补链",
    "培育磷基及新能源电池材料产业",
    "做强绿色能源产业",
    "支持光伏高透基材项目建设",
    "提升园区标准化厂房利用率",
    "推动传统产业数字化转型",
  ],
  AGRICULTURE: [
    "聚焦高原特色农业发展促进农民增收",
    "做大做强昭通苹果产业",
    "推进天麻、竹笋等特色产业品牌建设",
    "巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
    "加强高标准农田建设",
    "发展农产品冷链物流",
    "培育新型农业经营主体",
    "促进易地扶贫搬迁群众稳定就业",
    "推进农文旅深度融合发展助力乡村振兴",
  ],
  URBAN_RURAL: [
    "加快城乡“两污”基础设施建设推动人居环境提升",
    "推进{place}老旧小区改造",
    "加强城市停车设施建设",
    "推进新型城镇化建设做美县城",
    "规范农村建房管理",
    "完善城市排水防涝设施",
    "推进昭鲁大道沿线综合整治",
  ],
  TRANSPORT: [
    "加强乡村交通基础设施建设",
    "推进昭通机场迁建配套设施建设",
    "优化城乡客运班线",
    "加强农村公路养护管理",
    "完善{place}公共交通网络",
    "推进沿江通道建设",
  ],
  ECOLOGY: [
    "加强赤水河流域生态保护",
    "推进金沙江沿线生态修复",
    "加强农村饮用水水源地保护",
    "推进绿美乡村建设",
    "建立健全横向生态补偿机制",
    "加强地质灾害隐患点监测预警",
  ],
  EDUCATION: [
    "以人为本提质增效全面推动昭通学前教育高质量发展",
    "落实教育高质量发展三年行动",
    "加强乡村教师队伍建设",
    "改善山区学校寄宿条件",
    "推进职业教育产教融合",
    "加强中小学生心理健康教育",
    "扩大普惠性学前教育资源",
    "做好中小学生课后服务",
  ],
  HEALTH: [
    "加强基层医疗卫生服务能力建设",
    "稳定乡村医生队伍",
    "推进紧密型县域医共体建设",
    "完善城乡居民医保报销政策",
    "加强妇幼健康服务",
    "提升乡镇卫生院设备水平",
    "推进中医药传承发展",
  ],
  CULTURE_TOURISM: [
    "加强昭通古城保护与开发",
    "打造新时代“昭通印象”文旅品牌",
    "挖掘乌蒙山区红色文化资源",
    "推进公共文化服务体系建设",
    "发展乡村旅游民宿",
    "加强非物质文化遗产保护传承",
  ],
  SOCIAL_SECURITY: [
    "加强农村养老服务体系建设",
    "做好高校毕业生就业服务",
    "保障农民工工资按时足额发放",
    "关爱农村留守儿童和困境儿童",
    "加强残疾人康复服务",
    "完善退役军人服务保障体系",
  ],
  GOVERNANCE: [
    "深化“院坝协商”推进基层治理",
    "加强食品药品安全监管",
    "推进电动自行车充电安全治理",
    "加强民族团结进步示范创建",
    "做好矛盾纠纷多元化解",
    "加强普法强基提升基层法治水平",
  ],
  OTHER: ["推进“数字政协”建设提高移动履职水平", "加强政协文史资料征编工作", "推进“书香政协”建设"],
};

export const TITLE_SUFFIXES = ["的建议", "的提案", "的几点建议"];

/** Short bodies in the usual shape: the situation, the problems, the suggestions. */
export const PROBLEMS = [
  "资金投入不足, 项目推进缓慢",
  "基层力量薄弱, 专业人才缺乏",
  "部门协同不够, 政策落实存在“最后一公里”问题",
  "城乡发展不平衡, 农村地区短板明显",
  "群众知晓率不高, 参与积极性有待提高",
  "配套设施不完善, 运行管护机制不健全",
];
export const SUGGESTIONS = [
  "加强统筹规划, 将相关工作纳入年度重点任务",
  "积极争取上级资金支持, 整合各类涉农资金",
  "建立部门联动机制, 明确责任分工和时限要求",
  "加大人才引进和培养力度, 充实基层工作力量",
  "完善考核评价办法, 强化督促检查",
  "加强宣传引导, 调动社会各方面参与的积极性",
  "总结推广先进经验, 以点带面推动工作",
];

export const REPLY_OPENINGS: Record<"A" | "B" | "C" | "D", string> = {
  A: "所提建议已采纳并落实。",
  B: "所提问题正在解决, 相关工作已列入年度任务并有序推进。",
  C: "所提建议已列入下一步工作计划, 将结合财力逐步实施。",
  D: "所提建议对做好相关工作有参考价值, 受政策和条件限制, 暂时留作参考。",
};

/** Collective proposers: the city's 36 are by the parties and the federation of industry and commerce. */
export function collectiveProposers(place: string, isCity: boolean): { name: string; type: CollectiveProposerType }[] {
  const T = CollectiveProposerType;
  if (isCity) {
    return [
      { name: `民革${place}委员会`, type: T.PARTY },
      { name: `民盟${place}委员会`, type: T.PARTY },
      { name: `民建${place}委员会`, type: T.PARTY },
      { name: `民进${place}委员会`, type: T.PARTY },
      { name: `农工党${place}委员会`, type: T.PARTY },
      { name: `九三学社${place}委员会`, type: T.PARTY },
      { name: `${place}工商业联合会`, type: T.ORGANISATION },
    ];
  }
  return [
    { name: `民盟${place}总支部`, type: T.PARTY },
    { name: `民建${place}支部`, type: T.PARTY },
    { name: `${place}工商业联合会`, type: T.ORGANISATION },
    { name: `${place}妇女联合会`, type: T.ORGANISATION },
    { name: `政协${place}委员会农业和农村界别`, type: T.SECTOR_GROUP },
    { name: `政协${place}委员会经济委员会`, type: T.SPECIAL_COMMITTEE },
  ];
}

export const OPINION_ISSUES = [
  "农村留守儿童心理健康问题",
  "城区停车难问题",
  "乡村医生队伍老龄化问题",
  "部分山区群众饮水安全问题",
  "高原特色农产品销售难问题",
  "农村养老服务供给不足问题",
  "背街小巷路灯损坏问题",
  "电动自行车充电安全隐患",
  "冬季山区道路结冰影响出行",
  "农民工工资拖欠问题",
  "乡镇卫生院设备老化问题",
  "城乡客运班线减少影响群众出行",
  "地质灾害隐患点监测问题",
  "苹果产业冷链物流短板",
  "易地扶贫搬迁安置点群众就业问题",
  "少数民族群众就医语言障碍问题",
  "中小学校周边交通安全问题",
  "农村生活垃圾收运不及时问题",
  "网络电信诈骗向农村蔓延问题",
  "殡葬改革推进中的群众诉求",
];
export const OPINION_FORMS = ["关于{issue}的反映", "群众反映{issue}亟待解决", "建议重视{issue}"];
