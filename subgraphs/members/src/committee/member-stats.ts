import {
  asOfEndOf,
  defineLoaders,
  groupBy,
  jsonScopes,
  scopesParam,
  yearRange,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Int, ObjectType } from "type-graphql";
import { Membership } from "../membership/membership.entity";
import { seatCurrentAt } from "../membership/membership.sql";
import { Party } from "../party/party.entity";
import { Sector } from "../sector/sector.entity";
import { MEMBER_STATS } from "./member-figures";

@ObjectType({ description: "按界别统计 / active members of one sector" })
export class SectorCount {
  @Field(() => Sector)
  sector: Sector;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "按党派统计 / active members of one affiliation" })
export class PartyCount {
  @Field(() => Party, { nullable: true, description: "null: 未登记党派" })
  party: Party | null;

  @Field(() => Int)
  count: number;
}

/** Figures about a committee's register (DOMAIN.md, "Statistics and their exact definitions"). */
@ObjectType({ description: "委员统计 / member figures of a committee" })
export class MemberStats {
  @Field({ description: "统计截至日期 / the day the figures describe" })
  asOf: string;

  @Field(() => Int, MEMBER_STATS.options("activeMembers"))
  activeMembers: number;

  @Field(() => Int, MEMBER_STATS.options("commitmentsSigned"))
  commitmentsSigned: number;

  @Field(() => Int, MEMBER_STATS.options("revoked"))
  revoked: number;

  @Field(() => Int, MEMBER_STATS.options("female"))
  female: number;

  @Field(() => Int, MEMBER_STATS.options("ethnicMinorities"))
  ethnicMinorities: number;

  @Field(() => [SectorCount])
  bySector: SectorCount[];

  @Field(() => [PartyCount])
  byParty: PartyCount[];
}

export interface MemberStatsKey {
  code: string;
  /** Codes whose seats count: the committee alone, or with its descendants. */
  codes: string[];
  year: number | null;
}

type Row = Record<string, string | number | null>;
const num = (v: unknown) => Number(v ?? 0);

const REFERENCE = Symbol("memberStatsReference");

/** Sectors and parties, read once per request whatever the number of batches. */
function referenceData(ctx: RequestContext): Promise<{ sectors: Map<number, Sector>; parties: Map<number, Party> }> {
  return ctx.memo(REFERENCE, async () => ({
    sectors: new Map((await ctx.repo(Sector).find()).map((s) => [s.id, s])),
    parties: new Map((await ctx.repo(Party).find()).map((p) => [p.id, p])),
  }));
}

/**
 * Computes the figures of several committees with a fixed number of statements: one per
 * year asked, whatever the number of committees. Each key is a scope (the committee, or
 * it and its descendants), bound as one JSON parameter of (scope, committee) pairs, and
 * every statement groups by scope, so distinct persons are counted per scope (someone
 * may sit on two committees of a subtree).
 */
async function computeStats(ctx: RequestContext, keys: readonly MemberStatsKey[]): Promise<MemberStats[]> {
  const { sectors, parties } = await referenceData(ctx);
  const results = new Map<MemberStatsKey, MemberStats>();
  const em = ctx.manager(Membership);
  const scopeTable = `(${jsonScopes(em, "scopes")})`;

  for (const yearKeys of groupBy(keys, (k) => k.year ?? null).values()) {
    const year = yearKeys[0].year;
    const asOf = asOfEndOf(year);
    const scopes = scopesParam(yearKeys.map((k) => k.codes));
    // One statement: the totals, the sector and party breakdowns and the revocations, each
    // part grouped by scope, as the rows of one UNION ALL.
    const scopeJoin = `${scopeTable} sc INNER JOIN membership ms ON ms.committee_code = sc.code`;
    const seats = `FROM ${scopeJoin} INNER JOIN member m ON m.id = ms.member_id WHERE ${seatCurrentAt("ms", "m")}`;
    const revokedIn = year ? "AND ms.ended_on >= :from AND ms.ended_on <= :to" : "";
    const sql = [
      `SELECT 'total' AS part, sc.k AS grp, NULL AS ref, COUNT(DISTINCT m.id) AS n,
         COUNT(DISTINCT CASE WHEN m.commitment_signed_on IS NOT NULL AND m.commitment_signed_on <= :asOf THEN m.id END) AS signed,
         COUNT(DISTINCT CASE WHEN m.gender = 'FEMALE' THEN m.id END) AS female,
         COUNT(DISTINCT CASE WHEN m.ethnicity <> '汉族' THEN m.id END) AS minorities
       ${seats} GROUP BY sc.k`,
      `SELECT 'sector', sc.k, m.sector_id, COUNT(DISTINCT m.id), 0, 0, 0 ${seats} GROUP BY sc.k, m.sector_id`,
      `SELECT 'party', sc.k, m.party_id, COUNT(DISTINCT m.id), 0, 0, 0 ${seats} GROUP BY sc.k, m.party_id`,
      `SELECT 'revoked', sc.k, NULL, COUNT(DISTINCT ms.member_id), 0, 0, 0 FROM ${scopeJoin}
       WHERE ms.end_reason = 'REVOKED' ${revokedIn} GROUP BY sc.k`,
    ].join(" UNION ALL ");
    const [query, params] = em.connection.driver.escapeQueryWithParameters(sql, {
      scopes,
      asOf,
      ...(year ? yearRange(year) : {}),
    });
    const rows: Row[] = await em.query(query, params);
    const part = (name: string) =>
      groupBy(
        rows.filter((r) => r.part === name),
        (r) => Number(r.grp),
      );
    const [totalsOf, sectorsOf, partiesOf, revokedOf] = [part("total"), part("sector"), part("party"), part("revoked")];

    yearKeys.forEach((k, grp) => {
      const t = totalsOf.get(grp)?.[0];
      results.set(k, {
        asOf,
        activeMembers: num(t?.n),
        commitmentsSigned: num(t?.signed),
        female: num(t?.female),
        ethnicMinorities: num(t?.minorities),
        revoked: num(revokedOf.get(grp)?.[0]?.n),
        bySector: (sectorsOf.get(grp) ?? [])
          .map((r) => ({ sector: sectors.get(num(r.ref))!, count: num(r.n) }))
          .filter((r) => r.sector)
          .sort((a, b) => a.sector.sortOrder - b.sector.sortOrder),
        byParty: (partiesOf.get(grp) ?? [])
          .map((r) => ({ party: r.ref === null ? null : (parties.get(num(r.ref)) ?? null), count: num(r.n) }))
          .sort((a, b) => (a.party?.sortOrder ?? 999) - (b.party?.sortOrder ?? 999)),
      });
    });
  }
  return keys.map((k) => results.get(k)!);
}

export const memberStatsLoaders = defineLoaders((ctx) => ({
  stats: new DataLoader<MemberStatsKey, MemberStats, string>((keys) => computeStats(ctx, keys), {
    cacheKeyFn: (k) => `${k.code}|${k.year ?? ""}|${k.codes.length}`,
  }),
}));
