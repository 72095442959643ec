import { Directive, Field, getMetadataStorage, ID, ObjectType } from "type-graphql";
import { AnnualReportRef } from "./report";

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
  AnnualReport: (ref: Record<string, unknown>) => ({ committee: String(ref.committee), year: Number(ref.year) }),
};

export const STUB_TYPE_NAMES: ReadonlyMap<Function, string> = new Map<Function, string>([
  [CommitteeRef, "Committee"],
  [MemberRef, "Member"],
  [AnnualReportRef, "AnnualReport"],
]);

/** Key fields of the shared entities. */
export const ENTITY_KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Committee: ["code"],
  Member: ["id"],
  AnnualReport: ["committee", "year"],
};

const STUB_KEYS = new Map<Function, readonly string[]>(
  [...STUB_TYPE_NAMES].map(([stub, name]) => [stub, ENTITY_KEY_FIELDS[name]] as const),
);

interface FieldMeta {
  target: Function;
  name: string;
}

/**
 * type-graphql records a field resolver's field on the target class the first time a
 * schema including that resolver is built, and keeps it for every later build. With
 * shared stubs, fields one module contributes would then appear in another subgraph's
 * schema built in the same process (compose, tests). Before each build we cut the stubs
 * back to their key; the build adds the fields of the resolvers it includes.
 */
export function resetStubFields(): void {
  const storage = getMetadataStorage() as unknown as {
    fields: FieldMeta[];
    objectTypes: { target: Function; fields?: FieldMeta[] }[];
  };
  const keep = (f: FieldMeta) => !STUB_KEYS.has(f.target) || STUB_KEYS.get(f.target)!.includes(f.name);
  storage.fields = storage.fields.filter(keep);
  for (const type of storage.objectTypes) {
    if (!STUB_KEYS.has(type.target) || !type.fields) continue;
    const kept = type.fields.filter(keep);
    type.fields.splice(0, type.fields.length, ...kept);
  }
}
