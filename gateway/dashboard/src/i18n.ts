/** The page's own words in Chinese and English; figure titles come from the figure metadata. */
export type Lang = "zh" | "en";

const zh = {
  appTitle: "政协工作数据看板",
  brand: "同心",
  year: "年度",
  yearOption: "{y} 年",
  switchLang: "English",
  signIn: "登录",
  signInToken: "用令牌登录",
  username: "登录名",
  password: "密码",
  newPassword: "新密码 (至少 8 位)",
  mustChangeNote: "这是办公室设置的临时密码, 请设置新密码后登录。",
  tokenOption: "开发人员: 粘贴登录令牌",
  signingIn: "正在登录…",
  signInFailed: "登录失败: {message}",
  signOut: "退出登录",
  tokenLabel: "登录令牌",
  tokenHint:
    "请粘贴政协机关工作人员的登录令牌 (JWT)。可由管理员签发, 如 npm run -s token -- --role STAFF --committee zhaotong",
  devTokenNote: "开发环境: 已预置市政协办公室的开发令牌, 可直接登录。生产环境不提供。",
  useDevToken: "使用开发令牌登录",
  tokenMalformed: "令牌格式不对, 请完整粘贴。",
  tokenExpired: "令牌已过期, 请重新获取。",
  notStaff: "看板供政协机关工作人员使用, 请用机关 (STAFF) 令牌登录。",
  sessionEnded: "登录已失效, 请重新登录。",
  loading: "正在加载…",
  own: "本级",
  total: "本级 + 下级合计",
  committee: "政协",
  figuresHeading: "主要数字",
  figuresNote: "下级政协一行为该政协及其下级的数字; 合计由系统按口径计算 (含下级), 不是简单相加。",
  chartsHeading: "市县对比",
  reportHeading: "年度工作报告数字",
  reportNote: "以下数字与统计接口完全一致, 可直接用于工作报告。比率在下载文件中为 0–1 的小数 (Excel 中显示为百分比)。",
  downloadCsv: "下载 CSV",
  downloadXlsx: "下载 Excel",
  downloading: "正在生成…",
  downloadFailed: "下载失败: {message}",
  notEnabled: "本政协未启用该模块",
  forbidden: "无权查看",
  unavailable: "暂不可用",
  noDenominator: "分母为 0, 无从计算",
  notRecorded: "系统尚未登记",
  noIncludeDescendants: "该项不提供含下级的合计",
  drillHint: "点击政协名称或图表中的柱形, 查看该政协的数字",
  definitions: "口径说明",
  figureColumn: "名称",
  valueColumn: "数值",
  definitionColumn: "口径",
  sourceColumn: "来源",
  pluginTag: "县级特色",
  chartMembers: "委员人数",
  chartProposals: "提案受理、立案与办复",
  chartCoverage: "工作室与培训覆盖率",
  chartPlugins: "县级特色工作",
  viewError: "无法加载数据: {message}",
  fetched: "数据取自统计接口, 用时 {ms} 毫秒",
  noFigures: "没有可显示的统计口径 (统计口径文件缺失?)",
  level_NATIONAL: "全国",
  level_PROVINCE: "省级",
  level_CITY: "市级",
  level_COUNTY: "县级",
  kpiScopeTotal: "含下级",
  kpiScopeOwn: "本级",
  back: "返回",
};

const en: Record<keyof typeof zh, string> = {
  appTitle: "CPPCC work dashboard",
  brand: "Tongxin",
  year: "Year",
  yearOption: "{y}",
  switchLang: "中文",
  signIn: "Sign in",
  signInToken: "Sign in with the token",
  username: "Username",
  password: "Password",
  newPassword: "New password (8 characters or more)",
  mustChangeNote: "This is a temporary password set by the office: choose a new one to sign in.",
  tokenOption: "Developers: paste a sign-in token",
  signingIn: "Signing in…",
  signInFailed: "Sign-in failed: {message}",
  signOut: "Sign out",
  tokenLabel: "Sign-in token",
  tokenHint:
    "Paste a committee office (STAFF) token (JWT). An administrator issues one, e.g. npm run -s token -- --role STAFF --committee zhaotong",
  devTokenNote: "Development: a city office token is preset; production offers none.",
  useDevToken: "Sign in with the development token",
  tokenMalformed: "This is not a complete token; paste all of it.",
  tokenExpired: "This token has expired; get a new one.",
  notStaff: "The dashboard is for committee office staff: sign in with a STAFF token.",
  sessionEnded: "Your sign-in is no longer valid; sign in again.",
  loading: "Loading…",
  own: "own",
  total: "Including committees below",
  committee: "Committee",
  figuresHeading: "Key figures",
  figuresNote:
    "A committee below is shown with its own committees below; totals are computed by the API by definition (not added up here).",
  chartsHeading: "Side by side",
  reportHeading: "Annual work report figures",
  reportNote:
    "These figures equal the statistics exactly and can go straight into the report. Rates are fractions (0–1) in the downloads; Excel shows them as percentages.",
  downloadCsv: "Download CSV",
  downloadXlsx: "Download Excel",
  downloading: "Preparing…",
  downloadFailed: "Download failed: {message}",
  notEnabled: "not enabled for this committee",
  forbidden: "you may not see this figure",
  unavailable: "unavailable",
  noDenominator: "no denominator: nothing to divide by",
  notRecorded: "not recorded in Tongxin yet",
  noIncludeDescendants: "no total including committees below",
  drillHint: "Click a committee's name or its bar in a chart to see its figures",
  definitions: "Definitions",
  figureColumn: "Figure",
  valueColumn: "Value",
  definitionColumn: "Definition",
  sourceColumn: "Source",
  pluginTag: "county module",
  chartMembers: "Members",
  chartProposals: "Proposals received, filed and replied",
  chartCoverage: "Studio and training coverage",
  chartPlugins: "County modules",
  viewError: "Could not load the figures: {message}",
  fetched: "Fetched from the statistics API in {ms} ms",
  noFigures: "No figure definitions to show (is the figures file missing?)",
  level_NATIONAL: "national",
  level_PROVINCE: "province",
  level_CITY: "city",
  level_COUNTY: "county",
  kpiScopeTotal: "incl. below",
  kpiScopeOwn: "own",
  back: "Back",
};

export type MessageKey = keyof typeof zh;
const STRINGS: Record<Lang, Record<MessageKey, string>> = { zh, en };

let current: Lang = "zh";

export const lang = (): Lang => current;

export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l === "zh" ? "zh-CN" : "en";
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[current][key].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ""));
}

/** Metadata carries both languages: `title` (Chinese) and `titleEn`. */
export const pick = (item: { title: string; titleEn: string }): string =>
  current === "zh" ? item.title : item.titleEn || item.title;
