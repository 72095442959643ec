import type { MemberInfo, Random } from "@tongxin/sdk";
import { addDays } from "../calendar";
import { OpinionReportStatus } from "../opinion-report/opinion-report.entity";
import { OPINION_REPORT_WORKFLOW } from "../proposal/proposal.workflow";
import { between, type Rows, type YearContext } from "./kit";
import type { YearPlan } from "./plan";
import { OPINION_FORMS, OPINION_ISSUES } from "./reference-data";

export interface ReportDraft {
  id: number;
  status: OpinionReportStatus;
  submittedOn: string;
  title: string;
  body: string;
  submitter: MemberInfo | null;
  submitterName: string;
  sourceProposalId: number | null;
}

export function pushReport(rows: Rows, rng: Random, cy: YearContext, r: ReportDraft): void {
  const { place } = cy;
  // The steps from submission to where the report stands, as the workflow table has them.
  const steps = OPINION_REPORT_WORKFLOW.path(OpinionReportStatus.SUBMITTED, r.status);
  if (!steps) throw new Error(`opinion report ${r.id}: no way from SUBMITTED to ${r.status}`);
  const reached = (s: OpinionReportStatus) => steps.some((t) => t.to === s);
  const compiledOn = reached(OpinionReportStatus.COMPILED) ? addDays(r.submittedOn, rng.int(3, 15)) : null;
  const forwardedOn = compiledOn && reached(OpinionReportStatus.FORWARDED) ? addDays(compiledOn, rng.int(1, 10)) : null;
  const instructedOn =
    forwardedOn && reached(OpinionReportStatus.INSTRUCTED) ? addDays(forwardedOn, rng.int(5, 30)) : null;
  const isCity = cy.node.level === "CITY";
  const issueNo = Number((compiledOn ?? r.submittedOn).slice(5, 7)) * 2 - rng.int(0, 1);
  rows.reports.push({
    id: r.id,
    committeeCode: cy.node.code,
    title: r.title,
    body: r.body,
    submittedOn: r.submittedOn,
    submitterMemberId: r.submitter ? Number(r.submitter.id) : null,
    submitterName: r.submitterName,
    sourceProposalId: r.sourceProposalId,
    status: r.status,
    compiledOn,
    bulletin: compiledOn ? `《${place.short}政协社情民意》${compiledOn.slice(0, 4)}年第${issueNo}期` : null,
    forwardedOn,
    forwardedTo: forwardedOn
      ? rng.pick(
          isCity
            ? [`${place.full}委办公室、${place.full}人民政府办公室`, "云南省政协办公厅"]
            : [`${place.full}委办公室、${place.full}人民政府办公室`, "昭通市政协办公室"],
        )
      : null,
    instructedOn,
    instructionLeader: instructedOn
      ? rng.pick(
          isCity
            ? ["省政协领导", `${place.full}委主要领导`, `${place.full}人民政府分管领导`]
            : [`${place.full}委主要领导`, `${place.full}人民政府分管领导`, "市政协领导"],
        )
      : null,
    instruction: instructedOn
      ? rng.pick([
          "请有关部门认真研究办理。",
          "请相关部门高度重视, 抓好落实并反馈。",
          "所反映问题很具体, 请职能部门核实处理。",
        ])
      : null,
    declinedReason: r.status === OpinionReportStatus.DECLINED ? "内容与已编发信息重复, 未予采用" : null,
    version: 1 + steps.length,
    createdAt: new Date(Date.parse(`${r.submittedOn}T10:00:00+08:00`)),
    updatedAt: new Date(Date.parse(`${instructedOn ?? forwardedOn ?? compiledOn ?? r.submittedOn}T16:00:00+08:00`)),
  });
}

export function reportPool(rng: Random, plan: YearPlan, finished: boolean): OpinionReportStatus[] {
  const { collected, compiled, forwarded, instructed } = plan.reports;
  const R = OpinionReportStatus;
  const rest = collected - compiled;
  return rng.shuffle([
    ...Array<OpinionReportStatus>(instructed).fill(R.INSTRUCTED),
    ...Array<OpinionReportStatus>(forwarded - instructed).fill(R.FORWARDED),
    ...Array<OpinionReportStatus>(compiled - forwarded).fill(R.COMPILED),
    // A finished year has decided on every report; 2024 still has some waiting.
    ...Array<OpinionReportStatus>(finished ? rest : Math.ceil(rest / 2)).fill(R.DECLINED),
    ...Array<OpinionReportStatus>(finished ? 0 : Math.floor(rest / 2)).fill(R.SUBMITTED),
  ]);
}

export function remainingReports(rows: Rows, rng: Random, cy: YearContext): void {
  const { year, register, place } = cy;
  const finished = year < 2024;
  const offices = [
    `政协${place.full}委员会社会和法制委员会`,
    `政协${place.full}委员会文化文史和学习委员会`,
    `${place.full}政协机关信息科`,
  ];
  while (cy.reportPool.length) {
    const status = cy.reportPool.shift()!;
    const submittedOn =
      !finished && status === OpinionReportStatus.SUBMITTED
        ? between(rng, `${year}-12-01`, `${year}-12-25`)
        : between(rng, `${year}-01-10`, finished ? `${year}-12-20` : `${year}-11-15`);
    const member = register.length && rng.chance(0.85) ? rng.pick(register) : null;
    const issue = rng.pick(OPINION_ISSUES);
    pushReport(rows, rng, cy, {
      id: ++rows.next.report,
      status,
      submittedOn,
      title: rng.pick(OPINION_FORMS).replace("{issue}", issue),
      body: `近期, ${place.full}部分群众反映${issue}。经了解, 该问题涉及面广, 群众关注度高。建议有关部门深入调查研究, 及时回应群众关切, 采取有效措施加以解决。`,
      submitter: member,
      submitterName: member?.name ?? rng.pick(offices),
      sourceProposalId: null,
    });
  }
}
