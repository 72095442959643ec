import { seededRandom } from "@tongxin/sdk";
import type { MemberInfo, SeedContext } from "@tongxin/sdk";
import { ProposalAssignment } from "../assignment/assignment.entity";
import { ProposalReply } from "../assignment/reply.entity";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { OpinionReport } from "../opinion-report/opinion-report.entity";
import { ProposalAttachment } from "../proposal/attachment.entity";
import { ProposalCoSigner } from "../proposal/co-signer.entity";
import { ProposalNumberCounter } from "../proposal/number-counter.entity";
import { ProposalEvent } from "../proposal/proposal-event.entity";
import { Proposal } from "../proposal/proposal.entity";
import { buildUnits, insertRows, placeOf, Rows, type YearContext } from "./kit";
import { planYear } from "./plan";
import { remainingReports, reportPool } from "./reports";
import { generateYear } from "./year";

const YEARS = [2023, 2024];

/**
 * Demo data for 2023 and 2024 when the module's tables are empty: handling units for
 * every committee, proposals walked through the workflow with their events, opinion
 * reports. Deterministic; the city's 2023 figures are the source report's.
 */
export async function seedProposals({ ctx, dataSource, log }: SeedContext): Promise<void> {
  const em = dataSource.manager;
  if ((await em.count(Proposal)) > 0 || (await em.count(HandlingUnit)) > 0) return;
  const started = Date.now();
  const tree = await ctx.committees();
  const nodes = tree.all();
  const codes = nodes.map((n) => n.code);
  const registers = new Map<number, Map<string, MemberInfo[]>>();
  const actives = await Promise.all(YEARS.map((year) => ctx.runtime.members.activeIn(codes, `${year}-01-15`)));
  for (const [k, year] of YEARS.entries()) {
    const active = actives[k];
    const byCommittee = new Map(codes.map((c) => [c, [] as MemberInfo[]]));
    for (const m of [...active].sort((a, b) => Number(a.id) - Number(b.id))) {
      for (const c of m.committees) byCommittee.get(c)?.push(m);
    }
    registers.set(year, byCommittee);
  }

  const rows = new Rows();
  const rng = seededRandom(20240108);
  const unitsOf = new Map(nodes.map((n) => [n.code, buildUnits(rows, n, tree)]));
  for (const node of nodes) {
    // Magnitudes follow the committee's size against the city above it (the city itself: 1).
    const city = tree
      .path(node.code)
      .map((c) => tree.get(c)!)
      .find((c) => c.level === "CITY");
    const size = (code: string) => registers.get(2023)!.get(code)!.length;
    const isCity = node.level === "CITY";
    const ratio = isCity || !city || size(city.code) === 0 ? 1 : size(node.code) / size(city.code);
    for (const year of YEARS) {
      const plan = planYear(year, isCity, ratio, rng);
      const cy: YearContext = {
        node,
        place: placeOf(node),
        year,
        register: registers.get(year)!.get(node.code)!,
        units: unitsOf.get(node.code)!,
        plenaryStart: `${year}-01-${String(rng.int(3, 8)).padStart(2, "0")}`,
        staff: { role: "STAFF", subject: `staff:${node.code}`, memberId: null, unitId: null, committee: node.code },
        reportPool: reportPool(rng, plan, year < 2024),
      };
      generateYear(rows, rng, cy, plan);
      remainingReports(rows, rng, cy);
    }
  }

  await dataSource.transaction(async (tx) => {
    await insertRows(tx, HandlingUnit, rows.units);
    await insertRows(tx, Proposal, rows.proposals);
    await insertRows(tx, ProposalNumberCounter, rows.counters);
    await insertRows(tx, ProposalCoSigner, rows.coSigners);
    await insertRows(tx, ProposalAttachment, rows.attachments);
    await insertRows(tx, ProposalEvent, rows.events);
    await insertRows(tx, ProposalAssignment, rows.assignments);
    await insertRows(tx, ProposalReply, rows.replies);
    await insertRows(tx, OpinionReport, rows.reports);
    for (const m of rows.merges) await tx.update(Proposal, { id: m.id }, { mergedIntoId: m.into });
  });
  log(
    `seeded ${rows.units.length} handling units, ${rows.proposals.length} proposals (${rows.events.length} events), ${rows.reports.length} opinion reports in ${Date.now() - started} ms`,
  );
}
