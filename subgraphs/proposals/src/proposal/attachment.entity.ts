import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Attachments are recorded as metadata only; the files live in the committee's document store. */
@ObjectType("ProposalAttachment", { description: "附件 (仅元数据) / attachment metadata" })
@Entity("proposal_attachment")
export class ProposalAttachment {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "proposal_id", type: "int" })
  proposalId: number;

  @Field({ description: "文件名" })
  @Column({ name: "file_name", type: "varchar", length: 255 })
  fileName: string;

  @Field({ description: "MIME 类型, 如 application/pdf" })
  @Column({ name: "mime_type", type: "varchar", length: 100 })
  mimeType: string;

  @Field(() => Int, { description: "字节数" })
  @Column({ name: "size_bytes", type: "int" })
  sizeBytes: number;

  @Field(() => String, { nullable: true, description: "SHA-256 (十六进制), 用于核对文件" })
  @Column({ type: "varchar", length: 64, nullable: true })
  sha256: string | null;

  @Field()
  @Column({ name: "added_at", type: "datetime" })
  addedAt: Date;
}
