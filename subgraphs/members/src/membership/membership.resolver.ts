import { today, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Committee } from "../committee/committee.entity";
import { getCommittee } from "../committee/committee.service";
import { Member } from "../member/member.entity";
import { memberLoaders } from "../member/member.loader";
import { Membership } from "./membership.entity";

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Committee, { nullable: true })
  committee(@Root() s: Membership, @Ctx() ctx: RequestContext): Promise<Committee | null> {
    return getCommittee(ctx, s.committeeCode);
  }

  @FieldResolver(() => Member, { nullable: true })
  member(@Root() s: Membership, @Ctx() ctx: RequestContext): Promise<Member | null> {
    return memberLoaders(ctx).visibleMember.load(s.memberId);
  }

  @FieldResolver(() => Boolean, { description: "今天是否在任" })
  current(@Root() s: Membership): boolean {
    const t = today();
    return s.startedOn <= t && (!s.endedOn || s.endedOn > t);
  }
}
