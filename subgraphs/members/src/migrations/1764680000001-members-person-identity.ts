import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * One person, several committees: a stable identifier to find the same person from
 * another committee (a keyed hash of the ID-card number, or name + birth date) and the
 * committee whose office keeps the personal profile. Portable table API (SQLite, MySQL).
 */
export class MembersPersonIdentity1764680000001 implements MigrationInterface {
  name = "MembersPersonIdentity1764680000001";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns("member", [
      new TableColumn({ name: "id_card_hash", type: "varchar", length: "64", isNullable: true }),
      new TableColumn({ name: "birth_date", type: "date", isNullable: true }),
      new TableColumn({ name: "registered_by", type: "varchar", length: "64", isNullable: true }),
    ]);
    // Unique: two rows with one ID-card number would be the very duplicate this prevents (NULLs do not collide).
    await q.createIndex(
      "member",
      new TableIndex({ name: "UQ_member_id_card_hash", columnNames: ["id_card_hash"], isUnique: true }),
    );
    await q.createIndex(
      "member",
      new TableIndex({ name: "IDX_member_name_birth", columnNames: ["name", "birth_date"] }),
    );
    // The office that registered a person first keeps the profile: the committee of the earliest seat.
    await q.query(
      `UPDATE member SET registered_by = (SELECT ms.committee_code FROM membership ms WHERE ms.member_id = member.id ORDER BY ms.started_on, ms.id LIMIT 1)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("member", "IDX_member_name_birth");
    await q.dropIndex("member", "UQ_member_id_card_hash");
    await q.dropColumn("member", "registered_by");
    await q.dropColumn("member", "birth_date");
    await q.dropColumn("member", "id_card_hash");
  }
}
