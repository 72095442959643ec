import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Meetings, their roll with attendance, leave requests and speeches. Members and
 * committees are referenced by key only (they live in the members subgraph). One roll
 * line, one leave request and (per title) one speech per member and meeting: unique
 * indexes make a concurrent double insert fail instead of counting someone twice.
 */
export class MeetingsInitial1733100000000 implements MigrationInterface {
  name = "MeetingsInitial1733100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "meetings_meeting",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "kind", type: "varchar", length: "16" },
          { name: "title", type: "varchar", length: "200" },
          { name: "starts_on", type: "date" },
          { name: "ends_on", type: "date" },
          { name: "half_days", type: "int", default: 1 },
          { name: "place", type: "varchar", length: "200", default: "''" },
          { name: "recorded_by", type: "varchar", length: "100" },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        indices: [{ name: "ix_meetings_meeting_committee", columnNames: ["committee_code", "starts_on"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "meetings_attendance",
        columns: [
          idColumn(),
          refColumn("meeting_id"),
          refColumn("member_id"),
          { name: "presence", type: "varchar", length: "16", isNullable: true },
          { name: "marked_at", type: "datetime", isNullable: true },
          { name: "marked_by", type: "varchar", length: "100", isNullable: true },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          { columnNames: ["meeting_id"], referencedTableName: "meetings_meeting", referencedColumnNames: ["id"] },
        ],
        indices: [
          { name: "uq_meetings_attendance", columnNames: ["meeting_id", "member_id"], isUnique: true },
          { name: "ix_meetings_attendance_member", columnNames: ["member_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "meetings_leave",
        columns: [
          idColumn(),
          refColumn("meeting_id"),
          refColumn("member_id"),
          { name: "reason", type: "varchar", length: "500" },
          { name: "requested_on", type: "date" },
          { name: "status", type: "varchar", length: "16" },
          { name: "approver", type: "varchar", length: "100", isNullable: true },
          { name: "decided_on", type: "date", isNullable: true },
          { name: "entered_by", type: "varchar", length: "100" },
          { name: "decided_by", type: "varchar", length: "100", isNullable: true },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          { columnNames: ["meeting_id"], referencedTableName: "meetings_meeting", referencedColumnNames: ["id"] },
        ],
        indices: [
          { name: "uq_meetings_leave", columnNames: ["meeting_id", "member_id"], isUnique: true },
          { name: "ix_meetings_leave_member", columnNames: ["member_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "meetings_speech",
        columns: [
          idColumn(),
          refColumn("meeting_id"),
          refColumn("member_id"),
          { name: "title", type: "varchar", length: "200" },
          { name: "form", type: "varchar", length: "16" },
          { name: "recorded_by", type: "varchar", length: "100" },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          { columnNames: ["meeting_id"], referencedTableName: "meetings_meeting", referencedColumnNames: ["id"] },
        ],
        indices: [
          { name: "uq_meetings_speech", columnNames: ["meeting_id", "member_id", "title"], isUnique: true },
          { name: "ix_meetings_speech_member", columnNames: ["member_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("meetings_speech");
    await q.dropTable("meetings_leave");
    await q.dropTable("meetings_attendance");
    await q.dropTable("meetings_meeting");
  }
}
