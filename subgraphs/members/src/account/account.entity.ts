import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum AccountRole {
  STAFF = "STAFF",
  MEMBER = "MEMBER",
  UNIT = "UNIT",
  ADMIN = "ADMIN",
}
registerEnumType(AccountRole, {
  name: "AccountRole",
  description: "账号角色 / the role a signed-in account acts with",
  valuesConfig: {
    STAFF: { description: "政协办公室工作人员" },
    MEMBER: { description: "委员" },
    UNIT: { description: "承办单位" },
    ADMIN: { description: "平台管理员 (建立政协树、届次、目录和首批账号)" },
  },
});

/**
 * A sign-in account. The password is kept only as a bcrypt hash and never leaves this
 * module; lock-out state lives on the row so every gateway instance sees the same count.
 */
@ObjectType({ description: "登录账号 / a sign-in account (never carries the password)" })
@Entity("account")
export class Account {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "登录名" })
  @Column({ type: "varchar", length: 64, unique: true })
  username: string;

  @Column({ name: "password_hash", type: "varchar", length: 100 })
  passwordHash: string;

  @Field(() => AccountRole)
  @Column({ type: "varchar", length: 16 })
  role: AccountRole;

  @Field(() => String, { name: "committee", nullable: true, description: "所属政协代码" })
  @Column({ name: "committee_code", type: "varchar", length: 64, nullable: true })
  committeeCode: string | null;

  @Field(() => ID, { nullable: true, description: "委员账号: 委员编号" })
  @Column({ name: "member_id", type: "int", nullable: true })
  memberId: number | null;

  @Field(() => ID, { nullable: true, description: "承办单位账号: 单位编号" })
  @Column({ name: "unit_id", type: "varchar", length: 32, nullable: true })
  unitId: string | null;

  @Field({ description: "显示名称" })
  @Column({ name: "display_name", type: "varchar", length: 64, default: "" })
  displayName: string;

  @Field({ description: "下次登录须修改密码 (临时密码) / the password is temporary" })
  @Column({ name: "must_change_password", type: "boolean", default: false })
  mustChangePassword: boolean;

  @Field(() => Int, { description: "连续登录失败次数" })
  @Column({ name: "failed_attempts", type: "int", default: 0 })
  failedAttempts: number;

  @Field(() => Date, { nullable: true, description: "锁定至 / locked until" })
  @Column({ name: "locked_until", type: "datetime", nullable: true })
  lockedUntil: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "last_sign_in_at", type: "datetime", nullable: true })
  lastSignInAt: Date | null;

  @Field({ description: "已停用" })
  @Column({ type: "boolean", default: false })
  disabled: boolean;

  @Field(() => Int)
  @Column({ type: "int", default: 1 })
  version: number;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}

@ObjectType({ description: "账号及其临时密码 (只显示这一次) / an account with its temporary password, shown once" })
export class AccountWithPassword {
  @Field(() => Account)
  account: Account;

  @Field({ description: "临时密码: 请当面或以安全方式交给本人, 首次登录须修改" })
  temporaryPassword: string;
}

/** What the gateway puts in the token; returned only to the gateway (SYSTEM). */
@ObjectType({ description: "内部: 登录成功的账号身份 / internal: the identity of a signed-in account" })
@Directive("@inaccessible")
export class SignedInAccount {
  @Field(() => ID)
  accountId: string;

  @Field()
  username: string;

  @Field(() => AccountRole)
  role: AccountRole;

  @Field(() => String, { nullable: true })
  committee: string | null;

  @Field(() => String, { nullable: true })
  memberId: string | null;

  @Field(() => String, { nullable: true })
  unitId: string | null;

  @Field()
  displayName: string;
}
