import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Ordered from the most senior down; used to pick a member's headline position. */
export enum Position {
  CHAIR = "CHAIR",
  VICE_CHAIR = "VICE_CHAIR",
  SECRETARY_GENERAL = "SECRETARY_GENERAL",
  STANDING_MEMBER = "STANDING_MEMBER",
  MEMBER = "MEMBER",
}
registerEnumType(Position, {
  name: "Position",
  description: "职务 / position on the committee",
  valuesConfig: {
    CHAIR: { description: "主席" },
    VICE_CHAIR: { description: "副主席" },
    SECRETARY_GENERAL: { description: "秘书长" },
    STANDING_MEMBER: { description: "常委" },
    MEMBER: { description: "委员" },
  },
});
export const POSITION_RANK: Record<Position, number> = {
  CHAIR: 0,
  VICE_CHAIR: 1,
  SECRETARY_GENERAL: 2,
  STANDING_MEMBER: 3,
  MEMBER: 4,
};

export enum MembershipEndReason {
  TERM_ENDED = "TERM_ENDED",
  RESIGNED = "RESIGNED",
  REVOKED = "REVOKED",
  TRANSFERRED = "TRANSFERRED",
  DECEASED = "DECEASED",
}
registerEnumType(MembershipEndReason, {
  name: "MembershipEndReason",
  valuesConfig: {
    TERM_ENDED: { description: "届满" },
    RESIGNED: { description: "辞职" },
    REVOKED: { description: "撤销委员资格" },
    TRANSFERRED: { description: "调离" },
    DECEASED: { description: "去世" },
  },
});

/** A seat: member × committee × term × position, with dates. One person may hold several. */
@ObjectType({ description: "委员任职 / a member's seat on a committee for a term" })
@Entity("membership")
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field(() => Int, { description: "届次" })
  @Column({ type: "int" })
  term: number;

  @Field(() => Position)
  @Column({ type: "varchar", length: 24 })
  position: Position;

  @Field({ description: "任职开始日期" })
  @Column({ name: "started_on", type: "date" })
  startedOn: string;

  @Field(() => String, { nullable: true, description: "任职结束日期" })
  @Column({ name: "ended_on", type: "date", nullable: true })
  endedOn: string | null;

  @Field(() => MembershipEndReason, { nullable: true })
  @Column({ name: "end_reason", type: "varchar", length: 16, nullable: true })
  endReason: MembershipEndReason | null;

  @Field(() => String, { nullable: true, description: "结束说明, 如撤销资格的决定文号" })
  @Column({ name: "end_note", type: "varchar", length: 500, nullable: true })
  endNote: string | null;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
