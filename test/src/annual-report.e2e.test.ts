import type { Stack } from "@tongxin/infra";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { codeOf, seededStack } from "./helpers";

type Figure = { key: string; value: number | null; kind: string; definition: string; source: string | null };
type Section = { module: string; figures: Figure[] } | null;
const SECTIONS = [
  "members",
  "proposals",
  "opinionReports",
  "studios",
  "training",
  "meetings",
  "activities",
  "courtyard",
] as const;
const REPORT = `query($c: String!, $y: Int!) { annualReport(committee: $c, year: $y) { committee year committeeName
  ${SECTIONS.map((s) => `${s} { module figures { key value kind definition source } }`).join("\n  ")}
  notRecorded { key value } } }`;

/** The 2023 figures of the city committee's work report (DOMAIN.md), which the demo data is calibrated on. */
const SOURCE_REPORT_2023: Record<string, number> = {
  commitmentsSigned: 394,
  revoked: 1,
  proposalsReceived: 225,
  proposalsFiled: 221,
  replyRate: 1,
  keyProposalsExcellent: 10,
  solvedOrBasicallySolved: 205,
  collectiveProposals: 36,
  opinionReportsCollected: 281,
  opinionReportsCompiled: 239,
  opinionReportsInstructed: 179,
  newStudios: 11,
  newStudioMembers: 135,
  studioMembers: 226,
  externalTrainees: 271,
  invitedExpertTrainees: 130,
  courtyardSessionsPufa: 162,
  courtyardSessionsOtherThemes: 57,
  researchTopics: 18,
  fieldTrips: 19,
  grassrootsExperts: 1665,
  grassrootsVisits: 9805,
  grassrootsPeopleServed: 29500,
  grassrootsMattersDone: 2256,
};

describe.each(databasesUnderTest())("annual report ($kind)", (db) => {
  let stack: Stack;
  let city: string;
  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    city = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  const report = async (token: string, committee: string, year = 2023) =>
    stack.query<{ annualReport: Record<string, unknown> & Record<(typeof SECTIONS)[number], Section> }>(token, REPORT, {
      c: committee,
      y: year,
    });

  it("prints the figures of the source report for the city in 2023, each with its definition", async () => {
    const r = await report(city, "zhaotong");
    expect(r.errors).toBeUndefined();
    const figures = new Map(SECTIONS.flatMap((s) => r.data!.annualReport[s]?.figures ?? []).map((f) => [f.key, f]));
    for (const [key, value] of Object.entries(SOURCE_REPORT_2023))
      expect([key, figures.get(key)?.value]).toEqual([key, value]);
    for (const f of figures.values()) expect(f.definition.length).toBeGreaterThan(5);
    expect(r.data!.annualReport.committeeName).toBe("昭通市政协");
  });

  it("gives every figure the value of the statistics field it names", async () => {
    for (const committee of ["zhaotong", "zhenxiong"]) {
      const r = await report(city, committee);
      const figures = SECTIONS.flatMap((s) => r.data!.annualReport[s]?.figures ?? []);
      const plain = figures.filter((f) => f.source && /^\w+(\(includeDescendants: true\))?\.\w+$/.test(f.source));
      expect(plain.length).toBeGreaterThan(20);
      // One query asks every named statistics field directly: one selection per field and
      // arguments (aliases only for the same field with and without descendants, so the
      // gateway's alias limit holds as for any client).
      const parts = (f: Figure) => /^(\w+)(\(includeDescendants: true\))?\.(\w+)$/.exec(f.source!)!;
      const aliasOf = (f: Figure) => `${parts(f)[1]}${parts(f)[2] ? "WithDescendants" : ""}`;
      const keysOf = new Map<string, { field: string; desc: boolean; keys: Set<string> }>();
      for (const f of plain) {
        const [, field, desc, key] = parts(f);
        const entry = keysOf.get(aliasOf(f)) ?? { field, desc: !!desc, keys: new Set<string>() };
        entry.keys.add(key);
        keysOf.set(aliasOf(f), entry);
      }
      const selections = [...keysOf].map(
        ([alias, { field, desc, keys }]) =>
          `${alias}: ${field}(year: 2023${desc ? ", includeDescendants: true" : ""}) { ${[...keys].join(" ")} }`,
      );
      const direct = await stack.query<{ committee: Record<string, Record<string, number | null>> }>(
        city,
        `{ committee(code: "${committee}") { ${selections.join(" ")} } }`,
      );
      expect(direct.errors).toBeUndefined();
      plain.forEach((f) => {
        const key = f.source!.split(".").pop()!;
        expect([committee, f.key, f.value]).toEqual([committee, f.key, direct.data!.committee[aliasOf(f)][key]]);
      });
    }
    // The figures taken from breakdowns equal those breakdowns.
    const r = await report(city, "zhaotong");
    const byKey = new Map(SECTIONS.flatMap((s) => r.data!.annualReport[s]?.figures ?? []).map((f) => [f.key, f.value]));
    const b = await stack.query<{
      committee: {
        trainingStats: { byKind: { kind: string; sessions: number; trainees: number }[] };
        courtyardStats: { sessions: number; byTheme: { theme: string; sessions: number }[] };
      };
    }>(
      city,
      `{ committee(code: "zhaotong") { trainingStats(year: 2023) { byKind { kind sessions trainees } }
         courtyardStats(year: 2023, includeDescendants: true) { sessions byTheme { theme sessions } } } }`,
    );
    const kind = (k: string) => b.data!.committee.trainingStats.byKind.find((x) => x.kind === k)!;
    expect(byKey.get("externalTrainees")).toBe(kind("EXTERNAL").trainees);
    expect(byKey.get("invitedExpertSessions")).toBe(kind("INVITED_EXPERT").sessions);
    expect(byKey.get("invitedExpertTrainees")).toBe(kind("INVITED_EXPERT").trainees);
    const pufa = b.data!.committee.courtyardStats.byTheme.find((t) => t.theme === "PUFA_QIANGJI")!.sessions;
    expect(byKey.get("courtyardSessionsPufa")).toBe(pufa);
    expect(byKey.get("courtyardSessionsOtherThemes")).toBe(b.data!.committee.courtyardStats.sessions - pufa);
  });

  it("lists what the report prints but Tongxin does not record, as null rather than a guess", async () => {
    const r = await report(city, "zhaotong");
    const missing = r.data!.annualReport.notRecorded as { key: string; value: number | null }[];
    // Research, field trips and grassroots visits are recorded by the activities module now.
    expect(missing.map((m) => m.key)).toEqual(["appInstallRate"]);
    expect(missing.every((m) => m.value === null)).toBe(true);
  });

  it("keeps a county to its own report", async () => {
    const county = stack.token({ role: "STAFF", committee: "weixin" });
    const own = await report(county, "weixin");
    expect(own.errors).toBeUndefined();
    expect(own.data!.annualReport.members!.figures.length).toBeGreaterThan(0);
    const cityReport = await report(county, "zhaotong");
    expect(codeOf(cityReport.errors)).toBe("FORBIDDEN");
    expect(cityReport.data?.annualReport ?? null).toBeNull();
  });

  it("answers four subgraphs and the plugins in one query for the city and each county", async () => {
    const figures = `code memberStats { activeMembers } proposalStats(year: 2023) { received filed }
      studioStats(year: 2023) { studios coverage } trainingStats(term: 5) { sessions coverage }
      courtyardStats(year: 2023) { sessions } chishuiStats(year: 2023) { sections }`;
    const r = await stack.query<{
      committee: { children: Record<string, unknown>[] } & Record<string, unknown>;
    }>(city, `{ committee(code: "zhaotong") { ${figures} children { ${figures} } } }`);
    expect(r.errors).toBeUndefined();
    const all = [r.data!.committee, ...r.data!.committee.children];
    expect(all).toHaveLength(12);
    for (const c of all) {
      expect(c.memberStats).not.toBeNull();
      expect(c.proposalStats).not.toBeNull();
      expect(c.studioStats).not.toBeNull();
      expect(c.trainingStats).not.toBeNull();
    }
  });
});
