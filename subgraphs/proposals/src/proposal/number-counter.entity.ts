import { Column, Entity, PrimaryColumn } from "typeorm";

/** The last case number issued per committee and year; incremented under a row lock. */
@Entity("proposal_number_counter")
export class ProposalNumberCounter {
  @PrimaryColumn({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @PrimaryColumn({ type: "int" })
  year: number;

  @Column({ name: "last_serial", type: "int", default: 0 })
  lastSerial: number;
}
