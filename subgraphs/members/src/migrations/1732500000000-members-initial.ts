import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Committees, sectors, parties, members and memberships. Written with TypeORM's
 * portable table API so the same migration runs on SQLite and MySQL/MariaDB.
 */
export class MembersInitial1732500000000 implements MigrationInterface {
  name = "MembersInitial1732500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "committee",
        columns: [
          { name: "code", type: "varchar", length: "64", isPrimary: true },
          { name: "name", type: "varchar", length: "100" },
          { name: "level", type: "varchar", length: "16" },
          { name: "parent_code", type: "varchar", length: "64", isNullable: true },
          { name: "current_term", type: "int" },
          { name: "term_started_on", type: "date" },
          { name: "sort_order", type: "int", default: 0 },
        ],
        foreignKeys: [
          { columnNames: ["parent_code"], referencedTableName: "committee", referencedColumnNames: ["code"] },
        ],
        indices: [{ columnNames: ["parent_code"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "sector",
        columns: [
          idColumn(),
          { name: "name", type: "varchar", length: "32", isUnique: true },
          { name: "sort_order", type: "int", default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "party",
        columns: [
          idColumn(),
          { name: "name", type: "varchar", length: "64", isUnique: true },
          { name: "short_name", type: "varchar", length: "32", isUnique: true },
          { name: "sort_order", type: "int", default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "member",
        columns: [
          idColumn(),
          { name: "name", type: "varchar", length: "64" },
          { name: "gender", type: "varchar", length: "8" },
          { name: "ethnicity", type: "varchar", length: "16" },
          refColumn("party_id", true),
          refColumn("sector_id"),
          { name: "workplace", type: "varchar", length: "200", default: "''" },
          { name: "job_title", type: "varchar", length: "100", default: "''" },
          { name: "status", type: "varchar", length: "16" },
          { name: "commitment_signed_on", type: "date", isNullable: true },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        foreignKeys: [
          { columnNames: ["party_id"], referencedTableName: "party", referencedColumnNames: ["id"] },
          { columnNames: ["sector_id"], referencedTableName: "sector", referencedColumnNames: ["id"] },
        ],
        indices: [{ columnNames: ["name"] }, { columnNames: ["status"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "membership",
        columns: [
          idColumn(),
          refColumn("member_id"),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "term", type: "int" },
          { name: "position", type: "varchar", length: "24" },
          { name: "started_on", type: "date" },
          { name: "ended_on", type: "date", isNullable: true },
          { name: "end_reason", type: "varchar", length: "16", isNullable: true },
          { name: "end_note", type: "varchar", length: "500", isNullable: true },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ["member_id"],
            referencedTableName: "member",
            referencedColumnNames: ["id"],
          }),
          new TableForeignKey({
            columnNames: ["committee_code"],
            referencedTableName: "committee",
            referencedColumnNames: ["code"],
          }),
        ],
        indices: [
          new TableIndex({ columnNames: ["member_id"] }),
          new TableIndex({ columnNames: ["committee_code", "ended_on"] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("membership");
    await q.dropTable("member");
    await q.dropTable("party");
    await q.dropTable("sector");
    await q.dropTable("committee");
  }
}
