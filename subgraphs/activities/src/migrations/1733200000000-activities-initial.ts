import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/** Duty activities and who took part; members and committees are referenced by key only. */
export class ActivitiesInitial1733200000000 implements MigrationInterface {
  name = "ActivitiesInitial1733200000000";

  async up(q: QueryRunner): Promise<void> {
    const count = (name: string) => ({ name, type: "int", default: 0 });
    await q.createTable(
      new Table({
        name: "activities_activity",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "organiser_body", type: "varchar", length: "100", isNullable: true },
          { name: "kind", type: "varchar", length: "24" },
          { name: "title", type: "varchar", length: "200" },
          { name: "starts_on", type: "date" },
          { name: "ends_on", type: "date" },
          { name: "led_by", type: "varchar", length: "100", isNullable: true },
          refColumn("topic_id", true),
          { name: "report_title", type: "varchar", length: "200", isNullable: true },
          { name: "report_submitted_on", type: "date", isNullable: true },
          count("experts_contacted"),
          count("visits"),
          count("people_served"),
          count("matters_done"),
          { name: "recorded_by", type: "varchar", length: "100" },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        foreignKeys: [
          { columnNames: ["topic_id"], referencedTableName: "activities_activity", referencedColumnNames: ["id"] },
        ],
        indices: [{ name: "ix_activities_committee", columnNames: ["committee_code", "starts_on"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "activities_participant",
        columns: [
          idColumn(),
          refColumn("activity_id"),
          refColumn("member_id"),
          { name: "leads", type: "boolean", default: false },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          { columnNames: ["activity_id"], referencedTableName: "activities_activity", referencedColumnNames: ["id"] },
        ],
        indices: [
          { name: "uq_activities_participant", columnNames: ["activity_id", "member_id"], isUnique: true },
          { name: "ix_activities_participant_member", columnNames: ["member_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("activities_participant");
    await q.dropTable("activities_activity");
  }
}
