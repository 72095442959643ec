import { ExcelJS, writeWorkbook, type SheetValue } from "@tongxin/sdk";
import { databasesUnderTest, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";
import { Member } from "../member/member.entity";
import { Membership } from "../membership/membership.entity";
import { ROSTER_SHEET } from "./roster.sheet";

type Problem = { sheet: string; row: number; column: string; cell: string; message: string };
type Result = {
  dryRun: boolean;
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: Problem[];
  warnings: Problem[];
};
type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

/** Valid 18-digit numbers (check digit computed as GB 11643 does). */
function idCard(prefix17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((a, x, i) => a + x * Number(prefix17[i]), 0);
  return prefix17 + "10X98765432"[sum % 11];
}

const row = (over: Record<string, SheetValue>): Record<string, SheetValue> => ({
  name: "赵一",
  gender: "MALE",
  ethnicity: "汉族",
  sector: "教育",
  term: 5,
  position: "MEMBER",
  startedOn: "2022-01-10",
  ...over,
});

const file = async (rows: Record<string, SheetValue>[]) =>
  (await writeWorkbook([{ sheet: ROSTER_SHEET, rows, choices: { sectors: [], parties: [] } }])).toString("base64");

const IMPORT = `mutation($c: String!, $f: String!, $d: Boolean) {
  importMembersRoster(committee: $c, file: $f, dryRun: $d) {
    dryRun written rows created updated unchanged errors { sheet row column cell message } warnings { cell message }
  }
}`;

describe.each(databasesUnderTest())("members roster import ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [membersModule], databaseUrl: db.freshUrl(), seed: true });
  });
  afterAll(() => sg?.stop());

  const counts = async () => {
    const em = sg.databases.get("members")!.dataSource.manager;
    return { members: await em.count(Member), seats: await em.count(Membership) };
  };
  const importAs = async (committee: string, f: string, dryRun = false, as = committee) => {
    const r = await sg.query<{ importMembersRoster: Result }>(staff(as), IMPORT, { c: committee, f, d: dryRun });
    return r;
  };
  const active = async (code: string) => {
    const r = await sg.query<{ committee: { memberStats: { activeMembers: number } } }>(
      staff(code),
      `query($c: String!) { committee(code: $c) { memberStats { activeMembers } } }`,
      { c: code },
    );
    return r.data!.committee.memberStats.activeMembers;
  };

  it("serves a template with Chinese headers, drop-downs and a notes sheet", async () => {
    const r = await sg.query<{ membersRosterTemplate: { base64: string; filename: string } }>(
      staff("zhenxiong"),
      `{ membersRosterTemplate { filename base64 } }`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data!.membersRosterTemplate.base64, "base64") as never);
    const ws = wb.getWorksheet("委员名册")!;
    expect(ws.getRow(1).getCell(2).value).toBe("姓名");
    const sectorCol = ROSTER_SHEET.columns.findIndex((c) => c.key === "sector") + 1;
    const dv = ws.getRow(2).getCell(sectorCol).dataValidation;
    expect(dv?.type).toBe("list");
    const [listSheet, range] = String(dv!.formulae![0]).split("!");
    const first = wb.getWorksheet(listSheet)!.getCell(range.split(":")[0].replace(/\$/g, "")).value;
    expect(first).toBe("中共");
    expect(wb.getWorksheet("说明")!.rowCount).toBeGreaterThan(ROSTER_SHEET.columns.length);
  });

  it("imports new people with their seats, then a second import of the same file writes nothing", async () => {
    const before = await counts();
    const activeBefore = await active("weixin");
    const f = await file([
      row({ name: "钱二", idCard: idCard("53062719800101001"), gender: "FEMALE" }),
      row({ name: "孙三", birthDate: "1975-06-01", sector: "医药卫生", position: "STANDING_MEMBER" }),
      row({ name: "李四", birthDate: "1969-03-03", endedOn: "2023-05-01", endReason: "TRANSFERRED" }),
    ]);
    const dry = await importAs("weixin", f, true);
    expect(dry.data!.importMembersRoster).toMatchObject({ dryRun: true, written: false, created: 3, errors: [] });
    expect(await counts()).toEqual(before);

    const first = await importAs("weixin", f);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importMembersRoster).toMatchObject({
      written: true,
      rows: 3,
      created: 3,
      updated: 0,
      errors: [],
    });
    expect(await counts()).toEqual({ members: before.members + 3, seats: before.seats + 3 });
    expect(await active("weixin")).toBe(activeBefore + 2);

    const again = await importAs("weixin", f);
    expect(again.data!.importMembersRoster).toMatchObject({ written: false, created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual({ members: before.members + 3, seats: before.seats + 3 });
  });

  it("answers every bad row by sheet, row and column and writes nothing", async () => {
    const before = await counts();
    const f = await file([
      row({ name: "周五", birthDate: "1970-01-01" }), // row 2: fine
      row({ name: "吴六", birthDate: "1971-01-01", sector: "天文" }), // 3: unknown sector
      row({
        name: "郑七",
        birthDate: "1972-01-01",
        startedOn: "2023-01-01",
        endedOn: "2022-12-31",
        endReason: "RESIGNED",
      }), // 4: dates out of order
      row({ name: "周五", birthDate: "1970-01-01" }), // 5: duplicate person (same term as row 2)
      row({ name: "王八", birthDate: "1973-01-01", gender: "男性" }), // 6: wrong enum
      row({ name: "冯九", birthDate: "1974-01-01", startedOn: null }), // 7: missing required cell
      row({ name: "陈十", memberId: 999999 }), // 8: unknown member
      row({ name: "褚十一", idCard: "530627198001010011" }), // 9: bad check digit
    ]);
    const r = await importAs("weixin", f);
    const res = r.data!.importMembersRoster;
    expect(res.written).toBe(false);
    const at = (cell: string) => res.errors.filter((e) => e.cell === cell);
    const col = (key: string) => String.fromCharCode(65 + ROSTER_SHEET.columns.findIndex((c) => c.key === key));
    expect(at(`委员名册!${col("sector")}3`)[0].message).toContain("天文");
    expect(at(`委员名册!${col("endedOn")}4`)[0].message).toMatch(/早于.*before/);
    expect(at(`委员名册!${col("name")}5`)[0].message).toMatch(/第 2 行.*row 2/);
    expect(at(`委员名册!${col("gender")}6`)[0]).toMatchObject({ sheet: "委员名册", row: 6, column: "性别" });
    expect(at(`委员名册!${col("startedOn")}7`)[0].message).toMatch(/不能为空.*required/);
    expect(at(`委员名册!${col("memberId")}8`)).toHaveLength(1);
    expect(at(`委员名册!${col("idCard")}9`)[0].message).toContain("校验位");
    expect(res.errors.filter((e) => e.row === 2)).toEqual([]);
    for (const e of res.errors) expect(e.message).toMatch(/[\u4e00-\u9fff].* \/ \S/);
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown committee and other committees' offices", async () => {
    const f = await file([row({ name: "卫十二", birthDate: "1970-02-02" })]);
    expect(codeOf((await importAs("nowhere", f, false, "weixin")).errors)).toBe("BAD_USER_INPUT");
    expect(codeOf((await importAs("weixin", f, false, "zhaotong")).errors)).toBe("FORBIDDEN");
    expect(codeOf((await importAs("weixin", f, false, "yiliang")).errors)).toBe("FORBIDDEN");
    const notXlsx = await sg.query(staff("weixin"), IMPORT, {
      c: "weixin",
      f: Buffer.from("hello").toString("base64"),
    });
    expect(notXlsx.data!.importMembersRoster).toMatchObject({ written: false, errors: [{ row: 0 }] });
  });

  it("round-trips: an export imports back unchanged, and an edited cell updates that row only", async () => {
    const exported = await sg.query<{ exportMembersRoster: { base64: string } }>(
      staff("suijiang"),
      `{ exportMembersRoster(committee: "suijiang") { base64 } }`,
    );
    const base64 = exported.data!.exportMembersRoster.base64;
    const before = await counts();
    const back = await importAs("suijiang", base64);
    const res = back.data!.importMembersRoster;
    expect(res.errors).toEqual([]);
    expect(res.rows).toBeGreaterThan(100);
    expect(res).toMatchObject({ created: 0, updated: 0, unchanged: res.rows, written: false });
    expect(await counts()).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, "base64") as never);
    const ws = wb.getWorksheet("委员名册")!;
    const jobCol = ROSTER_SHEET.columns.findIndex((c) => c.key === "jobTitle") + 1;
    // The last row: a person suijiang registered (the first rows are city members who also sit here).
    ws.getRow(ws.rowCount).getCell(jobCol).value = "县政协委员 (已核对)";
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const changed = (await importAs("suijiang", edited)).data!.importMembersRoster;
    expect(changed).toMatchObject({ errors: [], created: 0, updated: 1, unchanged: res.rows - 1, written: true });
    expect(await counts()).toEqual(before);
  });

  it("gives a county seat to a person the city registered, without copying them", async () => {
    const card = idCard("53060219700505002");
    const created = await sg.query<{ createMember: { id: string; hasIdCard: boolean; birthDate: string } }>(
      staff("zhaotong"),
      `mutation($i: CreateMemberInput!) { createMember(input: $i) { id hasIdCard birthDate } }`,
      { i: { name: "蒋十三", gender: "MALE", sector: "经济", idCard: card, startedOn: "2022-01-10" } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createMember).toMatchObject({ hasIdCard: true, birthDate: "1970-05-05" });
    const id = created.data!.createMember.id;
    // The number itself is not part of the schema.
    const leak = await sg.query(staff("zhaotong"), `query($id: ID!) { member(id: $id) { idCard } }`, { id });
    expect(codeOf(leak.errors)).toBe("GRAPHQL_VALIDATION_FAILED");

    const q = `query($id: ID!) { member(id: $id) { id profileKeptBy { code } memberships { committee { code } } } }`;
    expect(codeOf((await sg.query(staff("zhenxiong"), q, { id })).errors)).toBe("NOT_FOUND");
    const duplicate = await sg.query(
      staff("zhenxiong"),
      `mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`,
      {
        i: { name: "蒋十三", gender: "MALE", sector: "经济", idCard: card },
      },
    );
    expect(codeOf(duplicate.errors)).toBe("BAD_USER_INPUT");
    expect(duplicate.errors![0].extensions!.field).toBe("input.idCard");

    const before = await counts();
    const cityBefore = await active("zhaotong");
    const countyBefore = await active("zhenxiong");
    const add = `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`;
    // The city office cannot seat anyone on the county committee; the county office can, by ID card.
    expect(
      codeOf((await sg.query(staff("zhaotong"), add, { i: { committee: "zhenxiong", memberId: id } })).errors),
    ).toBe("FORBIDDEN");
    const wrongCard = await sg.query(staff("zhenxiong"), add, { i: { idCard: idCard("53060219700505003") } });
    expect(codeOf(wrongCard.errors)).toBe("NOT_FOUND");
    const seated = await sg.query<{ addMembership: { id: string } }>(staff("zhenxiong"), add, {
      i: { idCard: card.toLowerCase(), startedOn: "2022-01-12" },
    });
    expect(seated.errors).toBeUndefined();
    expect(seated.data!.addMembership.id).toBe(id);
    expect(await counts()).toEqual({ members: before.members, seats: before.seats + 1 });

    const seen = await sg.query<{
      member: { profileKeptBy: { code: string }; memberships: { committee: { code: string } }[] };
    }>(staff("zhenxiong"), q, { id });
    expect(seen.data!.member.profileKeptBy.code).toBe("zhaotong");
    expect(seen.data!.member.memberships.map((m) => m.committee.code).sort()).toEqual(["zhaotong", "zhenxiong"]);
    // Once per committee: each counts its own seat; the city's own figure does not move.
    expect(await active("zhenxiong")).toBe(countyBefore + 1);
    expect(await active("zhaotong")).toBe(cityBefore);

    const update = (who: string) =>
      sg.query<{ updateMember: { id: string } }>(
        staff(who),
        `mutation($id: ID!) { updateMember(id: $id, version: 1, input: { workplace: "镇雄县某单位" }) { id } }`,
        { id },
      );
    const county = await update("zhenxiong");
    expect(codeOf(county.errors)).toBe("FORBIDDEN");
    expect(county.errors![0].extensions!.keptBy).toBe("zhaotong");
    expect((await update("zhaotong")).errors).toBeUndefined();
    // The duty letter comes with the seat: the county office records it.
    const letter = await sg.query(
      staff("zhenxiong"),
      `mutation($id: ID!) { recordCommitment(input: { memberId: $id, signedOn: "2023-02-01" }) { id } }`,
      { id },
    );
    expect(letter.errors).toBeUndefined();
  });

  it("finds a person of another committee by ID card in an import, seats them, and leaves the city's profile alone", async () => {
    const card = idCard("53062119650808004");
    const city = await sg.query<{ createMember: { id: string } }>(
      staff("zhaotong"),
      `mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`,
      { i: { name: "沈十四", gender: "FEMALE", sector: "文化艺术", idCard: card, workplace: "昭通市文联" } },
    );
    const id = Number(city.data!.createMember.id);
    const before = await counts();
    const f = await file([
      row({ name: "沈十四", gender: "FEMALE", idCard: card, sector: "文化艺术", workplace: "鲁甸县文化馆" }),
    ]);
    const r = (await importAs("ludian", f)).data!.importMembersRoster;
    expect(r).toMatchObject({ errors: [], created: 1, written: true });
    expect(r.warnings.map((w) => w.message).join()).toContain("zhaotong");
    expect(await counts()).toEqual({ members: before.members, seats: before.seats + 1 });
    const em = sg.databases.get("members")!.dataSource.manager;
    const m = await em.findOneByOrFail(Member, { id });
    expect(m.workplace).toBe("昭通市文联");
    expect(m.idCardHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.idCardHash).not.toContain(card);
    expect((await em.findBy(Membership, { memberId: id })).map((s) => s.committeeCode).sort()).toEqual([
      "ludian",
      "zhaotong",
    ]);
    // And the same file again: nothing.
    const again = (await importAs("ludian", f)).data!.importMembersRoster;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, written: false });
  });
});
