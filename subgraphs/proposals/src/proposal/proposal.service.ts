import {
  badInput,
  defineLoaders,
  forbidden,
  LIKE_ESCAPE,
  likePattern,
  notFound,
  paginateById,
  parseId,
  text,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { READ_PROPOSALS } from "../permissions";
import { Proposal } from "./proposal.entity";
import { ProposalRole, type ProposalsArgs } from "./proposal.inputs";
import { proposalLoaders } from "./proposal.loader";
import { proposalScope } from "./proposal.scope";

/** A proposal the viewer may see; anything else is NOT_FOUND, so existence does not leak. */
export async function getProposal(ctx: RequestContext, rawId: string | number, field = "id"): Promise<Proposal> {
  ctx.require(READ_PROPOSALS);
  const id = parseId(rawId, field);
  const p = await proposalLoaders(ctx).visibleProposal.load(id);
  if (!p) throw notFound("proposal", id, "提案");
  return p;
}

/** A committee filter must name a committee; STAFF may not filter outside their scope. */
export async function checkCommitteeFilter(ctx: RequestContext, code: string, field = "committee"): Promise<void> {
  const tree = await ctx.committees();
  if (!tree.has(code)) throw badInput(field, `没有代码为 ${code} 的政协`, `no committee with code ${code}`);
  if (ctx.identity.role === "STAFF" && !(await ctx.canReadCommittee(code))) throw forbidden(`committee ${code}`);
}

export async function listProposals(ctx: RequestContext, args: ProposalsArgs): Promise<Connection<Proposal>> {
  ctx.require(READ_PROPOSALS);
  const qb = ctx.repo(Proposal).createQueryBuilder("p");
  await proposalScope.restrict(ctx, qb, "p");
  if (args.committee) {
    await checkCommitteeFilter(ctx, args.committee);
    qb.andWhere("p.committee_code = :committee", { committee: args.committee });
  }
  if (args.year !== undefined && args.year !== null) {
    yearRange(args.year);
    qb.andWhere("p.year = :year", { year: args.year });
  }
  if (args.status) qb.andWhere("p.status = :status", { status: args.status });
  if (args.kind) qb.andWhere("p.kind = :kind", { kind: args.kind });
  if (args.category) qb.andWhere("p.category = :category", { category: args.category });
  if (args.key !== undefined && args.key !== null) qb.andWhere(args.key ? "p.is_key = 1" : "p.is_key = 0");
  const search = text(args.search, "search", { max: 50 });
  if (search) qb.andWhere(`p.title LIKE :q ${LIKE_ESCAPE}`, { q: likePattern(search) });
  return paginateById(qb, args);
}

interface MemberProposalsKey {
  memberId: number;
  role: ProposalRole;
  year: number | null;
}

/**
 * `Member.proposals` for a page of members in one statement per role and year: the
 * viewer's visibility applies as everywhere else, so a member's list shows another
 * viewer only what that viewer may read.
 */
const memberProposalLoaders = defineLoaders((ctx) => ({
  byMember: new DataLoader<MemberProposalsKey, Proposal[], string>(
    async (keys) => {
      const groups = new Map<string, MemberProposalsKey[]>();
      for (const k of keys) {
        const g = `${k.role}|${k.year ?? ""}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const found = new Map<string, Proposal[]>();
      for (const group of groups.values()) {
        const { role, year } = group[0];
        const ids = [...new Set(group.map((k) => k.memberId))];
        const qb = ctx.repo(Proposal).createQueryBuilder("p").select("p.id", "pid").orderBy("p.id", "ASC");
        if (role === ProposalRole.LEAD) {
          qb.addSelect("p.lead_member_id", "owner").where("p.lead_member_id IN (:...ids)", { ids });
        } else {
          qb.innerJoin(
            "proposal_co_signer",
            "cs",
            "cs.proposal_id = p.id AND cs.status IN ('INVITED', 'SIGNED') AND cs.member_id IN (:...ids)",
            { ids },
          ).addSelect("cs.member_id", "owner");
        }
        if (year !== null) qb.andWhere("p.year = :year", { year });
        await proposalScope.restrict(ctx, qb, "p");
        // A proposal co-signed by two members of the page is one entity but two pairs.
        const pairs = await qb.getRawMany<{ pid: number; owner: number }>();
        const rows = pairs.length
          ? await ctx.repo(Proposal).findBy({ id: In([...new Set(pairs.map((r) => Number(r.pid)))]) })
          : [];
        const byId = new Map(rows.map((p) => [p.id, p]));
        for (const k of group) found.set(`${k.memberId}|${role}|${year ?? ""}`, []);
        for (const pair of pairs) {
          found.get(`${Number(pair.owner)}|${role}|${year ?? ""}`)?.push(byId.get(Number(pair.pid))!);
        }
      }
      return keys.map((k) => found.get(`${k.memberId}|${k.role}|${k.year ?? ""}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.memberId}|${k.role}|${k.year ?? ""}` },
  ),
}));

export async function proposalsOfMember(
  ctx: RequestContext,
  memberId: string,
  role: ProposalRole,
  year?: number | null,
): Promise<Proposal[]> {
  ctx.require(READ_PROPOSALS);
  if (year !== undefined && year !== null) yearRange(year);
  const id = Number(memberId);
  if (!Number.isSafeInteger(id)) return [];
  return memberProposalLoaders(ctx).byMember.load({ memberId: id, role, year: year ?? null });
}
