import {
  badInput,
  forbidden,
  groupBy,
  parseDate,
  today,
  type MemberInfo,
  type MembersSource,
  type RequestContext,
} from "@tongxin/sdk";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { DataSource, EntityManager } from "typeorm";
import { Membership } from "../membership/membership.entity";
import { seatCurrentAt } from "../membership/membership.sql";
import { Sector } from "../sector/sector.entity";
import { Member } from "./member.entity";

/**
 * The register as other modules need it: who is active where on a given day, and their
 * sector. Served to other subgraphs only (SYSTEM identity); hidden from the public API.
 */
@ObjectType({ description: "内部: 供其他子图查询委员名册 / internal register entry for other subgraphs" })
@Directive("@inaccessible")
export class DirectoryMember implements MemberInfo {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String)
  status: MemberInfo["status"];

  @Field(() => String, { nullable: true })
  sector: string | null;

  @Field(() => [String], { description: "当日在任的政协" })
  committees: string[];
}

async function readDirectory(
  em: EntityManager,
  query: { ids?: number[]; committees?: string[]; asOf: string },
): Promise<DirectoryMember[]> {
  const qb = em
    .createQueryBuilder(Member, "m")
    .leftJoin(Sector, "s", "s.id = m.sector_id")
    .select(["m.id AS id", "m.name AS name", "m.status AS status", "s.name AS sector"])
    .orderBy("m.id", "ASC");
  if (query.ids) qb.andWhere("m.id IN (:...ids)", { ids: query.ids.length ? query.ids : [-1] });
  if (query.committees) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM membership ms WHERE ms.member_id = m.id AND ms.committee_code IN (:...codes) AND ${seatCurrentAt("ms", "m")})`,
      { codes: query.committees.length ? query.committees : ["-"], asOf: query.asOf },
    );
  }
  const rows: { id: number; name: string; status: MemberInfo["status"]; sector: string | null }[] =
    await qb.getRawMany();
  if (rows.length === 0) return [];
  const seats = await em
    .createQueryBuilder(Membership, "ms")
    .innerJoin(Member, "m", "m.id = ms.member_id")
    .select(["ms.member_id AS memberId", "ms.committee_code AS code"])
    .where("ms.member_id IN (:...ids)", { ids: rows.map((r) => Number(r.id)) })
    .andWhere(seatCurrentAt("ms", "m"), { asOf: query.asOf })
    .getRawMany<{ memberId: number; code: string }>();
  // Grouped once: the register of a whole city tree is thousands of members and seats.
  const seatsOf = groupBy(seats, (s) => Number(s.memberId));
  return rows.map((r) => ({
    id: String(r.id),
    name: r.name,
    status: r.status,
    sector: r.sector,
    committees: (seatsOf.get(Number(r.id)) ?? []).map((s) => s.code),
  }));
}

export async function memberDirectory(
  ctx: RequestContext,
  args: { ids?: string[] | null; committees?: string[] | null; asOf?: string | null },
): Promise<DirectoryMember[]> {
  if (ctx.identity.role !== "SYSTEM") throw forbidden("the internal member directory");
  if (!args.ids && !args.committees) throw badInput("ids", "请给出 ids 或 committees", "give ids or committees");
  const asOf = parseDate(args.asOf, "asOf") ?? today();
  const ids = args.ids?.map(Number).filter((n) => Number.isSafeInteger(n));
  return readDirectory(ctx.manager(Member), { ids, committees: args.committees ?? undefined, asOf });
}

/** In the members process itself, the register is read directly rather than over HTTP. */
export const membersSourceFrom = (dataSource: DataSource): MembersSource => ({
  lookup: (ids, asOf) => readDirectory(dataSource.manager, { ids: ids.map(Number), asOf: asOf ?? today() }),
  activeIn: (committees, asOf) => readDirectory(dataSource.manager, { committees, asOf }),
});
