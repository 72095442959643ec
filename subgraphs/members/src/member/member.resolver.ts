import { ConnectionType, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { DirectoryMember, DirectoryRegister, memberDirectory, memberDirectoryRegister } from "./member.directory";
import { Membership, Position } from "../membership/membership.entity";
import { AddMembershipInput, EndMembershipInput, RevokeMemberInput } from "../membership/membership.inputs";
import { addMembership, endMembership, revokeMember } from "../membership/membership.service";
import { Party } from "../party/party.entity";
import { Sector } from "../sector/sector.entity";
import { Member } from "./member.entity";
import { Committee } from "../committee/committee.entity";
import { getCommittee } from "../committee/committee.service";
import { profileKeeper } from "./person";
import { CreateMemberInput, MembersArgs, RecordCommitmentInput, UpdateMemberInput } from "./member.inputs";
import { memberLoaders } from "./member.loader";
import {
  createMember,
  getMember,
  listMembers,
  membershipsOf,
  positionOf,
  recordCommitment,
  updateMember,
} from "./member.service";

export const MemberConnection = ConnectionType("Member", Member);

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => Member, { nullable: true, description: "按编号查询委员 / one member, if you may see them" })
  member(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<Member> {
    return getMember(ctx, id);
  }

  @Query(() => MemberConnection, { description: "委员名单 / members you may see, filtered and paged" })
  members(@Ctx() ctx: RequestContext, @Args() args: MembersArgs) {
    return listMembers(ctx, args);
  }

  @Query(() => [DirectoryMember], { description: "内部接口, 仅供其他子图 / internal, for other subgraphs" })
  @Directive("@inaccessible")
  memberDirectory(
    @Ctx() ctx: RequestContext,
    @Arg("ids", () => [ID], { nullable: true }) ids?: string[],
    @Arg("committees", () => [String], { nullable: true }) committees?: string[],
    @Arg("asOf", () => String, { nullable: true }) asOf?: string,
  ): Promise<DirectoryMember[]> {
    return memberDirectory(ctx, { ids, committees, asOf });
  }

  @Query(() => DirectoryRegister, { description: "内部接口, 仅供其他子图 / internal, for other subgraphs" })
  @Directive("@inaccessible")
  memberDirectoryRegister(
    @Ctx() ctx: RequestContext,
    @Arg("committees", () => [String]) committees: string[],
    @Arg("asOf", () => String) asOf: string,
  ): Promise<DirectoryRegister> {
    return memberDirectoryRegister(ctx, { committees, asOf });
  }

  @Mutation(() => Member, { description: "新增委员及其任职 (本级政协办公室)" })
  createMember(@Ctx() ctx: RequestContext, @Arg("input") input: CreateMemberInput): Promise<Member> {
    return createMember(ctx, input);
  }

  @Mutation(() => Member, { description: "修改委员信息; version 过期时返回 CONFLICT" })
  updateMember(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: UpdateMemberInput,
  ): Promise<Member> {
    return updateMember(ctx, id, version, input);
  }

  @Mutation(() => Member, { description: "增加任职" })
  addMembership(@Ctx() ctx: RequestContext, @Arg("input") input: AddMembershipInput): Promise<Member> {
    return addMembership(ctx, input);
  }

  @Mutation(() => Member, { description: "结束任职" })
  endMembership(@Ctx() ctx: RequestContext, @Arg("input") input: EndMembershipInput): Promise<Member> {
    return endMembership(ctx, input);
  }

  @Mutation(() => Member, { description: "撤销委员资格" })
  revokeMember(@Ctx() ctx: RequestContext, @Arg("input") input: RevokeMemberInput): Promise<Member> {
    return revokeMember(ctx, input);
  }

  @Mutation(() => Member, { description: "登记履职尽责承诺书签订" })
  recordCommitment(@Ctx() ctx: RequestContext, @Arg("input") input: RecordCommitmentInput): Promise<Member> {
    return recordCommitment(ctx, input);
  }

  @FieldResolver(() => Sector, { nullable: true, description: "界别" })
  sector(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Sector | null> {
    return memberLoaders(ctx).sector.load(m.sectorId);
  }

  @FieldResolver(() => Party, { nullable: true, description: "党派; null 为群众或未登记" })
  party(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Party | null> | null {
    return m.partyId ? memberLoaders(ctx).party.load(m.partyId) : null;
  }

  @FieldResolver(() => [Membership], { description: "任职记录; current: true 只看在任" })
  memberships(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg("current", () => Boolean, { nullable: true }) current?: boolean,
  ): Promise<Membership[]> {
    return membershipsOf(ctx, m, current);
  }

  @FieldResolver(() => Boolean, {
    description: "是否登记了身份证号 (号码本身从不返回) / whether an ID-card number is on file",
  })
  hasIdCard(@Root() m: Member): boolean {
    return !!m.idCardHash;
  }

  @FieldResolver(() => Committee, {
    nullable: true,
    description: "维护个人信息的政协; 其他任职的政协只修改本级任职 / the committee whose office keeps the profile",
  })
  async profileKeptBy(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Committee | null> {
    const code = profileKeeper(m, await memberLoaders(ctx).membershipsOf.load(m.id));
    return code ? getCommittee(ctx, code) : null;
  }

  @FieldResolver(() => Position, {
    nullable: true,
    description: "在某政协的职务; 不指定政协时为最高的在任职务",
  })
  position(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String, { nullable: true }) committee?: string,
  ): Promise<Position | null> {
    return positionOf(ctx, m, committee);
  }
}

/** Federation entry: the gateway batches these through `_entities`; scope is checked in SQL. */
export const memberReference = async (ref: Record<string, unknown>, ctx: RequestContext) => {
  const id = Number(ref.id);
  if (!ctx.isAuthenticated || !Number.isSafeInteger(id)) return null;
  return memberLoaders(ctx).visibleMember.load(id);
};
