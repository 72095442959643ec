import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "委员入室 / put a member on a studio's roster" })
export class AddStudioMemberInput {
  @Field(() => ID)
  studioId: string;

  @Field(() => ID)
  memberId: string;

  @Field(() => String, { nullable: true, description: "入室日期, 默认为今天" })
  joinedOn?: string | null;
}

@InputType({ description: "委员离室 / take a member off a studio's roster" })
export class RemoveStudioMemberInput {
  @Field(() => ID)
  studioId: string;

  @Field(() => ID)
  memberId: string;

  @Field(() => String, { nullable: true, description: "离室日期 (当天起不在室), 默认为今天" })
  leftOn?: string | null;
}
