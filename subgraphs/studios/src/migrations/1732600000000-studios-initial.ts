import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Studios, their rosters and activities. Members and committees are referenced by key
 * only: they live in the members subgraph's store, so there is no foreign key to them.
 */
export class StudiosInitial1732600000000 implements MigrationInterface {
  name = "StudiosInitial1732600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "studio",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "name", type: "varchar", length: "100" },
          { name: "theme", type: "varchar", length: "200", isNullable: true },
          { name: "sector", type: "varchar", length: "32", isNullable: true },
          { name: "address", type: "varchar", length: "200", default: "''" },
          { name: "established_on", type: "date" },
          refColumn("lead_member_id", true),
          { name: "status", type: "varchar", length: "16" },
          { name: "closed_on", type: "date", isNullable: true },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        indices: [
          { name: "uq_studio_committee_name", columnNames: ["committee_code", "name"], isUnique: true },
          { name: "ix_studio_established", columnNames: ["established_on"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "studio_roster_entry",
        columns: [
          idColumn(),
          refColumn("studio_id"),
          refColumn("member_id"),
          { name: "joined_on", type: "date" },
          { name: "left_on", type: "date", isNullable: true },
          timestampColumn("created_at"),
        ],
        foreignKeys: [{ columnNames: ["studio_id"], referencedTableName: "studio", referencedColumnNames: ["id"] }],
        indices: [
          { name: "ix_studio_roster_studio", columnNames: ["studio_id", "member_id"] },
          { name: "ix_studio_roster_member", columnNames: ["member_id", "joined_on"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "studio_activity",
        columns: [
          idColumn(),
          refColumn("studio_id"),
          { name: "held_on", type: "date" },
          { name: "type", type: "varchar", length: "24" },
          { name: "title", type: "varchar", length: "200" },
          { name: "people_served", type: "int", default: 0 },
          { name: "opinion_reports", type: "int", default: 0 },
          { name: "notes", type: "varchar", length: "2000", default: "''" },
          { name: "recorded_by", type: "varchar", length: "100" },
          refColumn("recorded_by_member_id", true),
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        foreignKeys: [{ columnNames: ["studio_id"], referencedTableName: "studio", referencedColumnNames: ["id"] }],
        indices: [
          { name: "ix_studio_activity_studio", columnNames: ["studio_id", "held_on"] },
          { name: "ix_studio_activity_held", columnNames: ["held_on"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "studio_activity_participant",
        columns: [
          { name: "activity_id", type: "integer", isPrimary: true },
          { name: "member_id", type: "integer", isPrimary: true },
        ],
        foreignKeys: [
          {
            columnNames: ["activity_id"],
            referencedTableName: "studio_activity",
            referencedColumnNames: ["id"],
            onDelete: "CASCADE",
          },
        ],
        indices: [{ name: "ix_studio_participant_member", columnNames: ["member_id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("studio_activity_participant");
    await q.dropTable("studio_activity");
    await q.dropTable("studio_roster_entry");
    await q.dropTable("studio");
  }
}
