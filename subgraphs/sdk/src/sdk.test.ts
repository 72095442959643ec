import "reflect-metadata";
import { GraphQLError } from "graphql";
import { Field, Int, ObjectType, Query, Resolver, FieldResolver, Root } from "type-graphql";
import { CommitteeTree } from "./directory";
import { parseDatabaseUrl } from "./database";
import { AppError, badInput, formatPublicError } from "./errors";
import {
  identityFromClaims,
  InvalidTokenError,
  signInternalIdentity,
  signUserToken,
  verifyInternalIdentity,
  verifyUserToken,
} from "./identity";
import { defineModule, definePermission, ModuleContractError } from "./module";
import { staticCommitteeSource } from "./directory";
import { staticMembersSource } from "./members";
import { defineScope, scopedRecord } from "./scope";
import { RequestContext, type SubgraphRuntime } from "./context";
import { checkPageSize, decodeCursor, encodeCursor } from "./pagination";
import { buildModulesSchema } from "./schema";
import { DEV_INTERNAL_SECRET, loadConfig } from "./config";
import { checkModules } from "./contract";
import { CommitteeRef } from "./stubs";
import { parseDate, yearRange } from "./dates";
import { likePattern } from "./input";

const tree = new CommitteeTree([
  { code: "yunnan", name: "云南省政协", level: "PROVINCE", parentCode: null },
  {
    code: "zhaotong",
    name: "昭通市政协",
    level: "CITY",
    parentCode: "yunnan",
    currentTerm: 5,
    termStartedOn: "2022-01-10",
  },
  { code: "kunming", name: "昆明市政协", level: "CITY", parentCode: "yunnan" },
  { code: "zhenxiong", name: "镇雄县政协", level: "COUNTY", parentCode: "zhaotong" },
  { code: "weixin", name: "威信县政协", level: "COUNTY", parentCode: "zhaotong" },
]);

describe("CommitteeTree", () => {
  it("walks a tree of any depth", () => {
    expect(tree.subtree("zhaotong").sort()).toEqual(["weixin", "zhaotong", "zhenxiong"]);
    expect(tree.subtree("yunnan")).toHaveLength(5);
    expect(tree.path("weixin")).toEqual(["yunnan", "zhaotong", "weixin"]);
    expect(tree.isWithin("weixin", "yunnan")).toBe(true);
    expect(tree.isWithin("weixin", "kunming")).toBe(false);
    expect(tree.isWithin("zhaotong", "weixin")).toBe(false);
    expect(tree.subtree("nowhere")).toEqual([]);
    expect(tree.termPeriod("zhaotong")).toEqual({ term: 5, from: "2022-01-10", to: "2027-01-10" });
    expect(tree.termPeriod("zhaotong", 4)).toEqual({ term: 4, from: "2017-01-10", to: "2022-01-10" });
    expect(tree.termPeriod("kunming")).toBeNull();
  });
});

describe("identity", () => {
  const secret = "s".repeat(40);
  it("round-trips the forwarded identity and rejects another secret or a forged header", () => {
    const token = signInternalIdentity({ role: "STAFF", committee: "weixin", subject: "x" }, secret);
    expect(verifyInternalIdentity(token, secret)).toMatchObject({ role: "STAFF", committee: "weixin" });
    expect(verifyInternalIdentity(token, "t".repeat(40))).toBeNull();
    expect(verifyInternalIdentity(undefined, secret)).toBeNull();
    const [h, , s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ id: { role: "SYSTEM", subject: "x" } })).toString("base64url");
    expect(verifyInternalIdentity(`${h}.${forged}.${s}`, secret)).toBeNull();
  });

  it("accepts only complete user claims", () => {
    expect(() => identityFromClaims({ role: "STAFF" })).toThrow(InvalidTokenError);
    expect(() => identityFromClaims({ role: "MEMBER" })).toThrow(InvalidTokenError);
    expect(() => identityFromClaims({ role: "SYSTEM" })).toThrow(InvalidTokenError);
    expect(identityFromClaims({ role: "UNIT", unit: 7 })).toMatchObject({ role: "UNIT", unitId: "7" });
  });

  it("verifies user tokens with the pinned algorithm only", () => {
    const token = signUserToken({ role: "STAFF", committee: "zhenxiong" }, secret);
    expect(verifyUserToken(token, { jwtSecret: secret })).toMatchObject({ role: "STAFF", committee: "zhenxiong" });
    expect(() => verifyUserToken(token, { jwtSecret: "x".repeat(40) })).toThrow(InvalidTokenError);
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"role":"STAFF","committee":"zhaotong"}').toString("base64url")}.`;
    expect(() => verifyUserToken(none, { jwtSecret: secret })).toThrow(InvalidTokenError);
  });
});

describe("errors", () => {
  it("hides internal errors and keeps coded ones with the field", () => {
    const internal = formatPublicError(
      {
        message: "ER_NO_SUCH_TABLE: db01.internal:3306",
        extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["x"] },
      },
      new Error("x"),
    );
    expect(internal.message).not.toMatch(/ER_NO_SUCH_TABLE|3306/);
    expect(internal.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    const bad = badInput("input.name", "不能为空", "must not be empty");
    expect(bad).toBeInstanceOf(AppError);
    const formatted = formatPublicError(
      { message: bad.message, extensions: { ...bad.extensions, stacktrace: ["x"] } },
      bad,
    );
    expect(formatted.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.name" });
    expect(formatted.message).toContain("不能为空");
    expect(formatted.message).toContain("must not be empty");
    const uncoded = formatPublicError({ message: "boom" }, new GraphQLError("boom"));
    expect(uncoded.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });
});

describe("input helpers", () => {
  it("parses database URLs", () => {
    expect(parseDatabaseUrl("sqlite:./data")).toEqual({ kind: "sqlite", dir: "./data" });
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ kind: "sqlite-memory" });
    expect(parseDatabaseUrl("mysql://u:p%40ss@db:3307/tx")).toMatchObject({
      kind: "mysql",
      host: "db",
      port: 3307,
      user: "u",
      password: "p@ss",
      database: "tx",
    });
    expect(() => parseDatabaseUrl("postgres://x")).toThrow(/sqlite: or mysql/);
    expect(() => parseDatabaseUrl("mysql://h/bad-name")).toThrow(/letters, digits/);
  });

  it("checks cursors, page sizes, dates and LIKE patterns", () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(() => decodeCursor("garbage")).toThrow(/after/);
    expect(() => checkPageSize(101)).toThrow(/first/);
    expect(checkPageSize(undefined)).toBe(20);
    expect(parseDate("2024-02-29", "d")).toBe("2024-02-29");
    expect(() => parseDate("2023-02-29", "input.signedOn")).toThrow(/input.signedOn/);
    expect(() => yearRange(20230)).toThrow(/year/);
    expect(likePattern("50%_!")).toBe("%50!%!_!!%");
  });
});

describe("module contract", () => {
  it("rejects bad names", () => {
    expect(() =>
      defineModule({
        name: "Court-yard",
        title: "x",
        kind: "plugin",
        entities: [],
        migrations: [],
        resolvers: [class {}],
      }),
    ).toThrow(ModuleContractError);
  });

  it("rejects a non-nullable field contributed to a shared entity", async () => {
    @ObjectType()
    class BadStats {
      @Field(() => Int)
      n: number;
    }
    @Resolver(() => CommitteeRef)
    class BadResolver {
      @FieldResolver(() => BadStats)
      badStats(@Root() c: CommitteeRef): BadStats {
        return { n: c.code.length };
      }
      @Query(() => Int)
      ping(): number {
        return 1;
      }
    }
    const bad = defineModule({
      name: "bad",
      title: "坏",
      kind: "plugin",
      entities: [],
      migrations: [],
      resolvers: [BadResolver],
      stubs: [CommitteeRef],
    });
    await expect(buildModulesSchema([bad])).rejects.toThrow(/Committee.badStats .* must be nullable/);
  });
});

describe("shared stubs", () => {
  it("keep each module's contributed fields out of other modules' schemas built in the same process", async () => {
    @Resolver(() => CommitteeRef)
    class AlphaStats {
      @FieldResolver(() => Int, { nullable: true })
      alphaCount(): number {
        return 1;
      }
    }
    @Resolver(() => CommitteeRef)
    class BetaStats {
      @FieldResolver(() => Int, { nullable: true })
      betaCount(): number {
        return 2;
      }
    }
    const alpha = defineModule({
      name: "alpha",
      title: "甲",
      kind: "plugin",
      entities: [],
      migrations: [],
      resolvers: [AlphaStats],
      stubs: [CommitteeRef],
    });
    const beta = defineModule({
      name: "beta",
      title: "乙",
      kind: "plugin",
      entities: [],
      migrations: [],
      resolvers: [BetaStats],
      stubs: [CommitteeRef],
    });
    const a1 = await buildModulesSchema([alpha]);
    const b = await buildModulesSchema([beta]);
    const a2 = await buildModulesSchema([alpha]);
    const both = await buildModulesSchema([alpha, beta]);
    expect(a1.sdl).toContain("alphaCount");
    expect(b.sdl).toContain("betaCount");
    expect(b.sdl).not.toContain("alphaCount");
    expect(a2.sdl).not.toContain("betaCount");
    expect(both.sdl).toContain("alphaCount");
    expect(both.sdl).toContain("betaCount");
  });
});

describe("module contract across modules", () => {
  it("names both modules when they collide, and enforces a plugin's prefixes", async () => {
    @ObjectType()
    class CourtyardStats {
      @Field(() => Int)
      n: number;
    }
    @Resolver(() => CommitteeRef)
    class CourtyardStatsResolver {
      @FieldResolver(() => CourtyardStats, { nullable: true })
      courtyardStats(): CourtyardStats {
        return { n: 1 };
      }
    }
    @Resolver(() => CommitteeRef)
    class CourtStatsResolver {
      @FieldResolver(() => CourtyardStats, { nullable: true })
      courtyardStats(): CourtyardStats {
        return { n: 2 };
      }
      @FieldResolver(() => Int, { nullable: true })
      sneaky(): number {
        return 3;
      }
    }
    const courtyard = defineModule({
      name: "courtyard",
      title: "院坝",
      kind: "plugin",
      entities: [],
      migrations: [],
      resolvers: [CourtyardStatsResolver],
      stubs: [CommitteeRef],
    });
    const court = defineModule({
      name: "court",
      title: "法庭",
      kind: "plugin",
      entities: [],
      migrations: [],
      resolvers: [CourtStatsResolver],
      stubs: [CommitteeRef],
    });
    await expect(checkModules([courtyard])).resolves.toHaveLength(1);
    const problem = checkModules([courtyard, court]);
    await expect(problem).rejects.toThrow(/Committee\.courtyardStats is declared by both courtyard and court/);
    await expect(checkModules([courtyard, court])).rejects.toThrow(
      /type CourtyardStats is declared by both courtyard and court/,
    );
    await expect(checkModules([court])).rejects.toThrow(/Committee\.sneaky of plugin court must start with court/);
    await expect(checkModules([courtyard, courtyard])).rejects.toThrow(/module name "courtyard" is used by 2 modules/);
  });
});

describe("module contract: register owner, declared permissions, statistics", () => {
  @ObjectType()
  class ZtoolStats {
    @Field(() => Int)
    sessions: number;
  }
  @Resolver(() => CommitteeRef)
  class ZtoolStatsResolver {
    @FieldResolver(() => ZtoolStats, { nullable: true })
    ztoolStats(): ZtoolStats {
      return { sessions: 1 };
    }
  }
  const base = {
    name: "ztool",
    title: "工具",
    kind: "plugin" as const,
    entities: [],
    migrations: [],
    resolvers: [ZtoolStatsResolver],
    stubs: [CommitteeRef],
  };
  const stat = (field: string, key: string) => ({
    field,
    title: "工具",
    titleEn: "Tool",
    period: "year" as const,
    figures: [{ key, title: "次数", titleEn: "Sessions", definition: "…", kind: "count" as const }],
  });

  it("refuses a plugin that provides the committee tree or the member register, naming it", async () => {
    const tree = defineModule({ ...base, committeeSource: () => staticCommitteeSource([]) });
    await expect(checkModules([tree])).rejects.toThrow(
      /module ztool declares committeeSource: only the members module provides the committee tree/,
    );
    const register = defineModule({ ...base, membersSource: () => staticMembersSource([]) });
    await expect(checkModules([register])).rejects.toThrow(/module ztool declares membersSource/);
  });

  it("fails on a misspelled figure key or statistics field, naming it", async () => {
    await expect(
      checkModules([defineModule({ ...base, stats: [stat("ztoolStats", "sessions")] })]),
    ).resolves.toHaveLength(1);
    await expect(checkModules([defineModule({ ...base, stats: [stat("ztoolStats", "sesions")] })])).rejects.toThrow(
      /figure key sesions of Committee\.ztoolStats is not a field of its type/,
    );
    await expect(checkModules([defineModule({ ...base, stats: [stat("ztoolStat", "sessions")] })])).rejects.toThrow(
      /statistics field Committee\.ztoolStat is not in its schema/,
    );
  });

  it("refuses at run time to check a permission no served module declares", () => {
    const declared = definePermission("ztool.write", "写", ["STAFF"]);
    const stray = definePermission("ztool.stray", "未声明", ["STAFF"]);
    const runtime = { declaredPermissions: () => new Set([declared.key]) } as unknown as SubgraphRuntime;
    const ctx = new RequestContext({ role: "STAFF", committee: "a", subject: "staff:a" }, runtime);
    expect(() => ctx.require(declared)).not.toThrow();
    expect(() => ctx.require(stray)).toThrow(
      /permission ztool.stray is checked but no module of this subgraph declares it/,
    );
  });

  it("requires the permissions a scope checks to be declared by the module", async () => {
    class ZtoolThing {}
    const write = definePermission("ztool.write", "写", ["STAFF"]);
    const scope = defineScope<ZtoolThing>({
      entity: ZtoolThing,
      name: "thing",
      nameZh: "事项",
      committee: { column: "committee_code" },
      writePermission: write,
    });
    const scoped = [scopedRecord(scope, {})];
    await expect(checkModules([defineModule({ ...base, scoped })])).rejects.toThrow(
      /scope thing checks permission ztool.write, which the module does not declare/,
    );
    await expect(checkModules([defineModule({ ...base, scoped, permissions: [write] })])).resolves.toHaveLength(1);
  });
});

describe("configuration", () => {
  it("runs on development defaults locally and refuses them in production", () => {
    expect(loadConfig({}).internalSecret).toBe(DEV_INTERNAL_SECRET);
    expect(loadConfig({}).databaseUrl).toBe("sqlite:./data");
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/INTERNAL_SECRET must be set in production/);
    expect(() => loadConfig({ NODE_ENV: "production", INTERNAL_SECRET: "short" })).toThrow(/at least 32/);
    const prod = loadConfig({ NODE_ENV: "production", INTERNAL_SECRET: "x".repeat(40) });
    expect(prod.jwtSecret).toBeUndefined(); // no development JWT secret either: the gateway refuses to start
    expect(loadConfig({ JWT_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\\nabc" }).jwtPublicKey).toContain("\n");
  });
});
