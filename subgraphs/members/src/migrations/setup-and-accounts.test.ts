import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropMysqlDatabases, openModuleDatabase } from "@tongxin/sdk";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";
import { MembersInitial1732500000000 } from "./1732500000000-members-initial";

/** mysql2 hands raw DATE columns back as Date (UTC midnight, the connection's time zone); SQLite as text. */
const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

/** A register written before issue 10 (committees with their current term, parties without 群众) upgrades in place. */
describe.each(databasesUnderTest())("migration SetupAndAccounts on an existing register ($kind)", (db) => {
  // Two openings of one database: an in-memory SQLite would be a new one each time.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-migration-"));
  const url = db.kind === "sqlite" ? `sqlite:${dir}` : db.freshUrl();
  afterAll(async () => {
    await dropMysqlDatabases(url);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backfills the terms, adds 群众, lets names repeat across owners, and reverts", async () => {
    const old = await openModuleDatabase({
      moduleName: "members",
      databaseUrl: url,
      entities: [],
      migrations: [MembersInitial1732500000000],
    });
    await old.dataSource.runMigrations();
    await old.dataSource.query(
      "INSERT INTO committee (code, name, level, parent_code, current_term, term_started_on, sort_order) VALUES ('c', '市', 'CITY', NULL, 5, '2022-01-10', 0)",
    );
    await old.dataSource.query("INSERT INTO party (name, short_name, sort_order) VALUES ('中国共产党', '中共', 0)");
    await old.dataSource.query("INSERT INTO sector (name, sort_order) VALUES ('教育', 0)");
    await old.dataSource.destroy();

    const now = await openModuleDatabase({
      moduleName: "members",
      databaseUrl: url,
      entities: membersModule.entities,
      migrations: membersModule.migrations,
    });
    try {
      await now.dataSource.runMigrations();
      const terms = await now.dataSource.query("SELECT committee_code, term, started_on FROM committee_term");
      expect(terms.map((t: Record<string, unknown>) => [t.committee_code, Number(t.term), day(t.started_on)])).toEqual([
        ["c", 5, "2022-01-10"],
      ]);
      const parties = await now.dataSource.query("SELECT short_name FROM party ORDER BY sort_order");
      expect(parties.map((p: { short_name: string }) => p.short_name)).toEqual(["中共", "群众"]);
      // A committee's own 教育 beside the platform's: the old unique index is gone.
      await now.dataSource.query("INSERT INTO sector (name, sort_order, committee_code) VALUES ('教育', 1, 'c')");
      await now.dataSource.undoLastMigration();
      expect(Number((await now.dataSource.query("SELECT COUNT(*) AS n FROM sector"))[0].n)).toBe(1);
      await expect(now.dataSource.query("INSERT INTO sector (name, sort_order) VALUES ('教育', 2)")).rejects.toThrow();
    } finally {
      await now.dataSource.destroy();
    }
  });
});
