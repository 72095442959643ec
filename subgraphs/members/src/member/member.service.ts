import {
  AppError,
  badInput,
  forbidden,
  LIKE_ESCAPE,
  likePattern,
  notFound,
  paginateById,
  parseDate,
  parseId,
  requireDate,
  text,
  today,
  updateWithVersion,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import { Committee } from "../committee/committee.entity";
import { assertSeatInTerm } from "../committee/committee-term.service";
import { Membership, Position } from "../membership/membership.entity";
import { seatCurrentAt } from "../membership/membership.sql";
import { assertPositionFree } from "../membership/membership.service";
import { partyByName } from "../party/party.service";
import { LIST_MEMBERS, MANAGE_MEMBERS } from "../permissions";
import { sectorByName } from "../sector/sector.service";
import { Member, MemberStatus } from "./member.entity";
import type { CreateMemberInput, MembersArgs, RecordCommitmentInput, UpdateMemberInput } from "./member.inputs";
import { memberLoaders } from "./member.loader";
import { memberScope } from "./member.scope";
import { parseIdCard } from "./id-card";
import { profileKeeper } from "./person";

const MEMBER = { en: "member", zh: "委员" };

/** A member the viewer may see; anything else is NOT_FOUND, so existence does not leak. */
export async function getMember(ctx: RequestContext, rawId: string | number, field = "id"): Promise<Member> {
  ctx.requireAuthenticated();
  const id = parseId(rawId, field);
  const m = await memberLoaders(ctx).visibleMember.load(id);
  if (!m) throw notFound("member", id, "委员");
  return m;
}

export async function listMembers(ctx: RequestContext, args: MembersArgs): Promise<Connection<Member>> {
  ctx.require(LIST_MEMBERS);
  const qb = ctx.repo(Member).createQueryBuilder("m");
  await memberScope.restrict(ctx, qb, "m", "list");
  if (args.committee) {
    const tree = await ctx.committees();
    if (!tree.has(args.committee)) {
      throw badInput("committee", `没有代码为 ${args.committee} 的政协`, `no committee with code ${args.committee}`);
    }
    // ACTIVE within a committee means a seat there now, not merely a past one.
    const seat =
      args.status === MemberStatus.ACTIVE
        ? `EXISTS (SELECT 1 FROM membership fc WHERE fc.member_id = m.id AND fc.committee_code = :fc AND ${seatCurrentAt("fc", "m", "fcToday")})`
        : "EXISTS (SELECT 1 FROM membership fc WHERE fc.member_id = m.id AND fc.committee_code = :fc)";
    qb.andWhere(seat, { fc: args.committee, fcToday: today() });
  }
  if (args.sector) {
    const sector = await sectorByName(ctx, args.sector, "sector");
    qb.andWhere("m.sectorId = :sectorId", { sectorId: sector.id });
  }
  if (args.status) qb.andWhere("m.status = :status", { status: args.status });
  const search = text(args.search, "search", { max: 50 });
  if (search) {
    qb.andWhere(`(m.name LIKE :q ${LIKE_ESCAPE} OR m.workplace LIKE :q ${LIKE_ESCAPE})`, { q: likePattern(search) });
  }
  return paginateById(qb, args);
}

/**
 * Records that come with a seat (the duty letter) are edited by the office of any
 * committee where the member sits now. The city reads its counties' members but edits
 * only its own (API.md).
 */
async function assertSitsHere(ctx: RequestContext, member: Member): Promise<void> {
  ctx.require(MANAGE_MEMBERS);
  if (ctx.identity.role === "SYSTEM") return;
  const seats = await memberLoaders(ctx).membershipsOf.load(member.id);
  const t = today();
  const sitsHere = seats.some(
    (s) => s.committeeCode === ctx.identity.committee && s.startedOn <= t && (!s.endedOn || s.endedOn > t),
  );
  if (!sitsHere) throw forbidden(`member ${member.id} (not on the register of ${ctx.identity.committee})`);
}

/**
 * The personal profile is edited only by the office that keeps it (person.ts,
 * profileKeeper): a person on the city and a county committee is one record, and the
 * county's seat does not let it rewrite what the city registered.
 */
async function assertKeepsProfile(ctx: RequestContext, member: Member): Promise<void> {
  await assertSitsHere(ctx, member);
  if (ctx.identity.role === "SYSTEM") return;
  const keeper = profileKeeper(member, await memberLoaders(ctx).membershipsOf.load(member.id));
  if (keeper !== ctx.identity.committee) {
    throw new AppError(
      "FORBIDDEN",
      `该委员的个人信息由 ${keeper} 政协维护, 本级只能修改本级任职`,
      `the personal profile of member ${member.id} is kept by committee ${keeper}; edit only your own seat`,
      { keptBy: keeper },
    );
  }
}

async function validatedProfile(
  ctx: RequestContext,
  input: Partial<CreateMemberInput & UpdateMemberInput>,
  prefix: string,
  /** Whose sector and party additions count (the committee the clerk writes for). */
  committee?: string | null,
): Promise<Partial<Member>> {
  const out: Partial<Member> = {};
  if (input.name !== undefined) out.name = text(input.name, `${prefix}.name`, { max: 64, required: true });
  if (input.gender !== undefined && input.gender !== null) out.gender = input.gender;
  if (input.ethnicity !== undefined && input.ethnicity !== null) {
    const e = text(input.ethnicity, `${prefix}.ethnicity`, { max: 16, required: true });
    if (!e.endsWith("族"))
      throw badInput(`${prefix}.ethnicity`, '民族应以"族"结尾, 如 汉族', "write the full name, e.g. 汉族");
    out.ethnicity = e;
  }
  if (input.sector !== undefined && input.sector !== null) {
    out.sectorId = (await sectorByName(ctx, input.sector, `${prefix}.sector`, committee)).id;
  }
  if (input.party !== undefined) {
    out.partyId = input.party ? (await partyByName(ctx, input.party, `${prefix}.party`, committee)).id : null;
  }
  if (input.idCard) {
    const card = parseIdCard(input.idCard, `${prefix}.idCard`);
    out.idCardHash = card.hash;
    if (input.birthDate && input.birthDate !== card.birthDate) {
      throw badInput(
        `${prefix}.birthDate`,
        `出生日期与身份证号不符 (${card.birthDate})`,
        `does not match the ID-card number (${card.birthDate})`,
      );
    }
    out.birthDate = card.birthDate;
  } else if (input.birthDate) {
    const d = parseDate(input.birthDate, `${prefix}.birthDate`)!;
    if (d > today() || d < "1900-01-01")
      throw badInput(`${prefix}.birthDate`, "出生日期无效", "not a plausible birth date");
    out.birthDate = d;
  }
  if (input.workplace !== undefined) out.workplace = text(input.workplace, `${prefix}.workplace`, { max: 200 });
  if (input.jobTitle !== undefined) out.jobTitle = text(input.jobTitle, `${prefix}.jobTitle`, { max: 100 });
  return out;
}

/** Creates the person and their first seat together: both or neither. */
export async function createMember(ctx: RequestContext, input: CreateMemberInput): Promise<Member> {
  ctx.require(MANAGE_MEMBERS);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await memberScope.assertCanCreate(ctx, code, "input.committee");
  const committee = (await ctx.repo(Committee).findOneBy({ code }))!;
  const profile = await validatedProfile(ctx, { ...input, ethnicity: input.ethnicity ?? "汉族" }, "input", code);
  const startedOn = parseDate(input.startedOn, "input.startedOn") ?? today();
  // A seat belongs to a recorded term of this committee and starts inside its dates.
  const term = await assertSeatInTerm(ctx, committee, input.term, startedOn);
  const commitmentSignedOn = parseDate(input.commitmentSignedOn, "input.commitmentSignedOn");
  const position = input.position ?? Position.MEMBER;

  return ctx.transaction(Member, async (tx) => {
    await assertPositionFree(tx, code, position, "input.position");
    if (profile.idCardHash) await assertIdCardFree(tx, profile.idCardHash, null, "input.idCard");
    const member = await tx.repo(Member).save(
      tx.repo(Member).create({
        ...profile,
        registeredBy: code,
        status: MemberStatus.ACTIVE,
        commitmentSignedOn,
        version: 1,
      }),
    );
    await tx.repo(Membership).insert({
      memberId: member.id,
      committeeCode: code,
      term,
      position,
      startedOn,
      endedOn: null,
      endReason: null,
      endNote: null,
    });
    return member;
  });
}

/** Conditional on `version`: two clerks editing the same entry cannot overwrite each other. */
export async function updateMember(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateMemberInput,
): Promise<Member> {
  const member = await getMember(ctx, rawId);
  await assertKeepsProfile(ctx, member);
  const values = await validatedProfile(ctx, input, "input", ctx.identity.committee);
  if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
  if (values.idCardHash) await assertIdCardFree(ctx, values.idCardHash, member.id, "input.idCard");
  // Written and read back in one transaction: the answer cannot fail after the write landed.
  return ctx.transaction(Member, async (tx) => {
    await updateWithVersion(tx, Member, member.id, version, { ...values, updatedAt: new Date() }, MEMBER);
    return tx.repo(Member).findOneByOrFail({ id: member.id });
  });
}

export async function recordCommitment(ctx: RequestContext, input: RecordCommitmentInput): Promise<Member> {
  const member = await getMember(ctx, input.memberId, "input.memberId");
  await assertSitsHere(ctx, member);
  const signedOn = requireDate(input.signedOn, "input.signedOn");
  if (signedOn > today()) throw badInput("input.signedOn", "签订日期不能晚于今天", "cannot be in the future");
  // Written and read back in one transaction: the answer cannot fail after the write landed.
  return ctx.transaction(Member, async (tx) => {
    await updateWithVersion(
      tx,
      Member,
      member.id,
      member.version,
      { commitmentSignedOn: signedOn, updatedAt: new Date() },
      MEMBER,
    );
    return tx.repo(Member).findOneByOrFail({ id: member.id });
  });
}

/**
 * One ID-card number, one person. The message says who keeps the existing record, so the
 * office gives that person a seat (addMembership with the ID card) instead of a copy.
 */
export async function assertIdCardFree(
  ctx: RequestContext,
  hash: string,
  self: number | null,
  field: string,
): Promise<void> {
  const other = await ctx.repo(Member).findOneBy({ idCardHash: hash });
  if (other && other.id !== self) {
    throw badInput(
      field,
      `此身份证号的委员已登记 (编号 ${other.id}), 请用 addMembership 为其增加本级任职`,
      `a person with this ID-card number is already registered (member ${other.id}); give them a seat with addMembership`,
    );
  }
}

/** Seats of a member, optionally only those open today. */
export async function membershipsOf(
  ctx: RequestContext,
  member: Member,
  current?: boolean | null,
): Promise<Membership[]> {
  const seats = await memberLoaders(ctx).membershipsOf.load(member.id);
  if (current === undefined || current === null) return seats;
  const t = today();
  return seats.filter((s) => (s.startedOn <= t && (!s.endedOn || s.endedOn > t)) === current);
}

/** The member's position on a committee (or their most senior current one). */
export async function positionOf(
  ctx: RequestContext,
  member: Member,
  committee?: string | null,
): Promise<Position | null> {
  const seats = (await membershipsOf(ctx, member, true)).filter((s) => !committee || s.committeeCode === committee);
  const order = Object.values(Position);
  seats.sort((a, b) => order.indexOf(a.position) - order.indexOf(b.position));
  return seats[0]?.position ?? null;
}
