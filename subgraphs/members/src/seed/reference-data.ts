/**
 * Reference data for the demo: the twelve committees of DOMAIN.md, the sectors and
 * parties, and the vocabulary of plausible names and workplaces. Counts are shaped on
 * the source report (about 400 city members, 394 duty letters signed in 2023).
 */
import { CommitteeLevel } from "../committee/committee.entity";

export interface CommitteeSeed {
  code: string;
  name: string;
  level: CommitteeLevel;
  parentCode: string | null;
  currentTerm: number;
  termStartedOn: string;
  /** Place name used for workplaces: 昭通市, 镇雄县 … */
  place: string;
  /** Members on the register at the start of the term. */
  size: number;
}

export const COMMITTEES: CommitteeSeed[] = [
  {
    code: "zhaotong",
    name: "昭通市政协",
    level: CommitteeLevel.CITY,
    parentCode: null,
    currentTerm: 5,
    termStartedOn: "2022-01-10",
    place: "昭通市",
    size: 402,
  },
  {
    code: "zhaoyang",
    name: "昭阳区政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 5,
    termStartedOn: "2021-12-28",
    place: "昭阳区",
    size: 286,
  },
  {
    code: "ludian",
    name: "鲁甸县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-27",
    place: "鲁甸县",
    size: 204,
  },
  {
    code: "qiaojia",
    name: "巧家县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-27",
    place: "巧家县",
    size: 216,
  },
  {
    code: "yanjin",
    name: "盐津县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-26",
    place: "盐津县",
    size: 181,
  },
  {
    code: "daguan",
    name: "大关县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-26",
    place: "大关县",
    size: 158,
  },
  {
    code: "yongshan",
    name: "永善县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-28",
    place: "永善县",
    size: 192,
  },
  {
    code: "suijiang",
    name: "绥江县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-25",
    place: "绥江县",
    size: 152,
  },
  {
    code: "zhenxiong",
    name: "镇雄县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-29",
    place: "镇雄县",
    size: 297,
  },
  {
    code: "yiliang",
    name: "彝良县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-28",
    place: "彝良县",
    size: 228,
  },
  {
    code: "weixin",
    name: "威信县政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 11,
    termStartedOn: "2021-12-27",
    place: "威信县",
    size: 176,
  },
  {
    code: "shuifu",
    name: "水富市政协",
    level: CommitteeLevel.COUNTY,
    parentCode: "zhaotong",
    currentTerm: 4,
    termStartedOn: "2021-12-24",
    place: "水富市",
    size: 151,
  },
];

/** Sectors, with the party that usually fills each party sector. */
export const SECTORS: { name: string; party?: string; weight: number }[] = [
  { name: "中共", party: "中共", weight: 9 },
  { name: "民革", party: "民革", weight: 2 },
  { name: "民盟", party: "民盟", weight: 2 },
  { name: "民建", party: "民建", weight: 2 },
  { name: "民进", party: "民进", weight: 2 },
  { name: "农工党", party: "农工党", weight: 2 },
  { name: "致公党", party: "致公党", weight: 1 },
  { name: "九三学社", party: "九三学社", weight: 2 },
  { name: "无党派", party: "无党派", weight: 2 },
  { name: "共青团", weight: 2 },
  { name: "工会", weight: 2 },
  { name: "妇联", weight: 2 },
  { name: "工商联", weight: 6 },
  { name: "科技", weight: 4 },
  { name: "教育", weight: 7 },
  { name: "文化艺术", weight: 4 },
  { name: "医药卫生", weight: 6 },
  { name: "经济", weight: 9 },
  { name: "农业", weight: 7 },
  { name: "少数民族", weight: 4 },
  { name: "宗教", weight: 2 },
  { name: "特邀", weight: 5 },
  { name: "新闻出版", weight: 2 },
  { name: "体育", weight: 1 },
  { name: "社会福利和社会保障", weight: 3 },
];

export const PARTIES: { shortName: string; name: string }[] = [
  { shortName: "中共", name: "中国共产党" },
  { shortName: "民革", name: "中国国民党革命委员会" },
  { shortName: "民盟", name: "中国民主同盟" },
  { shortName: "民建", name: "中国民主建国会" },
  { shortName: "民进", name: "中国民主促进会" },
  { shortName: "农工党", name: "中国农工民主党" },
  { shortName: "致公党", name: "中国致公党" },
  { shortName: "九三学社", name: "九三学社" },
  { shortName: "无党派", name: "无党派人士" },
];

/** 群众: no political affiliation; on the platform's list so a roster can say so. */
export const NO_PARTY = { shortName: "群众", name: "群众" };

/** Everything a platform set up from nothing starts with (`npm run setup`). */
export const PLATFORM_SECTORS = SECTORS.map((s) => s.name);
export const PLATFORM_PARTIES = [...PARTIES, NO_PARTY];

export const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤禄陇安";
/** Surnames frequent among the Hui of Zhaotong (Ludian, Zhaoyang). */
export const HUI_SURNAMES = "马马马纳沙丁保海杨李";
export const YI_SURNAMES = "安禄陇龙杨王吉阿";

export const GIVEN_MALE = "国建军伟明华志勇强斌杰俊涛磊鹏辉林平刚永德学文海波晓云昌宏兴贵荣成光发亮松忠祥福友富顺";
export const GIVEN_FEMALE = "芳丽敏静燕艳娟霞秀英玲红梅兰琴雪莉萍琳娜洁慧颖婷茜蓉春丹凤桂云晓欣";

export const ETHNICITIES: { name: string; weight: number }[] = [
  { name: "汉族", weight: 80 },
  { name: "回族", weight: 8 },
  { name: "彝族", weight: 6 },
  { name: "苗族", weight: 5 },
  { name: "布依族", weight: 1 },
];

/** Workplaces and titles per sector; `{place}` becomes the committee's place name. */
export const WORKPLACES: Record<string, { places: string[]; titles: string[] }> = {
  教育: {
    places: [
      "{place}第一中学",
      "{place}实验小学",
      "{place}职业高级中学",
      "昭通学院",
      "{place}民族中学",
      "{place}教育体育局",
    ],
    titles: ["校长", "副校长", "高级教师", "教授", "副教授", "教研室主任"],
  },
  医药卫生: {
    places: [
      "{place}人民医院",
      "{place}中医医院",
      "{place}妇幼保健院",
      "{place}疾病预防控制中心",
      "{place}第二人民医院",
    ],
    titles: ["院长", "副院长", "主任医师", "副主任医师", "护理部主任"],
  },
  经济: {
    places: [
      "{place}天麻产业有限公司",
      "{place}苹果产业发展有限公司",
      "{place}建筑工程有限公司",
      "{place}农村商业银行",
      "{place}城市建设投资有限公司",
    ],
    titles: ["董事长", "总经理", "副总经理", "行长", "财务总监"],
  },
  工商联: {
    places: [
      "{place}商贸有限公司",
      "{place}食品有限公司",
      "{place}物流有限公司",
      "{place}酒店管理有限公司",
      "{place}新能源有限公司",
    ],
    titles: ["董事长", "总经理", "执行董事"],
  },
  农业: {
    places: [
      "{place}农业农村局",
      "{place}农业科学技术推广站",
      "{place}马铃薯种植专业合作社",
      "{place}高原特色农业示范园",
      "{place}林业和草原局",
    ],
    titles: ["局长", "站长", "高级农艺师", "理事长", "技术员"],
  },
  科技: {
    places: ["{place}科学技术协会", "{place}工业和信息化局", "{place}气象局", "{place}电力有限责任公司"],
    titles: ["主席", "高级工程师", "工程师", "总工程师"],
  },
  文化艺术: {
    places: ["{place}文学艺术界联合会", "{place}文化馆", "{place}图书馆", "{place}滇剧团"],
    titles: ["主席", "馆长", "一级演员", "作家", "书法家"],
  },
  新闻出版: { places: ["{place}融媒体中心", "昭通日报社"], titles: ["主任", "总编辑", "高级记者"] },
  体育: { places: ["{place}体育运动学校", "{place}全民健身中心"], titles: ["校长", "教练员"] },
  宗教: { places: ["{place}伊斯兰教协会", "{place}佛教协会", "{place}基督教两会"], titles: ["会长", "副会长"] },
  少数民族: {
    places: ["{place}民族宗教事务局", "{place}民族中学", "{place}乡村振兴局"],
    titles: ["局长", "副局长", "教师"],
  },
  妇联: { places: ["{place}妇女联合会", "{place}家政服务协会"], titles: ["主席", "副主席", "会长"] },
  共青团: { places: ["共青团{place}委员会", "{place}青年创业协会"], titles: ["书记", "副书记", "会长"] },
  工会: { places: ["{place}总工会", "{place}供电局工会"], titles: ["主席", "副主席"] },
  社会福利和社会保障: {
    places: ["{place}民政局", "{place}人力资源和社会保障局", "{place}残疾人联合会", "{place}红十字会"],
    titles: ["局长", "理事长", "副局长"],
  },
  特邀: {
    places: ["{place}人民法院", "{place}人民检察院", "{place}公安局", "{place}退役军人事务局"],
    titles: ["副院长", "副检察长", "副局长", "调研员"],
  },
};
export const DEFAULT_WORKPLACE = {
  places: [
    "{place}发展和改革局",
    "{place}财政局",
    "{place}自然资源局",
    "{place}住房和城乡建设局",
    "{place}律师事务所",
    "{place}会计师事务所",
  ],
  titles: ["局长", "副局长", "主任", "律师", "注册会计师", "科长"],
};
