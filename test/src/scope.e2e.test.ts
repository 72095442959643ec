import { allModules, platformLayout, type Stack } from "@tongxin/infra";
import {
  IDENTITY_HEADER,
  RequestContext,
  signInternalIdentity,
  today,
  type Identity,
  type ModuleDefinition,
  type RunningSubgraph,
  type ScopedRecord,
} from "@tongxin/sdk";
import { databasesUnderTest, member, staff, unit } from "@tongxin/sdk/dist/testing";
import { STACK_INTERNAL_SECRET } from "@tongxin/infra";
import { codeOf, seededStack, type Errors } from "./helpers";

/**
 * The cross-tenant contract: the same matrix against every module the platform composes
 * (core and plugins, found from the module definitions, not listed here). Each module
 * declares its scoped records and the public operations that read them (`scoped` in
 * `defineModule`); the test asks the SDK's scope helper who may read each sampled record
 * and checks that every operation answers exactly that through the gateway. A module whose
 * list, look-up or reference reads around the helper shows a record the helper withholds
 * and fails here.
 */
const MODULES: ModuleDefinition[] = allModules(platformLayout());
const CITY = "zhaotong";

type Answer = { data?: Record<string, unknown> | null; errors?: Errors };

/** Values at a dotted path, flattening lists on the way (`studios.edges.node.id`). */
function idsAt(data: unknown, path: string): string[] {
  let values: unknown[] = [data];
  for (const key of path.split(".")) {
    values = values.flatMap((v) => {
      const next = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
      return Array.isArray(next) ? next : next === undefined || next === null ? [] : [next];
    });
  }
  return values.map(String);
}

describe.each(databasesUnderTest())("cross-tenant scope contract ($kind)", (db) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const subgraphOf = (m: ModuleDefinition): RunningSubgraph => {
    const all = [...stack.subgraphs.values(), ...[...stack.pluginHosts.values()].map((h) => h.subgraph)];
    const found = all.find((s) => s.modules.some((x) => x.name === m.name));
    if (!found) throw new Error(`module ${m.name} is not served by the stack`);
    return found;
  };

  const tokenOf = (id: Identity): string | null => {
    if (id.role === "ANONYMOUS") return null;
    return stack.token({ role: id.role, committee: id.committee, member: id.memberId, unit: id.unitId });
  };

  it("covers every module the platform composes, core and plugins", () => {
    const names = MODULES.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["members", "proposals", "studios", "training"]));
    expect(MODULES.some((m) => m.kind === "plugin")).toBe(true);
    for (const m of MODULES) {
      expect({ module: m.name, scoped: (m.scoped ?? []).length > 0 }).toEqual({ module: m.name, scoped: true });
    }
  });

  describe.each(MODULES.map((m) => [m.name, m] as const))("module %s", (_name, m) => {
    it.each((m.scoped ?? []).map((r) => [r.scope.spec.name, r] as const))(
      "%s: other counties see nothing, the city reads but does not write, members and units only theirs, no token nothing",
      async (_n, record: ScopedRecord) => {
        const sg = subgraphOf(m);
        const scope = record.scope;
        const sys = sg.systemContext();
        const ctxOf = (id: Identity) => new RequestContext(id, sg.runtime);

        // A sample of the module's records across every committee, as the platform sees them.
        const table = sys.repo(scope.spec.entity).metadata.tableName;
        const all = (await sys.repo(scope.spec.entity).createQueryBuilder("x").select("x.id", "id").getRawMany())
          .map((r: { id: number | string }) => Number(r.id))
          .sort((a, b) => a - b);
        expect({ table, records: all.length > 0 }).toEqual({ table, records: true });
        const step = Math.max(1, Math.floor(all.length / 300));
        const sample = all.filter((_, i) => i % step === 0);

        /** What the SDK helper says this identity may read of the sample; null: the role has no access. */
        const readable = async (id: Identity): Promise<Set<number> | null> => {
          if (!scope.roleHasAccess(id.role, "lookup")) return null;
          const qb = sys.repo(scope.spec.entity).createQueryBuilder("x").where("x.id IN (:...ids)", { ids: sample });
          await scope.restrict(ctxOf(id), qb, "x", "lookup");
          return new Set(
            (await qb.select("x.id", "id").getRawMany()).map((r: { id: number | string }) => Number(r.id)),
          );
        };

        // A record of county A that county B's office may not read.
        const tree = await sys.committees();
        const counties = tree
          .all()
          .filter((c) => c.level === "COUNTY")
          .map((c) => c.code)
          .sort();
        const byCounty = new Map<string, Set<number>>();
        for (const c of counties) byCounty.set(c, (await readable(staff(c)))!);
        let pick: { a: string; b: string; r: number } | null = null;
        for (const a of counties) {
          for (const r of byCounty.get(a)!) {
            const b = counties.find((x) => x !== a && !byCounty.get(x)!.has(r));
            if (b) {
              pick = { a, b, r };
              break;
            }
          }
          if (pick) break;
        }
        expect({ table, countyRecord: pick !== null }).toEqual({ table, countyRecord: true });
        const { a, b, r } = pick!;
        const cityReads = (await readable(staff(CITY)))!;
        expect(cityReads.has(r)).toBe(true); // the city reads its counties (the SDK rule itself)

        const ask = (id: Identity, query: string, variables?: Record<string, unknown>) =>
          stack.query(tokenOf(id), query, variables) as Promise<Answer>;
        const byId = (id: Identity, rid: number) => ask(id, record.byId!.query, { id: String(rid) });
        const write = (id: Identity, rid: number) =>
          ask(id, record.write!.query, { ...(record.write!.variables ?? {}), id: String(rid) });
        const listed = async (id: Identity): Promise<string[] | "FORBIDDEN" | "UNAUTHENTICATED"> => {
          const res = await ask(id, record.list!.query);
          const code = codeOf(res.errors);
          if (code === "FORBIDDEN" || code === "UNAUTHENTICATED") return code;
          expect({ who: id.subject, errors: res.errors }).toEqual({ who: id.subject, errors: undefined });
          return idsAt(res.data, record.list!.ids);
        };
        const refOf = async (id: Identity, rid: number): Promise<unknown> => {
          const res = await fetch(sg.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              [IDENTITY_HEADER]: signInternalIdentity(id, STACK_INTERNAL_SECRET),
            },
            body: JSON.stringify({
              query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${record.typename} { id } } }`,
              variables: { r: [{ __typename: record.typename, id: String(rid) }] },
            }),
          });
          const body = (await res.json()) as { data?: { _entities: unknown[] } };
          return body.data?._entities?.[0] ?? null;
        };

        /** Whatever the identity gets from each operation is what the helper lets it read. */
        const agrees = async (id: Identity, seen: Set<number> | null) => {
          if (record.list) {
            const got = await listed(id);
            if (seen === null || !scope.roleHasAccess(id.role, "list"))
              expect({ who: id.subject, list: got }).toEqual({ who: id.subject, list: "FORBIDDEN" });
            else {
              expect(Array.isArray(got)).toBe(true);
              // Only records of the sample can be judged; the rest must be outside it, never a leak.
              const judged = (got as string[]).map(Number).filter((x) => sample.includes(x));
              expect({ who: id.subject, leaked: judged.filter((x) => !seen.has(x)) }).toEqual({
                who: id.subject,
                leaked: [],
              });
            }
          }
          if (record.byId) {
            const res = await byId(id, r);
            const expected = seen === null ? "FORBIDDEN" : seen.has(r) ? undefined : "NOT_FOUND";
            expect({ who: id.subject, code: codeOf(res.errors) }).toEqual({ who: id.subject, code: expected });
          }
          if (record.typename) {
            const ref = await refOf(id, r);
            expect({ who: id.subject, reference: ref !== null }).toEqual({
              who: id.subject,
              reference: !!seen?.has(r),
            });
          }
        };

        /**
         * Why a write to r is refused: a role without the write permission or any access is
         * FORBIDDEN before anything is looked up; otherwise a record it may not read is NOT_FOUND.
         */
        const refusal = (id: Identity, seen: Set<number> | null) => {
          const permission = scope.spec.writePermission;
          if (seen === null || (permission && !permission.roles.includes(id.role))) return "FORBIDDEN";
          return seen.has(r) ? "FORBIDDEN" : "NOT_FOUND";
        };

        // The county's own office reads it; another county's office does not know it exists.
        await agrees(staff(a), byCounty.get(a)!);
        await agrees(staff(b), byCounty.get(b)!);
        const listB = record.list ? await listed(staff(b)) : [];
        expect(listB).not.toContain(String(r));
        // The city reads its counties' records.
        await agrees(staff(CITY), cityReads);
        if (record.write) {
          expect(codeOf((await write(staff(b), r)).errors)).toBe(refusal(staff(b), byCounty.get(b)!));
          expect(codeOf((await write(staff(CITY), r)).errors)).toBe("FORBIDDEN");
        }

        // Members: a few of county A's, each sees only what the helper grants them.
        const members = (await sg.runtime.members.activeIn([a], today())).slice(0, 3);
        expect(members.length).toBeGreaterThan(0);
        for (const info of members) {
          const id = member(info.id);
          const seen = await readable(id);
          await agrees(id, seen);
          if (record.write && !seen?.has(r)) expect(codeOf((await write(id, r)).errors)).toBe(refusal(id, seen));
        }
        // A token whose member claim is not a number reads nothing, and nothing breaks.
        await agrees(member("x1"), scope.roleHasAccess("MEMBER", "lookup") ? new Set() : null);

        // Units: the first two handling units of the register.
        for (const u of [unit(1), unit(2)]) await agrees(u, await readable(u));

        // No token, nothing.
        if (record.list) expect(await listed({ role: "ANONYMOUS", subject: "anonymous" })).toBe("UNAUTHENTICATED");
        if (record.byId) {
          const res = await byId({ role: "ANONYMOUS", subject: "anonymous" }, r);
          expect(codeOf(res.errors)).toBe("UNAUTHENTICATED");
        }
        if (record.typename) expect(await refOf({ role: "ANONYMOUS", subject: "anonymous" }, r)).toBeNull();
      },
    );
  });
});
