import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Setting a platform up from nothing (issue 10):
 * - `committee_term`: the terms (届) of each committee with the day each began, backfilled
 *   from `committee.current_term` / `term_started_on`, which stay as the fallback for rows
 *   written before this migration;
 * - sectors and parties get an owner: NULL is the platform list, a code is a committee's own
 *   addition; names are unique per owner (checked by the service, since a NULL owner
 *   cannot take part in a portable unique index), so the column-level unique indexes go;
 * - 群众 (no party) joins an already populated party list;
 * - `account`: sign-in accounts of office staff, members, handling units and administrators.
 * Written with TypeORM's portable table API, as the initial migration, for SQLite and MySQL.
 */
export class SetupAndAccounts1764700000000 implements MigrationInterface {
  name = "SetupAndAccounts1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "committee_term",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "term", type: "int" },
          { name: "started_on", type: "date" },
        ],
        foreignKeys: [
          { columnNames: ["committee_code"], referencedTableName: "committee", referencedColumnNames: ["code"] },
        ],
        indices: [{ columnNames: ["committee_code", "term"], isUnique: true }],
      }),
    );
    const committees: { code: string; current_term: number; term_started_on: string | Date }[] = await q.query(
      "SELECT code, current_term, term_started_on FROM committee",
    );
    for (const c of committees) {
      const startedOn =
        c.term_started_on instanceof Date ? c.term_started_on.toISOString().slice(0, 10) : String(c.term_started_on);
      // Plain SQL with `?` (both drivers): a query builder would map these names through today's entities.
      await q.query("INSERT INTO committee_term (committee_code, term, started_on) VALUES (?, ?, ?)", [
        c.code,
        c.current_term,
        startedOn.slice(0, 10),
      ]);
    }

    for (const table of ["sector", "party"]) {
      // Drivers describe a column-level UNIQUE differently (SQLite: a table constraint, MySQL: a
      // unique index); drop whichever form is there, then clear the column flag.
      let t = (await q.getTable(table))!;
      for (const u of t.uniques) await q.dropUniqueConstraint(table, u);
      t = (await q.getTable(table))!;
      for (const i of t.indices.filter((x) => x.isUnique)) await q.dropIndex(table, i);
      t = (await q.getTable(table))!;
      for (const col of t.columns.filter((c) => c.isUnique)) {
        const plain = col.clone();
        plain.isUnique = false;
        await q.changeColumn(table, col, plain);
      }
      await q.addColumn(
        table,
        new TableColumn({ name: "committee_code", type: "varchar", length: "64", isNullable: true }),
      );
      await q.createIndex(table, new TableIndex({ columnNames: ["committee_code", "name"] }));
    }
    const parties: { n: number | string }[] = await q.query("SELECT COUNT(*) AS n FROM party");
    const hasQunzhong: { n: number | string }[] = await q.query(
      "SELECT COUNT(*) AS n FROM party WHERE short_name = '群众'",
    );
    if (Number(parties[0].n) > 0 && Number(hasQunzhong[0].n) === 0) {
      await q.query("INSERT INTO party (name, short_name, sort_order) VALUES (?, ?, ?)", ["群众", "群众", 99]);
    }

    await q.createTable(
      new Table({
        name: "account",
        columns: [
          idColumn(),
          { name: "username", type: "varchar", length: "64", isUnique: true },
          { name: "password_hash", type: "varchar", length: "100" },
          { name: "role", type: "varchar", length: "16" },
          { name: "committee_code", type: "varchar", length: "64", isNullable: true },
          refColumn("member_id", true),
          { name: "unit_id", type: "varchar", length: "32", isNullable: true },
          { name: "display_name", type: "varchar", length: "64", default: "''" },
          { name: "must_change_password", type: "boolean", default: false },
          { name: "failed_attempts", type: "int", default: 0 },
          { name: "locked_until", type: "datetime", isNullable: true },
          { name: "last_sign_in_at", type: "datetime", isNullable: true },
          { name: "disabled", type: "boolean", default: false },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        foreignKeys: [
          { columnNames: ["committee_code"], referencedTableName: "committee", referencedColumnNames: ["code"] },
          { columnNames: ["member_id"], referencedTableName: "member", referencedColumnNames: ["id"] },
        ],
        indices: [{ columnNames: ["committee_code"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("account");
    await q.query("DELETE FROM party WHERE short_name = '群众'");
    for (const table of ["party", "sector"]) {
      const t = (await q.getTable(table))!;
      const idx = t.indices.find((i) => i.columnNames.join(",") === "committee_code,name");
      if (idx) await q.dropIndex(table, idx);
      // Committees' own additions have no place in the old single list.
      await q.query(`DELETE FROM ${table} WHERE committee_code IS NOT NULL`);
      await q.dropColumn(table, "committee_code");
      for (const name of table === "party" ? ["name", "short_name"] : ["name"]) {
        const col = (await q.getTable(table))!.findColumnByName(name)!;
        const unique = col.clone();
        unique.isUnique = true;
        await q.changeColumn(table, col, unique);
      }
    }
    await q.dropTable("committee_term");
  }
}
