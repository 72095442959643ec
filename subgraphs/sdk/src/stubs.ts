import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Federation stubs of the shared entities. A module that adds fields to `Committee` or
 * `Member` (statistics, a county's records) resolves them on these classes; the owner
 * (members) defines the full types. Contributed fields must be nullable (rule 6): a
 * module that is down costs its own fields, not the page.
 */
@ObjectType("Committee")
@Directive('@key(fields: "code")')
export class CommitteeRef {
  @Field({ description: "政协代码, 如 zhaotong / committee code" })
  code: string;
}

@ObjectType("Member")
@Directive('@key(fields: "id")')
export class MemberRef {
  @Field(() => ID)
  id: string;
}

/** Default reference resolvers: a stub is its key; each contributed field checks scope. */
export const stubReferences = {
  Committee: (ref: Record<string, unknown>) => ({ code: String(ref.code) }),
  Member: (ref: Record<string, unknown>) => ({ id: String(ref.id) }),
};

export const STUB_TYPE_NAMES: ReadonlyMap<Function, string> = new Map<Function, string>([
  [CommitteeRef, "Committee"],
  [MemberRef, "Member"],
]);
