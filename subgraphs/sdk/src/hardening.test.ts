import "reflect-metadata";
import { createHash } from "node:crypto";
import { Arg, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Ctx } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn, Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET, loadConfig } from "./config";
import type { RequestContext } from "./context";
import { IDENTITY_HEADER, signInternalIdentity, type Identity } from "./identity";
import { IDEMPOTENCY_TABLE } from "./idempotency";
import { parseId } from "./input";
import { idColumn } from "./migration";
import { defineModule } from "./module";
import { DEADLINE_HEADER, startSubgraph, type RunningSubgraph } from "./server";
import { databasesUnderTest, staff, TEST_INTERNAL_SECRET } from "./testing";
import { dropMysqlDatabases, parseDatabaseUrl } from "./database";

describe("configuration is parsed, not guessed", () => {
  it("refuses a timeout that is not plain milliseconds, naming the variable", () => {
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: "10s" })).toThrow(/SUBGRAPH_TIMEOUT_MS: must be milliseconds/);
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: "1e4" })).toThrow(/SUBGRAPH_TIMEOUT_MS/);
    expect(loadConfig({ SUBGRAPH_TIMEOUT_MS: "2500" }).subgraphTimeoutMs).toBe(2500);
    expect(loadConfig({ SUBGRAPH_TIMEOUT_MS: "" }).subgraphTimeoutMs).toBe(10_000);
  });

  it("refuses a bad PORT, DATABASE_URL or MEMBERS_URL, every problem in one message", () => {
    expect(() => loadConfig({ PORT: "80a" })).toThrow(/PORT: must be a port number/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT: must be at most 65535/);
    expect(loadConfig({ PORT: "4011" }).port).toBe(4011);
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/x" })).toThrow(
      /DATABASE_URL: must start with sqlite: or mysql/,
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://h/bad-name" })).toThrow(/DATABASE_URL: database name/);
    expect(() => loadConfig({ MEMBERS_URL: "members:4001" })).toThrow(/MEMBERS_URL: must be an http/);
    expect(() => loadConfig({ PORT: "x", TONGXIN_SEED: "yes" })).toThrow(/PORT: .*; TONGXIN_SEED: must be 0 or 1/);
  });

  it("production refuses the development secrets even when set explicitly, and short secrets", () => {
    const strong = "k".repeat(40);
    const prod = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: "production", ...env });
    expect(prod({ INTERNAL_SECRET: DEV_INTERNAL_SECRET })).toThrow(/INTERNAL_SECRET is the published development/);
    expect(prod({ INTERNAL_SECRET: strong, JWT_SECRET: DEV_JWT_SECRET })).toThrow(
      /JWT_SECRET is the published development/,
    );
    expect(prod({ INTERNAL_SECRET: DEV_JWT_SECRET })).toThrow(/INTERNAL_SECRET is the published development/);
    expect(prod({ INTERNAL_SECRET: strong, JWT_SECRET: "short-secret" })).toThrow(
      /JWT_SECRET must be at least 32 bytes/,
    );
    // 11 Chinese characters are 33 bytes: the rule counts bytes, what HMAC sees.
    expect(prod({ INTERNAL_SECRET: "同".repeat(10) })).toThrow(/at least 32 bytes/);
    expect(prod({ INTERNAL_SECRET: strong, JWT_SECRET: strong })).toThrow(/must differ/);
    const ok = loadConfig({ NODE_ENV: "production", INTERNAL_SECRET: strong, JWT_SECRET: "j".repeat(32) });
    expect(ok).toMatchObject({ production: true, internalSecret: strong, jwtSecret: "j".repeat(32) });
    // Outside production the explicit development secrets still work (npm start, tests).
    expect(loadConfig({ INTERNAL_SECRET: DEV_INTERNAL_SECRET }).internalSecret).toBe(DEV_INTERNAL_SECRET);
  });
});

describe("ids", () => {
  it("are plain decimal only", () => {
    for (const bad of ["0x10", "1e1", " 12", "12 ", "+3", "1.0", "-1", "0", "012", "", "9007199254740993"]) {
      expect(() => parseId(bad, "id")).toThrow(/id: 编号无效/);
    }
    expect(parseId("12", "id")).toBe(12);
    expect(parseId(7, "id")).toBe(7);
  });
});

// A minimal plugin: one table, one mutation with nested input, one query; `stall` holds a write open.
let stall: Promise<void> | null = null;
let started: (() => void) | null = null;

@Entity("hyg_note")
class HygNote {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ type: "varchar", length: 200 })
  title: string;
  @Column({ type: "varchar", length: 2000 })
  parts: string;
}

class HygNotes1764633600001 implements MigrationInterface {
  name = "HygNotes1764633600001";
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "hyg_note",
        columns: [
          idColumn(),
          { name: "title", type: "varchar", length: "200" },
          { name: "parts", type: "varchar", length: "2000" },
        ],
      }),
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("hyg_note");
  }
}

@InputType()
class HygPartInput {
  @Field()
  text: string;
  @Field(() => [String], { nullable: true })
  tags?: string[];
}

@InputType()
class HygNoteInput {
  @Field()
  title: string;
  @Field(() => [HygPartInput], { nullable: true })
  parts?: HygPartInput[];
}

@ObjectType()
class HygNoteView {
  @Field(() => ID)
  id: number;
  @Field()
  title: string;
}

@Resolver()
class HygResolver {
  @Query(() => Int)
  hygCount(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.repo(HygNote).count();
  }

  @Query(() => HygNoteView, { nullable: true })
  hygNote(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<HygNote | null> {
    return ctx.repo(HygNote).findOneBy({ id: parseId(id, "id") });
  }

  @Mutation(() => HygNoteView)
  hygCreateNote(@Ctx() ctx: RequestContext, @Arg("input") input: HygNoteInput): Promise<HygNote> {
    return ctx.transaction(HygNote, async (tx) => {
      const saved = await tx.repo(HygNote).save({ title: input.title, parts: JSON.stringify(input.parts ?? []) });
      started?.();
      if (stall) await stall;
      return saved;
    });
  }
}

const hyg = defineModule({
  name: "hyg",
  title: "测试",
  kind: "plugin",
  entities: [HygNote],
  migrations: [HygNotes1764633600001],
  resolvers: [HygResolver],
});

const CREATE = `mutation ($input: HygNoteInput!) { hygCreateNote(input: $input) { id title } }`;

type Answer = {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, { id: string; title: string } | number | null>;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
};

describe.each(databasesUnderTest())("every module's input and writes ($kind)", (db) => {
  let sub: RunningSubgraph;
  let url: string;
  const me = staff("zhaotong");

  const post = async (
    body: string | Buffer,
    headers: Record<string, string> = {},
    identity: Identity = me,
  ): Promise<Answer> => {
    const res = await fetch(sub.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [IDENTITY_HEADER]: signInternalIdentity(identity, TEST_INTERNAL_SECRET),
        ...headers,
      },
      body,
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Answer["body"] };
  };
  const gql = (query: string, variables?: object, headers?: Record<string, string>, identity?: Identity) =>
    post(JSON.stringify({ query, variables }), headers, identity);
  const count = async () => (await gql("{ hygCount }")).body.data!.hygCount as number;

  beforeAll(async () => {
    url = db.freshUrl();
    sub = await startSubgraph({
      name: "hyg",
      modules: [hyg],
      databaseUrl: url,
      internalSecret: TEST_INTERNAL_SECRET,
      membersUrl: "http://127.0.0.1:9/graphql",
      committeeSource: { load: async () => [] },
      port: 0,
      idempotency: { waitMs: 1_500 },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await sub?.stop();
    if (parseDatabaseUrl(url).kind === "mysql") await dropMysqlDatabases(url);
  });
  afterEach(() => {
    stall = null;
    started = null;
  });

  it("keeps the SDK's key table in a plugin database without failing the prefix check", async () => {
    const ds = sub.databases.get("hyg")!.dataSource;
    expect(await ds.query(`SELECT COUNT(*) AS n FROM ${IDEMPOTENCY_TABLE}`)).toBeDefined();
  });

  it("refuses control characters in a nested input, naming the field, and writes nothing", async () => {
    const before = await count();
    const cases: [object, string][] = [
      [{ title: "a\u0000b" }, "input.title"],
      [{ title: "ok", parts: [{ text: "fine" }, { text: "bell\u0007" }] }, "input.parts[1].text"],
      [{ title: "ok", parts: [{ text: "fine", tags: ["x", "c1\u0085"] }] }, "input.parts[0].tags[1]"],
      [{ title: "half \ud83d pair" }, "input.title"],
    ];
    for (const [input, field] of cases) {
      const r = await gql(CREATE, { input });
      expect(r.status).toBe(200);
      expect(r.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    // Literals are checked as well as variables, and on any field, not only mutations.
    const literal = await gql(
      `mutation { hygCreateNote(input: { title: "x", parts: [{ text: "a\\u001Fb" }] }) { id } }`,
    );
    expect(literal.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.parts[0].text" });
    const query = await gql(`query ($id: ID!) { hygNote(id: $id) { id } }`, { id: "1\u0000" });
    expect(query.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(await count()).toBe(before);
    // Tabs, line breaks and whole surrogate pairs are text.
    const ok = await gql(CREATE, { input: { title: "行一\n行二\t😀", parts: [{ text: "a\r\nb" }] } });
    expect(ok.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it("answers 400 with a JSON error to a body that is not UTF-8", async () => {
    const before = await count();
    const body = Buffer.concat([
      Buffer.from('{"query":"mutation { hygCreateNote(input: { title: \\"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\\" }) { id } }"}'),
    ]);
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_REQUEST" } });
    expect(r.body.errors?.[0].message).toMatch(/UTF-8/);
    expect(await count()).toBe(before);
  });

  it("answers a retry with the same key with the first response and writes once", async () => {
    const before = await count();
    const key = { "idempotency-key": `k-${Date.now()}-once` };
    const first = await gql(CREATE, { input: { title: "一次" } }, key);
    const again = await gql(CREATE, { input: { title: "一次" } }, key);
    expect(first.body.errors).toBeUndefined();
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(before + 1);
    // Another caller's key of the same name is another key.
    const other = await gql(CREATE, { input: { title: "一次" } }, key, staff("zhenxiong"));
    expect((other.body.data!.hygCreateNote as { id: string }).id).not.toBe(
      (first.body.data!.hygCreateNote as { id: string }).id,
    );
    expect(await count()).toBe(before + 2);
    // Without a key every call writes, as before.
    await gql(CREATE, { input: { title: "无键" } });
    await gql(CREATE, { input: { title: "无键" } });
    expect(await count()).toBe(before + 4);
  });

  it("refuses the same key with other variables, naming the key", async () => {
    const key = { "idempotency-key": `k-${Date.now()}-mismatch` };
    await gql(CREATE, { input: { title: "甲" } }, key);
    const before = await count();
    const r = await gql(CREATE, { input: { title: "乙" } }, key);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "Idempotency-Key" });
    expect(await count()).toBe(before);
    const bad = await gql(CREATE, { input: { title: "丙" } }, { "idempotency-key": "has space" });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "Idempotency-Key" });
  });

  it("a retry arriving while the first still runs waits for it, or answers CONFLICT in progress", async () => {
    const before = await count();
    const key = { "idempotency-key": `k-${Date.now()}-concurrent` };
    let release!: () => void;
    stall = new Promise<void>((r) => (release = r));
    const running = new Promise<void>((r) => (started = r));
    const first = gql(CREATE, { input: { title: "并发" } }, key);
    await running;
    // Longer than waitMs (1.5 s): the retry gives up, saying why.
    const tooEarly = await gql(CREATE, { input: { title: "并发" } }, key);
    expect(tooEarly.body.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", inProgress: true });
    const retry = gql(CREATE, { input: { title: "并发" } }, key);
    setTimeout(release, 200);
    const [a, b] = await Promise.all([first, retry]);
    expect(a.body.errors).toBeUndefined();
    expect(b.body).toEqual(a.body);
    expect(await count()).toBe(before + 1);
  });

  it("after a crash: a key left running past its lease is taken over, one committed without its answer never runs again, an expired one is forgotten", async () => {
    const ds = sub.databases.get("hyg")!.dataSource;
    const hashOf = (key: string) => createHash("sha256").update(`${me.role}\n${me.subject}\n${key}`).digest("hex");
    const longAgo = Date.now() - 10 * 60_000;
    const input = { input: { title: "崩溃之后" } };

    // The process died after the commit, before it kept the answer: the retry must not write again.
    const applied = `k-${Date.now()}-applied`;
    await gql(CREATE, input, { "idempotency-key": applied });
    await ds.query(
      `UPDATE ${IDEMPOTENCY_TABLE} SET state = 'committed', response = NULL, started_at = ? WHERE key_hash = ?`,
      [longAgo, hashOf(applied)],
    );
    let before = await count();
    const lost = await gql(CREATE, input, { "idempotency-key": applied });
    expect(lost.body.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", applied: true });
    expect(await count()).toBe(before);

    // The process died before committing (the key says running, long ago): the retry runs.
    const died = `k-${Date.now()}-died`;
    await gql(CREATE, input, { "idempotency-key": died });
    await ds.query(
      `UPDATE ${IDEMPOTENCY_TABLE} SET state = 'running', response = NULL, started_at = ? WHERE key_hash = ?`,
      [longAgo, hashOf(died)],
    );
    before = await count();
    const takenOver = await gql(CREATE, input, { "idempotency-key": died });
    expect(takenOver.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
    const replayed = await gql(CREATE, input, { "idempotency-key": died });
    expect(replayed.body).toEqual(takenOver.body);

    // After its 24 hours a key is forgotten: the same key is a new request.
    await ds.query(`UPDATE ${IDEMPOTENCY_TABLE} SET expires_at = ? WHERE key_hash = ?`, [Date.now() - 1, hashOf(died)]);
    const fresh = await gql(CREATE, input, { "idempotency-key": died });
    expect(fresh.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 2);
  });

  it("past the gateway's deadline a write rolls back with TIMEOUT, and its key lets the retry run", async () => {
    const before = await count();
    const key = `k-${Date.now()}-deadline`;
    stall = new Promise<void>((r) => setTimeout(r, 400));
    const late = await gql(
      CREATE,
      { input: { title: "超时" } },
      { "idempotency-key": key, [DEADLINE_HEADER]: String(Date.now() + 150) },
    );
    expect(late.body.errors?.[0].extensions).toMatchObject({ code: "TIMEOUT", outcomeUnknown: false });
    expect(await count()).toBe(before);
    stall = null;
    const retry = await gql(
      CREATE,
      { input: { title: "超时" } },
      { "idempotency-key": key, [DEADLINE_HEADER]: String(Date.now() + 10_000) },
    );
    expect(retry.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
    // A deadline already passed refuses before anything runs.
    const past = await gql(CREATE, { input: { title: "已过" } }, { [DEADLINE_HEADER]: String(Date.now() - 1) });
    expect(past.body.errors?.[0].extensions?.code).toBe("TIMEOUT");
    expect(await count()).toBe(before + 1);
  });
});
