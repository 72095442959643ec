import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import type { Stack } from "@tongxin/infra";
import { codeOf, seededStack } from "./helpers";

type Result = {
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { cell: string }[];
};
const ROSTER = `query { exportMembersRoster(committee: "zhenxiong") { base64 } }`;
const IMPORT = `mutation($f: String!, $d: Boolean) { importMembersRoster(committee: "zhenxiong", file: $f, dryRun: $d) { written rows created updated unchanged errors { cell } } }`;

/** The import path a county system uses: export, edit, import, all through the gateway with a STAFF token. */
describe.each(databasesUnderTest())("Excel import through the gateway ($kind)", (db) => {
  let stack: Stack;
  let county: string;
  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    county = stack.token({ role: "STAFF", committee: "zhenxiong" });
  });
  afterAll(() => stack?.stop());

  it("exports a county's roster, studios and attendance, and imports each back unchanged", async () => {
    const studios = await stack.query<{ exportStudios: { base64: string } }>(
      county,
      `{ exportStudios(committee: "zhenxiong") { base64 } }`,
    );
    const training = await stack.query<{ exportTrainingAttendance: { base64: string } }>(
      county,
      `{ exportTrainingAttendance(committee: "zhenxiong") { base64 } }`,
    );
    const roster = await stack.query<{ exportMembersRoster: { base64: string } }>(county, ROSTER);
    expect([studios.errors, training.errors, roster.errors]).toEqual([undefined, undefined, undefined]);

    const back = await stack.query<{ importMembersRoster: Result }>(county, IMPORT, {
      f: roster.data!.exportMembersRoster.base64,
    });
    expect(back.errors).toBeUndefined();
    expect(back.data!.importMembersRoster).toMatchObject({ errors: [], created: 0, updated: 0, written: false });
    const s = await stack.query<{ importStudios: Result }>(
      county,
      `mutation($f: String!) { importStudios(committee: "zhenxiong", file: $f) { written created updated errors { cell } } }`,
      { f: studios.data!.exportStudios.base64 },
    );
    expect(s.errors).toBeUndefined();
    expect(s.data!.importStudios).toMatchObject({ errors: [], created: 0, updated: 0, written: false });
    const t = await stack.query<{ importTrainingAttendance: Result }>(
      county,
      `mutation($f: String!) { importTrainingAttendance(committee: "zhenxiong", file: $f) { written created updated errors { cell } } }`,
      { f: training.data!.exportTrainingAttendance.base64 },
    );
    expect(t.data!.importTrainingAttendance).toMatchObject({ errors: [], created: 0, updated: 0, written: false });
  });

  it("refuses the city office and callers without a token", async () => {
    const roster = await stack.query<{ exportMembersRoster: { base64: string } }>(county, ROSTER);
    const f = roster.data!.exportMembersRoster.base64;
    const city = await stack.query(stack.token({ role: "STAFF", committee: "zhaotong" }), IMPORT, { f });
    expect(codeOf(city.errors)).toBe("FORBIDDEN");
    const anonymous = await stack.query(null, IMPORT, { f });
    expect(codeOf(anonymous.errors)).toBe("UNAUTHENTICATED");
  });
});
