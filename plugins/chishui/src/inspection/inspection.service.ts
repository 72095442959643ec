import {
  badInput,
  defineLoaders,
  moduleEnablement,
  paginateById,
  parseDate,
  parseId,
  requireDate,
  text,
  today,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { CHISHUI, RECORD_CHISHUI } from "../name";
import { ChishuiSection } from "../section/section.entity";
import { inspectionScope, problemScope } from "../scope";
import type { ChishuiInspectionInput, ChishuiProblemsArgs, ChishuiProblemUpdateInput } from "./inspection.inputs";
import { ChishuiInspection, ChishuiProblem, ChishuiProblemStatus } from "./inspection.entity";

const loaders = defineLoaders((ctx) => ({
  problemsOf: new DataLoader<number, ChishuiProblem[]>(async (ids) => {
    const rows = await ctx.repo(ChishuiProblem).find({ where: { inspectionId: In([...ids]) }, order: { id: "ASC" } });
    return ids.map((id) => rows.filter((r) => r.inspectionId === id));
  }),
}));

export const partnersOf = (i: ChishuiInspection): string[] => (i.partners ? i.partners.split("|") : []);
export const problemsOf = (ctx: RequestContext, i: ChishuiInspection) => loaders(ctx).problemsOf.load(i.id);

export async function listInspections(
  ctx: RequestContext,
  committee?: string | null,
  year?: number | null,
): Promise<ChishuiInspection[]> {
  const qb = ctx.repo(ChishuiInspection).createQueryBuilder("i").orderBy("i.held_on", "DESC");
  await inspectionScope.restrict(ctx, qb, "i");
  if (committee) await inspectionScope.inCommittee(ctx, qb, "i", committee);
  if (year !== undefined && year !== null) qb.andWhere("i.held_on >= :from AND i.held_on <= :to", yearRange(year));
  return qb.getMany();
}

export async function listProblems(
  ctx: RequestContext,
  args: ChishuiProblemsArgs,
): Promise<Connection<ChishuiProblem>> {
  const qb = await problemScope.restrict(ctx, ctx.repo(ChishuiProblem).createQueryBuilder("p"), "p");
  if (args.committee) await problemScope.inCommittee(ctx, qb, "p", args.committee);
  if (args.status) qb.andWhere("p.status = :status", { status: args.status });
  return paginateById(qb, args);
}

export async function recordInspection(ctx: RequestContext, input: ChishuiInspectionInput): Promise<ChishuiInspection> {
  ctx.require(RECORD_CHISHUI);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await inspectionScope.assertCanCreate(ctx, code, "input.committee");
  moduleEnablement(ctx, CHISHUI).assertEnabled(code, "input.committee");
  const heldOn = requireDate(input.heldOn, "input.heldOn");
  if (heldOn > today()) throw badInput("input.heldOn", "日期不能晚于今天", "cannot be in the future");
  const title = text(input.title, "input.title", { max: 200, required: true });
  const partners = (input.partners ?? []).map((p, i) => text(p, `input.partners[${i}]`, { max: 50, required: true }));
  if (partners.some((p) => p.includes("|")))
    throw badInput("input.partners", "名称中不能含有 |", "names may not contain |");
  const participants = input.participants ?? 0;
  if (!Number.isInteger(participants) || participants < 0)
    throw badInput("input.participants", "人数应为非负整数", "must be a whole number ≥ 0");
  const problems = (input.problems ?? []).map((p, i) => ({
    description: text(p.description, `input.problems[${i}].description`, { max: 500, required: true }),
    sectionId: p.sectionId ? parseId(p.sectionId, `input.problems[${i}].sectionId`) : null,
  }));
  const sectionIds = problems.flatMap((p) => (p.sectionId ? [p.sectionId] : []));
  if (sectionIds.length) {
    const own = new Set(
      (await ctx.repo(ChishuiSection).findBy({ id: In(sectionIds), committeeCode: code })).map((s) => s.id),
    );
    problems.forEach((p, i) => {
      if (p.sectionId && !own.has(p.sectionId))
        throw badInput(
          `input.problems[${i}].sectionId`,
          "断面不属于本级政协",
          `section ${p.sectionId} is not one of ${code}'s`,
        );
    });
  }
  return ctx.transaction(ChishuiInspection, async (tx) => {
    const inspection = await tx
      .repo(ChishuiInspection)
      .save(
        tx
          .repo(ChishuiInspection)
          .create({ committeeCode: code, heldOn, title, partners: partners.join("|"), participants }),
      );
    if (problems.length) {
      await tx.repo(ChishuiProblem).insert(
        problems.map((p) => ({
          committeeCode: code,
          inspectionId: inspection.id,
          sectionId: p.sectionId,
          foundOn: heldOn,
          description: p.description,
          status: ChishuiProblemStatus.OPEN,
          closedOn: null,
          rectification: null,
        })),
      );
    }
    return inspection;
  });
}

export async function updateProblem(ctx: RequestContext, input: ChishuiProblemUpdateInput): Promise<ChishuiProblem> {
  ctx.require(RECORD_CHISHUI);
  const problem = await problemScope.getForWrite(ctx, input.problemId, "input.problemId");
  const id = problem.id;
  moduleEnablement(ctx, CHISHUI).assertEnabled(problem.committeeCode, "input.problemId");
  const closed = input.status === ChishuiProblemStatus.CLOSED;
  const closedOn = closed ? (parseDate(input.closedOn, "input.closedOn") ?? today()) : null;
  if (closedOn && closedOn < problem.foundOn)
    throw badInput("input.closedOn", "销号日期不能早于发现日期", `cannot be before ${problem.foundOn}`);
  const rectification = text(input.rectification, "input.rectification", { max: 500 }) || problem.rectification;
  // Written and read back in one transaction: the answer cannot fail after the write landed.
  return ctx.transaction(ChishuiProblem, async (tx) => {
    await tx.repo(ChishuiProblem).update({ id }, { status: input.status, closedOn, rectification });
    return tx.repo(ChishuiProblem).findOneByOrFail({ id });
  });
}
