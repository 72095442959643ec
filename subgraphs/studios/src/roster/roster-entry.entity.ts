import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * One stay of a member on a studio's roster (入室). A member who leaves and comes back
 * has two entries; their first join date decides when they became a studio member.
 */
@ObjectType("StudioRosterEntry", { description: "入室登记 / one stay of a member on a studio's roster" })
@Entity("studio_roster_entry")
export class StudioRosterEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "studio_id", type: "int" })
  studioId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field({ description: "入室日期" })
  @Column({ name: "joined_on", type: "date" })
  joinedOn: string;

  @Field(() => String, { nullable: true, description: "离室日期 (当天起不在室) / first day off the roster" })
  @Column({ name: "left_on", type: "date", nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
