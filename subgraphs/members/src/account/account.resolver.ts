import type { RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import { Account, AccountWithPassword, SignedInAccount } from "./account.entity";
import { CreateAccountInput } from "./account.inputs";
import { authenticate, createAccount, listAccounts, resetPassword, setAccountDisabled } from "./account.service";

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => [Account], { description: "本政协的登录账号 (办公室) / the accounts of a committee" })
  accounts(
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String, { nullable: true }) committee?: string | null,
  ): Promise<Account[]> {
    return listAccounts(ctx, committee);
  }

  @Mutation(() => AccountWithPassword, {
    description: "开设账号 (办公室为本政协人员; 平台管理员为任何人), 返回只显示一次的临时密码",
  })
  createAccount(@Ctx() ctx: RequestContext, @Arg("input") input: CreateAccountInput): Promise<AccountWithPassword> {
    return createAccount(ctx, input);
  }

  @Mutation(() => AccountWithPassword, {
    description: "重置密码: 生成临时密码并解除锁定 / reset to a temporary password",
  })
  resetAccountPassword(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<AccountWithPassword> {
    return resetPassword(ctx, id);
  }

  @Mutation(() => Account, { description: "停用或恢复账号 / disable or re-enable an account" })
  setAccountDisabled(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("disabled") disabled: boolean,
  ): Promise<Account> {
    return setAccountDisabled(ctx, id, disabled);
  }

  @Mutation(() => SignedInAccount, { description: "内部接口, 仅供网关校验密码 / internal, for the gateway" })
  @Directive("@inaccessible")
  authenticateAccount(
    @Ctx() ctx: RequestContext,
    @Arg("username") username: string,
    @Arg("password") password: string,
    @Arg("newPassword", () => String, { nullable: true }) newPassword?: string | null,
  ): Promise<SignedInAccount> {
    return authenticate(ctx, username, password, newPassword);
  }
}
