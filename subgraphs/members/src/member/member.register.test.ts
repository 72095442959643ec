import { SYSTEM } from "@tongxin/sdk";
import { databasesUnderTest, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

const DIRECTORY = `query($c: [String!], $d: String) { memberDirectory(committees: $c, asOf: $d) { id sector committees } }`;
const REGISTER = `query($c: [String!]!, $d: String!) {
  memberDirectoryRegister(committees: $c, asOf: $d) { committees { code memberIds } memberIds sectors }
}`;

interface Register {
  committees: { code: string; memberIds: number[] }[];
  memberIds: number[];
  sectors: (string | null)[];
}

describe.each(databasesUnderTest())("compact member register for other subgraphs ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [membersModule], databaseUrl: db.freshUrl(), seed: true });
  });
  afterAll(() => sg?.stop());

  it("lists, per committee, exactly the members the full directory says are active there", async () => {
    const codes = ["zhaotong", "zhenxiong", "weixin"];
    for (const day of ["2023-12-31", "2024-06-30"]) {
      const full = (
        await sg.query<{ memberDirectory: { id: string; sector: string | null; committees: string[] }[] }>(
          SYSTEM,
          DIRECTORY,
          { c: codes, d: day },
        )
      ).data!.memberDirectory;
      const compact = (await sg.query<{ memberDirectoryRegister: Register }>(SYSTEM, REGISTER, { c: codes, d: day }))
        .data!.memberDirectoryRegister;
      expect(full.length).toBeGreaterThan(100);
      for (const code of codes) {
        const want = full
          .filter((m) => m.committees.includes(code))
          .map((m) => Number(m.id))
          .sort((a, b) => a - b);
        const got = compact.committees.find((c) => c.code === code)!.memberIds.sort((a, b) => a - b);
        expect(got).toEqual(want);
      }
      const sectorOf = new Map(compact.memberIds.map((id, i) => [id, compact.sectors[i]]));
      expect(sectorOf.size).toBe(full.length);
      for (const m of full) expect(sectorOf.get(Number(m.id))).toBe(m.sector);
    }
  });

  it("takes any number of committees in one statement (no IN list of bound variables)", async () => {
    const many = ["zhaotong", ...Array.from({ length: 40_000 }, (_, i) => `none-${i}`)];
    const before = sg.statementCount();
    const r = await sg.query<{ memberDirectoryRegister: Register }>(SYSTEM, REGISTER, { c: many, d: "2023-12-31" });
    expect(r.errors).toBeUndefined();
    expect(sg.statementCount() - before).toBe(1);
    expect(
      r.data!.memberDirectoryRegister.committees.find((c) => c.code === "zhaotong")!.memberIds.length,
    ).toBeGreaterThan(50);
  });

  it("is refused to users, even the city office", async () => {
    const r = await sg.query(staff("zhaotong"), REGISTER, { c: ["zhaotong"], d: "2023-12-31" });
    expect(codeOf(r.errors)).toBe("FORBIDDEN");
  });
});
