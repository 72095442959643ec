import fs from "node:fs";
import path from "node:path";

/**
 * `npm run plugin:new -- --name NAME --committee CODE`: writes a complete, working county
 * plugin (entity, migration, service, resolver, statistics, test, README) that composes
 * and passes its own test before anyone edits it. County IT staff then rename the
 * "record" into their own domain word and grow it from there.
 */
export interface ScaffoldOptions {
  name: string;
  committee: string;
  title?: string;
  /** Folder that will hold the plugin folder (default: the repository's plugins/). */
  dir: string;
  /** The repository root, to point tsconfig and imports at the SDK. */
  repoRoot: string;
}

export class ScaffoldError extends Error {}

const NAME = /^[a-z][a-z0-9]{1,30}$/;
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function scaffoldPlugin(opts: ScaffoldOptions): string[] {
  const { name, committee } = opts;
  if (!NAME.test(name))
    throw new ScaffoldError(`--name must be 2–31 lowercase letters or digits, starting with a letter (got "${name}")`);
  if (!/^[a-z][a-z0-9_]*$/.test(committee))
    throw new ScaffoldError(`--committee must be a committee code such as zhenxiong (got "${committee}")`);
  const root = path.join(opts.dir, name);
  if (fs.existsSync(root)) throw new ScaffoldError(`${root} already exists`);
  const P = pascal(name);
  const title = opts.title ?? name;
  const rel = (to: string) => path.relative(root, path.join(opts.repoRoot, to)).split(path.sep).join("/");
  const stamp = Date.now();

  const files: Record<string, string> = {
    "package.json": `${JSON.stringify(
      {
        name: `@tongxin/plugin-${name}`,
        version: "0.1.0",
        private: true,
        description: `${title}: a Tongxin county plugin`,
        main: "dist/index.js",
        types: "dist/index.d.ts",
        dependencies: { "@tongxin/sdk": "*", "type-graphql": "^2.0.0-rc.4", typeorm: "^1.1.1" },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `${JSON.stringify(
      {
        extends: rel("tsconfig.base.json"),
        compilerOptions: { rootDir: "src", outDir: "dist" },
        include: ["src"],
        references: [{ path: rel("subgraphs/sdk") }],
      },
      null,
      2,
    )}\n`,
    "README.md": `# ${title} (\`${name}\`)

A Tongxin county plugin, created with \`npm run plugin:new -- --name ${name} --committee ${committee}\`.

- Table \`${name}_record\`: a dated record of the committee's work (rename it to your domain word).
- \`${name}Records(committee, year, first, after)\`, \`${name}CreateRecord(input)\` (STAFF of a committee where the plugin is enabled).
- \`Committee.${name}Stats(year, includeDescendants)\`: records and participants in the year; null where the plugin is not enabled; the city's figure with \`includeDescendants: true\` adds up its counties.

Build and test it: \`npx tsc -b plugins/${name} && npx jest plugins/${name}\`.
Enable it on a running platform: \`npm run plugin:enable -- --plugin ${name} --committee ${committee}\`.
Names of tables, types and fields must start with \`${name}\` / \`${P}\`: the platform refuses the plugin otherwise.
`,
    "src/name.ts": `import { definePermission } from "@tongxin/sdk";

/** The plugin's name: prefixes its tables, types and fields, and keys its enablement. */
export const NAME = "${name}";

/** Writing records is the committee office's work. */
export const RECORD = definePermission("${name}.record", "登记${title}", ["STAFF"]);
`,
    "src/index.ts": `import { CommitteeRef, defineModule, scopedRecord } from "@tongxin/sdk";
import { ${P}Initial${stamp} } from "./migrations/${stamp}-${name}-initial";
import { NAME, RECORD } from "./name";
import { ${P}Record } from "./record/record.entity";
import { ${P}RecordResolver } from "./record/record.resolver";
import { recordScope } from "./record/record.scope";
import { ${P.toUpperCase()}_FIGURES, ${P}CommitteeResolver, ${P}Stats } from "./stats/stats";

/** ${title} */
export default defineModule({
  name: NAME,
  title: ${JSON.stringify(title)},
  kind: "plugin",
  committees: [${JSON.stringify(committee)}],
  entities: [${P}Record],
  migrations: [${P}Initial${stamp}],
  resolvers: [${P}RecordResolver, ${P}CommitteeResolver],
  types: [${P}Stats],
  stubs: [CommitteeRef],
  permissions: [RECORD],
  // What the cross-tenant contract test (test/src/scope.e2e.test.ts) runs its matrix over.
  scoped: [scopedRecord(recordScope, { list: { query: "{ ${name}Records(first: 100) { edges { node { id } } } }", ids: "${name}Records.edges.node.id" } })],
  stats: [{ field: "${name}Stats", title: ${JSON.stringify(title)}, titleEn: "${P}", period: "year", figures: ${P.toUpperCase()}_FIGURES }],
});
`,
    [`src/migrations/${stamp}-${name}-initial.ts`]: `import { idColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/** The plugin's own table; every table name starts with "${name}_". */
export class ${P}Initial${stamp} implements MigrationInterface {
  name = "${P}Initial${stamp}";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "${name}_record",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "happened_on", type: "date" },
          { name: "title", type: "varchar", length: "200" },
          { name: "participants", type: "int", default: 0 },
          { name: "note", type: "varchar", length: "2000", default: "''" },
          timestampColumn("created_at"),
        ],
        indices: [{ columnNames: ["committee_code", "happened_on"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("${name}_record");
  }
}
`,
    "src/record/record.entity.ts": `import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ description: ${JSON.stringify(`${title}记录`)} })
@Entity("${name}_record")
export class ${P}Record {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field({ description: "日期 YYYY-MM-DD" })
  @Column({ name: "happened_on", type: "date" })
  happenedOn: string;

  @Field()
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field(() => Int)
  @Column({ type: "int", default: 0 })
  participants: number;

  @Field()
  @Column({ type: "varchar", length: 2000, default: "" })
  note: string;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
`,
    "src/record/record.inputs.ts": `import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, InputType, Int } from "type-graphql";

@ArgsType()
export class ${P}RecordsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  committee?: string;

  @Field(() => Int, { nullable: true })
  year?: number;
}

@InputType()
export class ${P}RecordInput {
  @Field(() => String, { nullable: true, description: "默认为操作人所在政协" })
  committee?: string;

  @Field()
  happenedOn: string;

  @Field()
  title: string;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  participants?: number;

  @Field(() => String, { nullable: true })
  note?: string;
}
`,
    "src/record/record.scope.ts": `import { defineScope } from "@tongxin/sdk";
import { RECORD } from "../name";
import { ${P}Record } from "./record.entity";

/**
 * Who reads and writes these records (the SDK applies it to lists, look-ups and writes):
 * STAFF read their committee and those below it and write their own; members and units
 * have no access (FORBIDDEN). Declare member: { own: ... } to let members read their own.
 */
export const recordScope = defineScope<${P}Record>({
  entity: ${P}Record,
  name: "${name} record",
  nameZh: ${JSON.stringify(`${title}记录`)},
  committee: { column: "committee_code" },
  committeeOf: (r) => r.committeeCode,
  writePermission: RECORD,
});
`,
    "src/record/record.service.ts": `import {
  badInput,
  moduleEnablement,
  paginateById,
  requireDate,
  text,
  today,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import { NAME, RECORD } from "../name";
import { ${P}Record } from "./record.entity";
import type { ${P}RecordInput, ${P}RecordsArgs } from "./record.inputs";
import { recordScope } from "./record.scope";

/** The records the caller may read (record.scope.ts says whose they are). */
export async function listRecords(ctx: RequestContext, args: ${P}RecordsArgs): Promise<Connection<${P}Record>> {
  const qb = await recordScope.restrict(ctx, ctx.repo(${P}Record).createQueryBuilder("r"), "r");
  if (args.committee) await recordScope.inCommittee(ctx, qb, "r", args.committee);
  if (args.year !== undefined && args.year !== null) qb.andWhere("r.happened_on >= :from AND r.happened_on <= :to", yearRange(args.year));
  return paginateById(qb, args);
}

/** Written by the committee's own office, only where the plugin is enabled. */
export async function createRecord(ctx: RequestContext, input: ${P}RecordInput): Promise<${P}Record> {
  ctx.require(RECORD);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await recordScope.assertCanCreate(ctx, code, "input.committee");
  moduleEnablement(ctx, NAME).assertEnabled(code, "input.committee");
  const happenedOn = requireDate(input.happenedOn, "input.happenedOn");
  if (happenedOn > today()) throw badInput("input.happenedOn", "日期不能晚于今天", "cannot be in the future");
  const participants = input.participants ?? 0;
  if (!Number.isInteger(participants) || participants < 0) {
    throw badInput("input.participants", "人数应为非负整数", "must be a whole number, 0 or more");
  }
  const repo = ctx.repo(${P}Record);
  return repo.save(
    repo.create({
      committeeCode: code,
      happenedOn,
      title: text(input.title, "input.title", { max: 200, required: true }),
      participants,
      note: text(input.note, "input.note", { max: 2000 }),
    }),
  );
}
`,
    "src/record/record.resolver.ts": `import { ConnectionType, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { ${P}Record } from "./record.entity";
import { ${P}RecordInput, ${P}RecordsArgs } from "./record.inputs";
import { createRecord, listRecords } from "./record.service";

export const ${P}RecordConnection = ConnectionType("${P}Record", ${P}Record);

@Resolver(() => ${P}Record)
export class ${P}RecordResolver {
  @Query(() => ${P}RecordConnection, { description: ${JSON.stringify(`${title}记录`)} })
  ${name}Records(@Ctx() ctx: RequestContext, @Args() args: ${P}RecordsArgs) {
    return listRecords(ctx, args);
  }

  @Mutation(() => ${P}Record)
  ${name}CreateRecord(@Ctx() ctx: RequestContext, @Arg("input") input: ${P}RecordInput): Promise<${P}Record> {
    return createRecord(ctx, input);
  }
}
`,
    "src/stats/stats.ts": `import {
  additiveFigures,
  CommitteeRef,
  moduleEnablement,
  yearRange,
  type FigureDefinition,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { NAME } from "../name";
import { ${P}Record } from "../record/record.entity";

@ObjectType({ description: ${JSON.stringify(`${title}统计`)} })
export class ${P}Stats {
  @Field(() => Int, { description: "年内记录数" })
  records: number;

  @Field(() => Int, { description: "年内参加人次" })
  participants: number;

  @Field(() => Int, { description: "计入统计的(已启用本模块的)政协数" })
  committees: number;
}

export const ${P.toUpperCase()}_FIGURES: FigureDefinition[] = [
  { key: "records", title: "记录数", titleEn: "Records", kind: "count", definition: "年内记录数 / records dated in the year" },
  { key: "participants", title: "参加人次", titleEn: "Participants", kind: "count", definition: "年内参加人次 / participants in the year's records" },
];

const ZERO: ${P}Stats = { records: 0, participants: 0, committees: 0 };

/** One grouped query answers every committee of a request; descendants add up. */
const figuresOf = additiveFigures<${P}Stats, number>(
  async (ctx, codes, year) => {
    const rows = await ctx
      .repo(${P}Record)
      .createQueryBuilder("r")
      .select("r.committee_code", "code")
      .addSelect("COUNT(*)", "records")
      .addSelect("SUM(r.participants)", "participants")
      .where("r.committee_code IN (:...codes) AND r.happened_on >= :from AND r.happened_on <= :to", { codes, ...yearRange(year) })
      .groupBy("r.committee_code")
      .getRawMany<{ code: string; records: string; participants: string }>();
    const out = new Map(codes.map((c) => [c, { ...ZERO, committees: 1 }]));
    for (const r of rows) Object.assign(out.get(r.code)!, { records: Number(r.records), participants: Number(r.participants ?? 0) });
    return out;
  },
  (parts) => parts.reduce((s, p) => ({ records: s.records + p.records, participants: s.participants + p.participants, committees: s.committees + p.committees }), ZERO),
);

@Resolver(() => CommitteeRef)
export class ${P}CommitteeResolver {
  @FieldResolver(() => ${P}Stats, { nullable: true, description: "未启用本模块的政协为 null" })
  async ${name}Stats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, { defaultValue: false }) includeDescendants: boolean,
  ): Promise<${P}Stats | null> {
    await ctx.assertCanReadCommittee(c.code);
    yearRange(year);
    const codes = await moduleEnablement(ctx, NAME).within(c.code, includeDescendants);
    return codes.length ? figuresOf(ctx, codes, year) : null;
  }
}
`,
    [`src/${name}.test.ts`]: `import { staticCommitteeSource, staticMembersSource } from "@tongxin/sdk";
import { databasesUnderTest, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import plugin from "./index";

const tree = staticCommitteeSource([
  { code: "city", name: "市政协", level: "CITY", parentCode: null },
  { code: ${JSON.stringify(committee)}, name: "本县政协", level: "COUNTY", parentCode: "city" },
  { code: "other", name: "邻县政协", level: "COUNTY", parentCode: "city" },
]);

describe.each(databasesUnderTest())("${name} plugin ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [plugin], databaseUrl: db.freshUrl(), committeeSource: tree, membersSource: staticMembersSource([]) });
  });
  afterAll(() => sg?.stop());

  const create = (who: ReturnType<typeof staff>, input: Record<string, unknown>) =>
    sg.query(who, \`mutation($i: ${P}RecordInput!) { ${name}CreateRecord(input: $i) { id committeeCode participants } }\`, { i: input });
  const stats = async (code: string, includeDescendants: boolean) =>
    (
      await sg.query<{ _entities: { ${name}Stats: { records: number; participants: number } | null }[] }>(
        staff("city"),
        \`query($r: [_Any!]!, $d: Boolean) { _entities(representations: $r) { ... on Committee { ${name}Stats(year: 2024, includeDescendants: $d) { records participants } } } }\`,
        { r: [{ __typename: "Committee", code }], d: includeDescendants },
      )
    ).data!._entities[0].${name}Stats;

  it("records for its committee and counts them; null where it is not enabled", async () => {
    expect((await create(staff(${JSON.stringify(committee)}), { happenedOn: "2024-03-01", title: "第一次", participants: 30 })).errors).toBeUndefined();
    await create(staff(${JSON.stringify(committee)}), { happenedOn: "2024-06-01", title: "第二次", participants: 12 });
    expect(await stats(${JSON.stringify(committee)}, false)).toEqual({ records: 2, participants: 42 });
    expect(await stats("other", false)).toBeNull();
    expect(await stats("city", false)).toBeNull();
    expect(await stats("city", true)).toEqual({ records: 2, participants: 42 });
  });

  it("refuses other committees and bad input, naming the field", async () => {
    const elsewhere = await create(staff("other"), { happenedOn: "2024-03-01", title: "x" });
    expect(elsewhere.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const bad = await create(staff(${JSON.stringify(committee)}), { happenedOn: "2024-02-30", title: "x" });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.happenedOn" });
  });
});
`,
  };

  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return Object.keys(files).map((f) => path.join(root, f));
}
