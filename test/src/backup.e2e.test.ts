import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropMysqlDatabases, parseDatabaseUrl } from "@tongxin/sdk";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { backupPlatform, restorePlatform, startStack, type Stack } from "@tongxin/infra";
import { seededStack } from "./helpers";

/** The city's figures from every module, and how many studios the writer below created. */
const FIGURES = `{
  committee(code: "zhaotong") {
    memberStats { activeMembers commitmentsSigned revoked }
    proposalStats(year: 2023, includeDescendants: true) { received filed replied solvedOrBasicallySolved keyProposalsExcellent }
    opinionReportStats(year: 2023, includeDescendants: true) { collected compiled instructed }
    studioStats(year: 2024, includeDescendants: true) { studios newStudios studioMembers activities }
    trainingStats(year: 2023, includeDescendants: true) { sessions trainees attendances }
    courtyardStats(year: 2023, includeDescendants: true) { sessions }
  }
  written: studios(committee: "zhaotong", search: "备份演练") { totalCount }
}`;

type Figures = {
  committee: { studioStats: { studios: number; newStudios: number } } & Record<string, unknown>;
  written: { totalCount: number };
};

const CREATE = `mutation($n: String!) {
  createStudio(input: { committee: "zhaotong", name: $n, theme: "备份演练", establishedOn: "2024-06-01" }) { id }
}`;

/** A backup folder's target: a fresh SQLite folder, or a fresh MySQL base name on the same server. */
function freshTarget(kind: "sqlite" | "mysql", freshUrl: () => string, root: string, name: string): string {
  return kind === "sqlite" ? `sqlite:${path.join(root, name)}` : freshUrl();
}

describe.each(databasesUnderTest())("backup and restore of a live platform ($kind)", (db) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-backup-"));
  const liveUrl = freshTarget(db.kind, db.freshUrl, root, "live");
  const restoredUrls: string[] = [];
  let live: Stack | undefined;
  let token: string;

  const figures = async (stack: Stack) => {
    const r = await stack.query<Figures>(token, FIGURES);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  /** Starts a stack on a restored set: no seeding, the data must all come from the backup. */
  const restoredStack = async (from: string, name: string) => {
    const url = freshTarget(db.kind, db.freshUrl, root, name);
    restoredUrls.push(url);
    await restorePlatform({ databaseUrl: url, fromDir: from });
    return startStack({ databaseUrl: url, seed: false });
  };

  beforeAll(async () => {
    live = await seededStack(liveUrl);
    token = live.token({ role: "STAFF", committee: "zhaotong" });
  });

  afterAll(async () => {
    await live?.stop();
    for (const url of restoredUrls) if (parseDatabaseUrl(url).kind === "mysql") await dropMysqlDatabases(url);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("a backup taken under writes restores to the figures of its own moment, every acknowledged write before it included", async () => {
    const before = await figures(live!);
    let acknowledged = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 500; i++) {
        const r = await live!.query(token, CREATE, { n: `备份演练工作室 ${i}` });
        expect(r.errors).toBeUndefined();
        acknowledged++;
      }
    })();
    while (acknowledged < 3) await new Promise((r) => setTimeout(r, 20));
    const ackedBeforeBackup = acknowledged;
    const manifest = await backupPlatform({ databaseUrl: liveUrl, outDir: path.join(root, "under-writes") });
    const ackedAfterBackup = acknowledged;
    writing = false;
    await writer;
    expect(manifest.modules).toEqual(expect.arrayContaining(["members", "proposals", "studios", "training"]));
    expect(manifest.modules.at(-1)).toBe("members");

    const restored = await restoredStack(path.join(root, "under-writes"), "restored-1");
    try {
      const after = await figures(restored);
      const k = after.written.totalCount;
      // Every write acknowledged before the backup began is in it; none after it ended (one may be in flight).
      expect(k).toBeGreaterThanOrEqual(ackedBeforeBackup);
      expect(k).toBeLessThanOrEqual(ackedAfterBackup + 1);
      // The figures are those of that moment: the seeded ones plus exactly the k studios written before it.
      expect(after.committee.studioStats.studios).toBe(before.committee.studioStats.studios + k);
      expect(after.committee.studioStats.newStudios).toBe(before.committee.studioStats.newStudios + k);
      const { studioStats: _a, ...otherAfter } = after.committee;
      const { studioStats: _b, ...otherBefore } = before.committee;
      expect(otherAfter).toEqual(otherBefore);
    } finally {
      await restored.stop();
    }
  });

  it("a backup at rest restores to exactly the live figures; restore refuses to overwrite without --force", async () => {
    const liveFigures = await figures(live!);
    const dir = path.join(root, "at-rest");
    await backupPlatform({ databaseUrl: liveUrl, outDir: dir });
    await expect(restorePlatform({ databaseUrl: liveUrl, fromDir: dir })).rejects.toThrow(/--force/);

    const restored = await restoredStack(dir, "restored-2");
    try {
      expect(await figures(restored)).toEqual(liveFigures);
    } finally {
      await restored.stop();
    }
  });

  it("a damaged backup is refused before anything is written", async () => {
    const dir = path.join(root, "damaged");
    const manifest = await backupPlatform({ databaseUrl: liveUrl, outDir: dir });
    fs.appendFileSync(path.join(dir, manifest.parts[0].file), "x");
    const url = freshTarget(db.kind, db.freshUrl, root, "never");
    restoredUrls.push(url);
    await expect(restorePlatform({ databaseUrl: url, fromDir: dir })).rejects.toThrow(/checksum/);
    if (db.kind === "sqlite") expect(fs.existsSync(path.join(root, "never"))).toBe(false);
  });
});
