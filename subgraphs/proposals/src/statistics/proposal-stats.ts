import { defineFigures, defineLoaders, rate, today, type RequestContext } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { In } from "typeorm";
import { ProposalAssignment } from "../assignment/assignment.entity";
import { OVERDUE_SQL } from "../assignment/handling.service";
import { ProposalReply, ReplyClass } from "../assignment/reply.entity";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { Proposal, ProposalCategory } from "../proposal/proposal.entity";
import { countWhere, num } from "./sql";

/**
 * The SQL of DOMAIN.md's proposal figures, written once. Every figure counts the
 * proposals of the year (the proposal's year/session) in their current state; drafts
 * are never received.
 */
const RECEIVED = "p.status <> 'DRAFT'";
const FILED = "p.review_decision = 'FILED'";
/** The latest reply from a lead unit (replies are stored in the order they were given). */
const LATEST_LEAD_REPLY =
  "lr.id = (SELECT MAX(r2.id) FROM proposal_reply r2 WHERE r2.proposal_id = p.id AND r2.role = 'LEAD')";

@ObjectType("ProposalCategoryFigures", { description: "按分类的提案数 / proposal figures of one category" })
export class CategoryFigures {
  @Field(() => ProposalCategory)
  category: ProposalCategory;

  @Field(() => Int)
  received: number;

  @Field(() => Int)
  filed: number;

  @Field(() => Int)
  replied: number;

  @Field(() => Int)
  solvedOrBasicallySolved: number;
}

@ObjectType({ description: "按答复类别的已立案提案数 (以主办单位最近一次答复为准)" })
export class ReplyClassCount {
  @Field(() => ReplyClass)
  replyClass: ReplyClass;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "承办单位办理情况 (作为本轮主办单位的已立案提案)" })
export class HandlingUnitFigures {
  @Field(() => HandlingUnit, { nullable: true })
  unit: HandlingUnit | null;

  @Field(() => Int, { description: "作为主办单位承办的已立案提案" })
  assigned: number;

  @Field(() => Int, { description: "其中本单位已答复的" })
  replied: number;

  @Field(() => Float, { nullable: true })
  replyRate: number | null;

  @Field(() => Int)
  solvedOrBasicallySolved: number;

  @Field(() => Int)
  evaluated: number;

  @Field(() => Float, { nullable: true })
  satisfactionRate: number | null;

  @Field(() => Int)
  overdue: number;
}

const YEAR_RULE =
  "按提案所属年度 (届次会议) 统计, 以当前状态为准 / counts the proposals of the year (the proposal's year/session) in their current state";

/**
 * The figures of `proposalStats`, written once: the field descriptions below, the dashboard
 * metadata (the module's `stats`) and the annual report rows all read them from here.
 */
export const PROPOSAL_STATS = defineFigures({
  field: "proposalStats",
  title: "提案",
  titleEn: "Proposals",
  period: "year",
  figures: {
    received: {
      title: "收到提案",
      titleEn: "Proposals received",
      kind: "count",
      definition: `当年提交的提案, 不含草稿 / proposals submitted in the year (not drafts); ${YEAR_RULE}`,
    },
    filed: {
      title: "立案",
      titleEn: "Proposals filed",
      kind: "count",
      definition: "收到的提案中审查决定为立案的 / of those, decided FILED",
    },
    filingRate: {
      title: "立案率",
      titleEn: "Filing rate",
      kind: "rate",
      definition: "立案 / 收到; 收到为 0 时为空 / filed / received; null when none received",
    },
    replied: {
      title: "办复",
      titleEn: "Replied",
      kind: "count",
      definition: "主办单位至少答复一次的立案提案 / filed proposals with at least one reply from the lead unit",
    },
    replyRate: {
      title: "办复率",
      titleEn: "Reply rate",
      kind: "rate",
      definition: "办复 / 立案; 立案为 0 时为空 / replied / filed; null when none filed",
    },
    solvedOrBasicallySolved: {
      title: "解决或基本解决",
      titleEn: "Solved or basically solved",
      kind: "count",
      definition:
        "主办单位最近一次答复为 A (解决或采纳) 或 B (正在解决) 类的立案提案 / filed proposals whose latest reply is class A or B",
    },
    evaluated: {
      title: "已评价",
      titleEn: "Evaluated",
      kind: "count",
      definition:
        "提案者已评价答复的立案提案, 以最近一次评价为准 / filed proposals whose reply the proposer has evaluated (latest evaluation)",
    },
    satisfactionRate: {
      title: "满意率",
      titleEn: "Satisfaction rate",
      kind: "rate",
      definition:
        "(满意 + 基本满意) / 已评价; 已评价为 0 时为空 / (SATISFIED + BASICALLY_SATISFIED) / evaluated; null when none evaluated",
    },
    keyProposals: {
      title: "重点提案",
      titleEn: "Key proposals",
      kind: "count",
      definition: "确定为重点提案的立案提案 / filed proposals chosen as key proposals",
    },
    keyProposalsExcellent: {
      title: "重点提案办复优秀",
      titleEn: "Key proposals rated excellent",
      kind: "count",
      definition: "办复质量评为优秀的重点提案 / key proposals whose reply quality is rated excellent",
    },
    overdue: {
      title: "逾期未答复",
      titleEn: "Overdue",
      kind: "count",
      definition:
        "办理中、主办单位本轮答复期限 (交办后 3 个月, 最长 6 个月) 已过仍未答复的提案, 截至今天 / proposals being handled whose lead unit's due date in the current round has passed without a reply, as of today",
    },
    notFiled: {
      title: "不予立案",
      titleEn: "Not filed",
      kind: "count",
      definition: "收到的提案中审查决定为不予立案的 / of those received, decided NOT_FILED",
      dashboard: false,
    },
    merged: {
      title: "并案",
      titleEn: "Merged",
      kind: "count",
      definition: "收到的提案中并入另一件提案的 / of those received, merged into another proposal",
      dashboard: false,
    },
    collective: {
      title: "集体提案 (党派、人民团体、界别、专委会)",
      titleEn: "Collective proposals (parties, organisations, sector groups, special committees)",
      kind: "count",
      definition:
        "当年收到的集体提案; 市政协的集体提案均由各民主党派和工商联提出 / collective proposals received in the year",
      dashboard: false,
    },
    satisfied: {
      title: "满意",
      titleEn: "Satisfied",
      kind: "count",
      definition: "最近一次评价为满意的已评价提案 / evaluated proposals whose latest evaluation is SATISFIED",
      dashboard: false,
    },
    basicallySatisfied: {
      title: "基本满意",
      titleEn: "Basically satisfied",
      kind: "count",
      definition:
        "最近一次评价为基本满意的已评价提案 / evaluated proposals whose latest evaluation is BASICALLY_SATISFIED",
      dashboard: false,
    },
    unsatisfied: {
      title: "不满意",
      titleEn: "Unsatisfied",
      kind: "count",
      definition: "最近一次评价为不满意的已评价提案 / evaluated proposals whose latest evaluation is UNSATISFIED",
      dashboard: false,
    },
    closed: {
      title: "办结",
      titleEn: "Closed",
      kind: "count",
      definition: "已办结的提案 / proposals closed",
      dashboard: false,
    },
  },
});

/** Figures about a committee's proposals of one year (DOMAIN.md, "Statistics and their exact definitions"). */
@ObjectType({ description: "提案统计 / proposal figures of a committee for a year" })
export class ProposalStats {
  @Field(() => Int)
  year: number;

  @Field({ description: "是否包含下级政协" })
  includesDescendants: boolean;

  @Field(() => Int, PROPOSAL_STATS.options("received"))
  received: number;

  @Field(() => Int, PROPOSAL_STATS.options("filed"))
  filed: number;

  @Field(() => Float, { nullable: true, ...PROPOSAL_STATS.options("filingRate") })
  filingRate: number | null;

  @Field(() => Int, PROPOSAL_STATS.options("notFiled"))
  notFiled: number;

  @Field(() => Int, PROPOSAL_STATS.options("merged"))
  merged: number;

  @Field(() => Int, PROPOSAL_STATS.options("collective"))
  collective: number;

  @Field(() => Int, PROPOSAL_STATS.options("replied"))
  replied: number;

  @Field(() => Float, { nullable: true, ...PROPOSAL_STATS.options("replyRate") })
  replyRate: number | null;

  @Field(() => Int, PROPOSAL_STATS.options("solvedOrBasicallySolved"))
  solvedOrBasicallySolved: number;

  @Field(() => Int, PROPOSAL_STATS.options("evaluated"))
  evaluated: number;

  @Field(() => Int, PROPOSAL_STATS.options("satisfied"))
  satisfied: number;

  @Field(() => Int, PROPOSAL_STATS.options("basicallySatisfied"))
  basicallySatisfied: number;

  @Field(() => Int, PROPOSAL_STATS.options("unsatisfied"))
  unsatisfied: number;

  @Field(() => Float, { nullable: true, ...PROPOSAL_STATS.options("satisfactionRate") })
  satisfactionRate: number | null;

  @Field(() => Int, PROPOSAL_STATS.options("keyProposals"))
  keyProposals: number;

  @Field(() => Int, PROPOSAL_STATS.options("keyProposalsExcellent"))
  keyProposalsExcellent: number;

  @Field(() => Int, PROPOSAL_STATS.options("overdue"))
  overdue: number;

  @Field(() => Int, PROPOSAL_STATS.options("closed"))
  closed: number;

  /** Which committees and year the figures cover, for the breakdown fields. */
  scope: StatsScope;
}

export interface StatsScope {
  code: string;
  /** The committee alone, or with every descendant. */
  codes: string[];
  year: number;
}

type Counts = Omit<
  ProposalStats,
  "year" | "includesDescendants" | "scope" | "filingRate" | "replyRate" | "satisfactionRate"
>;
const COUNT_KEYS: (keyof Counts)[] = [
  "received",
  "filed",
  "notFiled",
  "merged",
  "collective",
  "replied",
  "solvedOrBasicallySolved",
  "evaluated",
  "satisfied",
  "basicallySatisfied",
  "unsatisfied",
  "keyProposals",
  "keyProposalsExcellent",
  "overdue",
  "closed",
];

const zero = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Counts;
const union = (scopes: readonly StatsScope[]) => ({
  codes: [...new Set(scopes.flatMap((s) => s.codes))],
  years: [...new Set(scopes.map((s) => s.year))],
});

/**
 * One grouped statement for every committee and year in the batch: proposals belong to
 * exactly one committee, so a subtree's figure is the sum of its committees' figures.
 */
async function computeStats(ctx: RequestContext, scopes: readonly StatsScope[]): Promise<ProposalStats[]> {
  const { codes, years } = union(scopes);
  const rows: Record<string, unknown>[] = await ctx
    .repo(Proposal)
    .createQueryBuilder("p")
    .leftJoin(ProposalReply, "lr", LATEST_LEAD_REPLY)
    .leftJoin(ProposalAssignment, "oa", `oa.proposal_id = p.id AND oa.role = 'LEAD' AND ${OVERDUE_SQL("oa", "p")}`, {
      today: today(),
    })
    .select("p.committee_code", "code")
    .addSelect("p.year", "year")
    .addSelect("COUNT(*)", "received")
    .addSelect(countWhere(FILED), "filed")
    .addSelect(countWhere("p.review_decision = 'NOT_FILED'"), "notFiled")
    .addSelect(countWhere("p.review_decision = 'MERGED'"), "merged")
    .addSelect(countWhere("p.kind = 'COLLECTIVE'"), "collective")
    .addSelect(countWhere(`${FILED} AND lr.id IS NOT NULL`), "replied")
    .addSelect(countWhere(`${FILED} AND lr.reply_class IN ('A', 'B')`), "solvedOrBasicallySolved")
    .addSelect(countWhere(`${FILED} AND p.evaluation IS NOT NULL`), "evaluated")
    .addSelect(countWhere(`${FILED} AND p.evaluation = 'SATISFIED'`), "satisfied")
    .addSelect(countWhere(`${FILED} AND p.evaluation = 'BASICALLY_SATISFIED'`), "basicallySatisfied")
    .addSelect(countWhere(`${FILED} AND p.evaluation = 'UNSATISFIED'`), "unsatisfied")
    .addSelect(countWhere(`${FILED} AND p.is_key = 1`), "keyProposals")
    .addSelect(countWhere(`${FILED} AND p.is_key = 1 AND p.key_reply_excellent = 1`), "keyProposalsExcellent")
    .addSelect(countWhere("oa.id IS NOT NULL"), "overdue")
    .addSelect(countWhere("p.status = 'CLOSED'"), "closed")
    .where("p.committee_code IN (:...codes) AND p.year IN (:...years)", { codes, years })
    .andWhere(RECEIVED)
    .groupBy("p.committee_code")
    .addGroupBy("p.year")
    .getRawMany();
  const byCommitteeYear = new Map(rows.map((r) => [`${r.code}|${num(r.year)}`, r]));
  return scopes.map((scope) => {
    const c = zero();
    for (const code of scope.codes) {
      const r = byCommitteeYear.get(`${code}|${scope.year}`);
      if (r) for (const k of COUNT_KEYS) c[k] += num(r[k]);
    }
    return {
      ...c,
      year: scope.year,
      includesDescendants: scope.codes.length > 1 || scope.codes[0] !== scope.code,
      filingRate: rate(c.filed, c.received),
      replyRate: rate(c.replied, c.filed),
      satisfactionRate: rate(c.satisfied + c.basicallySatisfied, c.evaluated),
      scope,
    };
  });
}

async function computeByCategory(ctx: RequestContext, scopes: readonly StatsScope[]): Promise<CategoryFigures[][]> {
  const { codes, years } = union(scopes);
  const rows: Record<string, unknown>[] = await ctx
    .repo(Proposal)
    .createQueryBuilder("p")
    .leftJoin(ProposalReply, "lr", LATEST_LEAD_REPLY)
    .select("p.committee_code", "code")
    .addSelect("p.year", "year")
    .addSelect("p.category", "category")
    .addSelect("COUNT(*)", "received")
    .addSelect(countWhere(FILED), "filed")
    .addSelect(countWhere(`${FILED} AND lr.id IS NOT NULL`), "replied")
    .addSelect(countWhere(`${FILED} AND lr.reply_class IN ('A', 'B')`), "solved")
    .where("p.committee_code IN (:...codes) AND p.year IN (:...years)", { codes, years })
    .andWhere(RECEIVED)
    .groupBy("p.committee_code")
    .addGroupBy("p.year")
    .addGroupBy("p.category")
    .getRawMany();
  const order = Object.values(ProposalCategory);
  return scopes.map((scope) => {
    const sums = new Map<ProposalCategory, CategoryFigures>();
    for (const r of rows) {
      if (num(r.year) !== scope.year || !scope.codes.includes(String(r.code))) continue;
      const category = r.category as ProposalCategory;
      const f = sums.get(category) ?? { category, received: 0, filed: 0, replied: 0, solvedOrBasicallySolved: 0 };
      f.received += num(r.received);
      f.filed += num(r.filed);
      f.replied += num(r.replied);
      f.solvedOrBasicallySolved += num(r.solved);
      sums.set(category, f);
    }
    return [...sums.values()].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  });
}

async function computeByReplyClass(ctx: RequestContext, scopes: readonly StatsScope[]): Promise<ReplyClassCount[][]> {
  const { codes, years } = union(scopes);
  const rows: Record<string, unknown>[] = await ctx
    .repo(Proposal)
    .createQueryBuilder("p")
    .innerJoin(ProposalReply, "lr", LATEST_LEAD_REPLY)
    .select("p.committee_code", "code")
    .addSelect("p.year", "year")
    .addSelect("lr.reply_class", "replyClass")
    .addSelect("COUNT(*)", "n")
    .where("p.committee_code IN (:...codes) AND p.year IN (:...years)", { codes, years })
    .andWhere(`${RECEIVED} AND ${FILED}`)
    .groupBy("p.committee_code")
    .addGroupBy("p.year")
    .addGroupBy("lr.reply_class")
    .getRawMany();
  return scopes.map((scope) =>
    Object.values(ReplyClass).map((replyClass) => ({
      replyClass,
      count: rows
        .filter(
          (r) => r.replyClass === replyClass && num(r.year) === scope.year && scope.codes.includes(String(r.code)),
        )
        .reduce((n, r) => n + num(r.n), 0),
    })),
  );
}

type UnitCounts = Omit<HandlingUnitFigures, "unit" | "replyRate" | "satisfactionRate"> & { satisfied: number };

async function computeByUnit(ctx: RequestContext, scopes: readonly StatsScope[]): Promise<HandlingUnitFigures[][]> {
  const { codes, years } = union(scopes);
  const rows: Record<string, unknown>[] = await ctx
    .repo(Proposal)
    .createQueryBuilder("p")
    // The lead unit of the current round, unless it returned the proposal.
    .innerJoin(
      ProposalAssignment,
      "la",
      "la.proposal_id = p.id AND la.role = 'LEAD' AND la.round = p.handling_round AND la.status IN ('PENDING', 'ACCEPTED', 'REPLIED')",
    )
    .leftJoin(ProposalReply, "lr", LATEST_LEAD_REPLY)
    .select("p.committee_code", "code")
    .addSelect("p.year", "year")
    .addSelect("la.unit_id", "unitId")
    .addSelect("COUNT(*)", "assigned")
    .addSelect(countWhere("lr.unit_id = la.unit_id"), "replied")
    .addSelect(countWhere("lr.unit_id = la.unit_id AND lr.reply_class IN ('A', 'B')"), "solved")
    .addSelect(countWhere("p.evaluation IS NOT NULL"), "evaluated")
    .addSelect(countWhere("p.evaluation IN ('SATISFIED', 'BASICALLY_SATISFIED')"), "satisfied")
    .addSelect(countWhere(OVERDUE_SQL("la", "p")), "overdue")
    .where("p.committee_code IN (:...codes) AND p.year IN (:...years)", { codes, years, today: today() })
    .andWhere(`${RECEIVED} AND ${FILED}`)
    .groupBy("p.committee_code")
    .addGroupBy("p.year")
    .addGroupBy("la.unit_id")
    .getRawMany();
  const unitIds = [...new Set(rows.map((r) => num(r.unitId)))];
  const units = new Map(
    (unitIds.length ? await ctx.repo(HandlingUnit).findBy({ id: In(unitIds) }) : []).map((u) => [u.id, u] as const),
  );
  return scopes.map((scope) => {
    const sums = new Map<number, UnitCounts>();
    for (const r of rows) {
      if (num(r.year) !== scope.year || !scope.codes.includes(String(r.code))) continue;
      const id = num(r.unitId);
      const f = sums.get(id) ?? {
        assigned: 0,
        replied: 0,
        solvedOrBasicallySolved: 0,
        evaluated: 0,
        satisfied: 0,
        overdue: 0,
      };
      f.assigned += num(r.assigned);
      f.replied += num(r.replied);
      f.solvedOrBasicallySolved += num(r.solved);
      f.evaluated += num(r.evaluated);
      f.satisfied += num(r.satisfied);
      f.overdue += num(r.overdue);
      sums.set(id, f);
    }
    return [...sums.entries()]
      .map(([id, f]) => ({
        unit: units.get(id) ?? null,
        assigned: f.assigned,
        replied: f.replied,
        replyRate: rate(f.replied, f.assigned),
        solvedOrBasicallySolved: f.solvedOrBasicallySolved,
        evaluated: f.evaluated,
        satisfactionRate: rate(f.satisfied, f.evaluated),
        overdue: f.overdue,
      }))
      .sort((a, b) => b.assigned - a.assigned || (a.unit?.sortOrder ?? 0) - (b.unit?.sortOrder ?? 0));
  });
}

const scopeKey = (s: StatsScope) => `${s.code}|${s.year}|${s.codes.length}`;

export const proposalStatsLoaders = defineLoaders((ctx) => ({
  stats: new DataLoader<StatsScope, ProposalStats, string>((s) => computeStats(ctx, s), { cacheKeyFn: scopeKey }),
  byCategory: new DataLoader<StatsScope, CategoryFigures[], string>((s) => computeByCategory(ctx, s), {
    cacheKeyFn: scopeKey,
  }),
  byReplyClass: new DataLoader<StatsScope, ReplyClassCount[], string>((s) => computeByReplyClass(ctx, s), {
    cacheKeyFn: scopeKey,
  }),
  byUnit: new DataLoader<StatsScope, HandlingUnitFigures[], string>((s) => computeByUnit(ctx, s), {
    cacheKeyFn: scopeKey,
  }),
}));
