import { idColumn, refColumn, timestampColumn } from "@tongxin/sdk";
import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/** The plugin's own tables, all prefixed chishui_ (the module contract checks it). */
export class ChishuiInitial1732600000001 implements MigrationInterface {
  name = "ChishuiInitial1732600000001";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "chishui_section",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "name", type: "varchar", length: "100" },
          { name: "river", type: "varchar", length: "50" },
          { name: "location", type: "varchar", length: "200", default: "''" },
          { name: "target_class", type: "int" },
        ],
        indices: [{ columnNames: ["committee_code"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "chishui_reading",
        columns: [
          idColumn(),
          refColumn("section_id"),
          { name: "sampled_on", type: "date" },
          { name: "water_class", type: "int" },
        ],
        foreignKeys: [
          { columnNames: ["section_id"], referencedTableName: "chishui_section", referencedColumnNames: ["id"] },
        ],
        indices: [{ columnNames: ["section_id", "sampled_on"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "chishui_inspection",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          { name: "held_on", type: "date" },
          { name: "title", type: "varchar", length: "200" },
          { name: "partners", type: "varchar", length: "500", default: "''" },
          { name: "participants", type: "int", default: 0 },
          timestampColumn("created_at"),
        ],
        indices: [{ columnNames: ["committee_code", "held_on"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "chishui_problem",
        columns: [
          idColumn(),
          { name: "committee_code", type: "varchar", length: "64" },
          refColumn("inspection_id", true),
          refColumn("section_id", true),
          { name: "found_on", type: "date" },
          { name: "description", type: "varchar", length: "500" },
          { name: "status", type: "varchar", length: "16" },
          { name: "closed_on", type: "date", isNullable: true },
          { name: "rectification", type: "varchar", length: "500", isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ["inspection_id"], referencedTableName: "chishui_inspection", referencedColumnNames: ["id"] },
          { columnNames: ["section_id"], referencedTableName: "chishui_section", referencedColumnNames: ["id"] },
        ],
        indices: [{ columnNames: ["committee_code", "found_on"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("chishui_problem");
    await q.dropTable("chishui_inspection");
    await q.dropTable("chishui_reading");
    await q.dropTable("chishui_section");
  }
}
