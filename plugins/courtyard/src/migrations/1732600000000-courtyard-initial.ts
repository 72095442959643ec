import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/** The plugin's own tables, all prefixed courtyard_ (the module contract checks it). */
export class CourtyardInitial1732600000000 implements MigrationInterface {
  name = "CourtyardInitial1732600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "courtyard_session",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "held_on", type: "date" },
          { name: "township", type: "varchar", length: "50" },
          { name: "village", type: "varchar", length: "50" },
          { name: "theme", type: "varchar", length: "20" },
          { name: "topic", type: "varchar", length: "100" },
          { name: "participants", type: "int" },
          { name: "outcome", type: "varchar", length: "2000", default: "''" },
          timestampColumn("created_at"),
        ],
        indices: [{ columnNames: ["committee_code", "held_on"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "courtyard_issue",
        columns: [
          idColumn(),
          refColumn("session_id"),
          { name: "description", type: "varchar", length: "500" },
          { name: "status", type: "varchar", length: "16" },
          { name: "resolved_on", type: "date", isNullable: true },
          { name: "note", type: "varchar", length: "500", isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ["session_id"], referencedTableName: "courtyard_session", referencedColumnNames: ["id"] },
        ],
        indices: [{ columnNames: ["session_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "courtyard_organiser",
        columns: [
          { name: "session_id", type: "integer", isPrimary: true },
          { name: "member_id", type: "integer", isPrimary: true },
        ],
        foreignKeys: [
          { columnNames: ["session_id"], referencedTableName: "courtyard_session", referencedColumnNames: ["id"] },
        ],
        indices: [{ columnNames: ["member_id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("courtyard_organiser");
    await q.dropTable("courtyard_issue");
    await q.dropTable("courtyard_session");
  }
}
