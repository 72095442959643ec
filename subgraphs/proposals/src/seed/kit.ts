import type { CommitteeNode, CommitteeTree, MemberInfo, Random, Role } from "@tongxin/sdk";
import type { EntityManager, ObjectLiteral } from "typeorm";
import type { ProposalAssignment } from "../assignment/assignment.entity";
import type { ProposalReply } from "../assignment/reply.entity";
import { addDays, daysBetween } from "../calendar";
import type { HandlingUnit } from "../handling-unit/handling-unit.entity";
import type { OpinionReport, OpinionReportStatus } from "../opinion-report/opinion-report.entity";
import type { ProposalAttachment } from "../proposal/attachment.entity";
import type { ProposalCoSigner } from "../proposal/co-signer.entity";
import type { ProposalNumberCounter } from "../proposal/number-counter.entity";
import type { ProposalEvent } from "../proposal/proposal-event.entity";
import type { Proposal, ProposalCategory } from "../proposal/proposal.entity";
import { DEPARTMENTS } from "./reference-data";

/** What the seed's parts share: the rows they write, who acts, and the randomness helpers. */

export type Row<T> = Partial<T> & ObjectLiteral;
export interface Actor {
  role: Role;
  subject: string;
  memberId: number | null;
  unitId: number | null;
  committee: string | null;
}
export interface Unit {
  id: number;
  name: string;
  categories: ProposalCategory[];
}
export interface Place {
  /** 昭通市, 镇雄县 … */
  full: string;
  /** 昭通, 镇雄 … */
  short: string;
  /** 市, 县, 区 */
  kind: string;
}

export const placeOf = (node: CommitteeNode): Place => {
  const full = node.name.replace(/政协$/, "");
  const kind = full.slice(-1);
  return { full, short: /[市县区]$/.test(full) ? full.slice(0, -1) : full, kind };
};

/** Everything the seed writes, in insertion order. */
export class Rows {
  units: Row<HandlingUnit>[] = [];
  proposals: Row<Proposal>[] = [];
  counters: Row<ProposalNumberCounter>[] = [];
  coSigners: Row<ProposalCoSigner>[] = [];
  attachments: Row<ProposalAttachment>[] = [];
  events: Row<ProposalEvent>[] = [];
  assignments: Row<ProposalAssignment>[] = [];
  replies: Row<ProposalReply>[] = [];
  reports: Row<OpinionReport>[] = [];
  /** Merged proposals and their MERGE event: the target is chosen once the year's filed proposals exist. */
  merges: { id: number; into: number; event: Row<ProposalEvent> }[] = [];
  next = { proposal: 0, unit: 0, assignment: 0, report: 0 };
}

/** Picks `n` distinct items. */
export const sample = <T>(rng: Random, list: readonly T[], n: number): T[] => rng.shuffle([...list]).slice(0, n);
export const between = (rng: Random, from: string, to: string) =>
  addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
export const weighted = <T extends { weight: number }>(rng: Random, list: readonly T[]): T => {
  let r = rng.next() * list.reduce((n, x) => n + x.weight, 0);
  for (const x of list) if ((r -= x.weight) < 0) return x;
  return list[list.length - 1];
};

export function buildUnits(rows: Rows, node: CommitteeNode, tree: CommitteeTree): Unit[] {
  const place = placeOf(node);
  const cityAbove = tree
    .path(node.code)
    .map((c) => tree.get(c)!)
    .find((c) => c.level === "CITY");
  const isCountyLevel = node.level === "COUNTY";
  return DEPARTMENTS.map((d, i) => {
    let name = `${place.full}${isCountyLevel ? d.county : d.city}`;
    // County environment offices are branches of the city bureau (昭通市生态环境局镇雄分局).
    if (isCountyLevel && d.county === "生态环境分局" && cityAbove) {
      name = `${placeOf(cityAbove).full}生态环境局${place.short}分局`;
    }
    const id = ++rows.next.unit;
    rows.units.push({ id, committeeCode: node.code, name, active: true, sortOrder: i + 1 });
    return { id, name, categories: d.categories };
  });
}

/** Event times: office hours, Beijing time, strictly increasing within one proposal. */
export class Clock {
  private last = 0;
  constructor(private readonly rng: Random) {}
  at(date: string): Date {
    const base = Date.parse(`${date}T09:00:00+08:00`) + this.rng.int(0, 8 * 60) * 60_000;
    this.last = Math.max(base, this.last + 60_000);
    return new Date(this.last);
  }
}

export interface YearContext {
  node: CommitteeNode;
  place: Place;
  year: number;
  register: MemberInfo[];
  units: Unit[];
  plenaryStart: string;
  staff: Actor;
  /** Statuses reserved for this year's opinion reports; converted proposals take theirs first. */
  reportPool: OpinionReportStatus[];
}

export const memberActor = (m: MemberInfo): Actor => ({
  role: "MEMBER",
  subject: `member:${m.id}`,
  memberId: Number(m.id),
  unitId: null,
  committee: null,
});
export const unitActor = (u: Unit): Actor => ({
  role: "UNIT",
  subject: `unit:${u.id}`,
  memberId: null,
  unitId: u.id,
  committee: null,
});

/** What a driver takes for a parameter: UTC text for timestamps (as TypeORM writes them), 1/0 for booleans. */
export function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("T", " ").replace("Z", "");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v ?? null;
}

/**
 * Multi-row INSERTs straight through the driver: TypeORM's entity insert costs more per
 * row than the database does, and the seed writes some 45,000 rows. Columns are those
 * the first row sets (the others take their defaults); names come from the entity metadata.
 */
export async function insertRows(em: EntityManager, entity: Function, rows: ObjectLiteral[]): Promise<void> {
  if (!rows.length) return;
  const meta = em.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => rows[0][c.propertyName] !== undefined);
  const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
  const head = `INSERT INTO ${meta.tableName} (${columns.map((c) => c.databaseName).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await em.query(
      head + chunk.map(() => tuple).join(", "),
      chunk.flatMap((r) => columns.map((c) => sqlValue(r[c.propertyName]))),
    );
  }
}
