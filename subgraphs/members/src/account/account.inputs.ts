import { Field, ID, InputType } from "type-graphql";
import { AccountRole } from "./account.entity";

@InputType({ description: "为本政协人员开设账号 / an account for one of the office's own people" })
export class CreateAccountInput {
  @Field({ description: "登录名: 3 到 64 位字母、数字、. _ - @" })
  username: string;

  @Field(() => AccountRole)
  role: AccountRole;

  @Field(() => String, { nullable: true, description: "所属政协, 默认为操作人所在政协" })
  committee?: string | null;

  @Field(() => ID, { nullable: true, description: "MEMBER: 委员编号 (须在该政协任职)" })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: "UNIT: 承办单位编号" })
  unitId?: string | null;

  @Field({ nullable: true })
  displayName?: string;
}
