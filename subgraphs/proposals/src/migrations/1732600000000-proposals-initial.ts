import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner, type TableForeignKeyOptions } from "typeorm";

const references = (column: string, table: string, referenced = "id"): TableForeignKeyOptions => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: [referenced],
});

/**
 * Proposals, their co-signers, attachments, events, assignments and replies; handling
 * units; opinion reports; the case-number counter. Portable table API: the same
 * migration runs on SQLite and MySQL/MariaDB.
 */
export class ProposalsInitial1732600000000 implements MigrationInterface {
  name = "ProposalsInitial1732600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "handling_unit",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "name", type: "varchar", length: "100" },
          { name: "active", type: "boolean", default: 1 },
          { name: "sort_order", type: "int", default: 0 },
          timestampColumn("created_at"),
        ],
        uniques: [{ name: "uq_handling_unit_name", columnNames: ["committee_code", "name"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "year", type: "int" },
          { name: "term", type: "int", isNullable: true },
          { name: "session", type: "int", isNullable: true },
          { name: "serial", type: "int", isNullable: true },
          { name: "title", type: "varchar", length: "200" },
          { name: "body", type: "text" },
          { name: "category", type: "varchar", length: "24" },
          { name: "kind", type: "varchar", length: "16" },
          { name: "collective_proposer", type: "varchar", length: "100", isNullable: true },
          { name: "collective_proposer_type", type: "varchar", length: "24", isNullable: true },
          refColumn("lead_member_id", true),
          { name: "status", type: "varchar", length: "16" },
          { name: "co_sign_deadline", type: "date", isNullable: true },
          { name: "submitted_on", type: "date", isNullable: true },
          { name: "review_decision", type: "varchar", length: "16", isNullable: true },
          { name: "reviewed_on", type: "date", isNullable: true },
          { name: "not_filed_reason", type: "varchar", length: "500", isNullable: true },
          refColumn("merged_into_id", true),
          refColumn("converted_report_id", true),
          { name: "handling_round", type: "int", default: 0 },
          { name: "assigned_on", type: "date", isNullable: true },
          { name: "due_on", type: "date", isNullable: true },
          { name: "is_key", type: "boolean", default: 0 },
          { name: "supervising_leader", type: "varchar", length: "64", isNullable: true },
          { name: "key_reply_excellent", type: "boolean", default: 0 },
          { name: "evaluation", type: "varchar", length: "24", isNullable: true },
          { name: "evaluation_note", type: "varchar", length: "500", isNullable: true },
          { name: "evaluated_on", type: "date", isNullable: true },
          { name: "closed_on", type: "date", isNullable: true },
          { name: "drafted_by", type: "varchar", length: "128" },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        foreignKeys: [references("merged_into_id", "proposal")],
        // NULL serials (drafts) do not collide: a number is unique once issued.
        uniques: [{ name: "uq_proposal_number", columnNames: ["committee_code", "year", "serial"] }],
        indices: [
          { name: "ix_proposal_scope", columnNames: ["committee_code", "year", "status"] },
          { name: "ix_proposal_lead", columnNames: ["lead_member_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal_number_counter",
        columns: [
          { name: "committee_code", type: "varchar", length: "64", isPrimary: true },
          { name: "year", type: "int", isPrimary: true },
          { name: "last_serial", type: "int", default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal_co_signer",
        columns: [
          idColumn(),
          refColumn("proposal_id"),
          refColumn("member_id"),
          { name: "status", type: "varchar", length: "16" },
          { name: "invited_at", type: "datetime" },
          { name: "signed_at", type: "datetime", isNullable: true },
        ],
        foreignKeys: [references("proposal_id", "proposal")],
        uniques: [{ name: "uq_co_signer", columnNames: ["proposal_id", "member_id"] }],
        indices: [{ name: "ix_co_signer_member", columnNames: ["member_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal_attachment",
        columns: [
          idColumn(),
          refColumn("proposal_id"),
          { name: "file_name", type: "varchar", length: "255" },
          { name: "mime_type", type: "varchar", length: "100" },
          { name: "size_bytes", type: "int" },
          { name: "sha256", type: "varchar", length: "64", isNullable: true },
          { name: "added_at", type: "datetime" },
        ],
        foreignKeys: [references("proposal_id", "proposal")],
        indices: [{ name: "ix_attachment_proposal", columnNames: ["proposal_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal_event",
        columns: [
          idColumn(),
          refColumn("proposal_id"),
          { name: "action", type: "varchar", length: "24" },
          { name: "from_status", type: "varchar", length: "16", isNullable: true },
          { name: "to_status", type: "varchar", length: "16" },
          { name: "actor_role", type: "varchar", length: "16" },
          { name: "actor_subject", type: "varchar", length: "128" },
          refColumn("actor_member_id", true),
          refColumn("actor_unit_id", true),
          { name: "actor_committee", type: "varchar", length: "64", isNullable: true },
          { name: "at", type: "datetime" },
          { name: "note", type: "varchar", length: "1000", isNullable: true },
        ],
        foreignKeys: [references("proposal_id", "proposal")],
        indices: [{ name: "ix_event_proposal", columnNames: ["proposal_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal_assignment",
        columns: [
          idColumn(),
          refColumn("proposal_id"),
          refColumn("unit_id"),
          { name: "role", type: "varchar", length: "16" },
          { name: "round", type: "int" },
          { name: "status", type: "varchar", length: "16" },
          { name: "assigned_on", type: "date" },
          { name: "due_on", type: "date" },
          { name: "accepted_on", type: "date", isNullable: true },
          { name: "returned_on", type: "date", isNullable: true },
          { name: "return_reason", type: "varchar", length: "500", isNullable: true },
          { name: "replied_on", type: "date", isNullable: true },
        ],
        foreignKeys: [references("proposal_id", "proposal"), references("unit_id", "handling_unit")],
        indices: [
          { name: "ix_assignment_proposal", columnNames: ["proposal_id", "round"] },
          { name: "ix_assignment_unit", columnNames: ["unit_id", "status", "due_on"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "proposal_reply",
        columns: [
          idColumn(),
          refColumn("proposal_id"),
          refColumn("assignment_id"),
          refColumn("unit_id"),
          { name: "round", type: "int" },
          { name: "role", type: "varchar", length: "16" },
          { name: "reply_class", type: "varchar", length: "1" },
          { name: "body", type: "text" },
          { name: "replied_on", type: "date" },
          timestampColumn("created_at"),
        ],
        foreignKeys: [
          references("proposal_id", "proposal"),
          references("assignment_id", "proposal_assignment"),
          references("unit_id", "handling_unit"),
        ],
        indices: [{ name: "ix_reply_proposal", columnNames: ["proposal_id", "role"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "opinion_report",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "title", type: "varchar", length: "200" },
          { name: "body", type: "text" },
          { name: "submitted_on", type: "date" },
          refColumn("submitter_member_id", true),
          { name: "submitter_name", type: "varchar", length: "100" },
          refColumn("source_proposal_id", true),
          { name: "status", type: "varchar", length: "16" },
          { name: "compiled_on", type: "date", isNullable: true },
          { name: "bulletin", type: "varchar", length: "100", isNullable: true },
          { name: "forwarded_on", type: "date", isNullable: true },
          { name: "forwarded_to", type: "varchar", length: "200", isNullable: true },
          { name: "instructed_on", type: "date", isNullable: true },
          { name: "instruction_leader", type: "varchar", length: "64", isNullable: true },
          { name: "instruction", type: "varchar", length: "1000", isNullable: true },
          { name: "declined_reason", type: "varchar", length: "500", isNullable: true },
          { name: "version", type: "int", default: 1 },
          timestampColumn("created_at"),
          timestampColumn("updated_at"),
        ],
        foreignKeys: [references("source_proposal_id", "proposal")],
        // A not-filed proposal continues as at most one report.
        uniques: [{ name: "uq_report_source", columnNames: ["source_proposal_id"] }],
        indices: [
          { name: "ix_report_scope", columnNames: ["committee_code", "submitted_on"] },
          { name: "ix_report_submitter", columnNames: ["submitter_member_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "opinion_report",
      "proposal_reply",
      "proposal_assignment",
      "proposal_event",
      "proposal_attachment",
      "proposal_co_signer",
      "proposal_number_counter",
      "proposal",
      "handling_unit",
    ]) {
      await q.dropTable(table);
    }
  }
}
