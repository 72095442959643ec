import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Sessions and enrolments. Members and committees are referenced by key only: they live
 * in the members subgraph's store. One enrolment per member and session (unique), which
 * also makes a concurrent double insert fail instead of counting someone twice.
 */
export class TrainingInitial1732700000000 implements MigrationInterface {
  name = "TrainingInitial1732700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "training_session",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "title", type: "varchar", length: "200" },
          { name: "kind", type: "varchar", length: "24" },
          { name: "provider", type: "varchar", length: "200", default: "''" },
          { name: "starts_on", type: "date" },
          { name: "ends_on", type: "date" },
          { name: "place", type: "varchar", length: "200", default: "''" },
          { name: "hours", type: "decimal", precision: 6, scale: 1 },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        indices: [
          { name: "ix_training_session_committee", columnNames: ["committee_code", "starts_on"] },
          { name: "ix_training_session_starts", columnNames: ["starts_on"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "training_enrolment",
        columns: [
          idColumn(),
          refColumn("session_id"),
          refColumn("member_id"),
          { name: "attendance", type: "varchar", length: "16", isNullable: true },
          { name: "marked_at", type: "datetime", isNullable: true },
          { name: "marked_by", type: "varchar", length: "100", isNullable: true },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          { columnNames: ["session_id"], referencedTableName: "training_session", referencedColumnNames: ["id"] },
        ],
        indices: [
          { name: "uq_training_enrolment", columnNames: ["session_id", "member_id"], isUnique: true },
          { name: "ix_training_enrolment_member", columnNames: ["member_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("training_enrolment");
    await q.dropTable("training_session");
  }
}
