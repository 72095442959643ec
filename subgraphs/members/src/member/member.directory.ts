import {
  badInput,
  forbidden,
  groupBy,
  jsonParam,
  jsonValues,
  parseDate,
  registerFromAnswer,
  requireDate,
  today,
  type MemberInfo,
  type MembersSource,
  type RequestContext,
} from "@tongxin/sdk";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
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

@ObjectType({ description: "内部: 一个政协当日在任委员的编号 / internal: ids of a committee's active members" })
@Directive("@inaccessible")
export class DirectoryCommittee {
  @Field()
  code: string;

  @Field(() => [Int])
  memberIds: number[];
}

/**
 * Who is active where, as ids: what coverage figures of many committees need, a few
 * kilobytes for a city tree instead of every member and seat as GraphQL objects.
 */
@ObjectType({ description: "内部: 当日在任委员的紧凑名册 / internal compact register of active members" })
@Directive("@inaccessible")
export class DirectoryRegister {
  @Field(() => [DirectoryCommittee])
  committees: DirectoryCommittee[];

  @Field(() => [Int], { description: "出现在各政协下的委员, 与 sectors 一一对应" })
  memberIds: number[];

  @Field(() => [String], { nullable: "items", description: "各委员的界别" })
  sectors: (string | null)[];
}

/** One statement: the current seats in the committees asked (bound as one JSON parameter). */
async function readRegister(em: EntityManager, committees: string[], asOf: string): Promise<DirectoryRegister> {
  const rows = await em
    .createQueryBuilder(Membership, "ms")
    .innerJoin(Member, "m", "m.id = ms.member_id")
    .leftJoin(Sector, "s", "s.id = m.sector_id")
    .select(["ms.committee_code AS code", "m.id AS id", "s.name AS sector"])
    .where(`ms.committee_code IN (${jsonValues(em, "codes", "code")})`, { codes: jsonParam(committees) })
    .andWhere(seatCurrentAt("ms", "m"), { asOf })
    .getRawMany<{ code: string; id: number; sector: string | null }>();
  const byCode = new Map<string, Set<number>>(committees.map((c) => [c, new Set()]));
  const sectorOf = new Map<number, string | null>();
  for (const r of rows) {
    const id = Number(r.id);
    byCode.get(r.code)?.add(id);
    sectorOf.set(id, r.sector);
  }
  return {
    committees: [...byCode].map(([code, ids]) => ({ code, memberIds: [...ids] })),
    memberIds: [...sectorOf.keys()],
    sectors: [...sectorOf.values()],
  };
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
    .where(`ms.member_id IN (${jsonValues(em, "ids", "int")})`, { ids: jsonParam(rows.map((r) => Number(r.id))) })
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

export async function memberDirectoryRegister(
  ctx: RequestContext,
  args: { committees: string[]; asOf: string },
): Promise<DirectoryRegister> {
  if (ctx.identity.role !== "SYSTEM") throw forbidden("the internal member directory");
  return readRegister(ctx.manager(Member), args.committees, requireDate(parseDate(args.asOf, "asOf"), "asOf"));
}

/** In the members process itself, the register is read directly rather than over HTTP. */
export const membersSourceFrom = (dataSource: DataSource): MembersSource => ({
  lookup: (ids, asOf) => readDirectory(dataSource.manager, { ids: ids.map(Number), asOf: asOf ?? today() }),
  activeIn: (committees, asOf) => readDirectory(dataSource.manager, { committees, asOf }),
  activeRegister: async (committees, asOf) =>
    registerFromAnswer(await readRegister(dataSource.manager, committees, asOf)),
});
