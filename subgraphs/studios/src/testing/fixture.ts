import { staticCommitteeSource, staticMembersSource, type MemberInfo } from "@tongxin/sdk";

/**
 * A city `c` with two counties `a` and `b`, and a hand-made register:
 *   1 c 教育   2 c 教育   3 c 经济   4 c 医药卫生   5 c+a 农业 (one person, two seats)
 *   6 a 经济   7 a 教育   8 b 科技   9 resigned (no seat) 教育   10 b 科技
 */
export const committees = staticCommitteeSource([
  { code: "c", name: "市政协", level: "CITY", parentCode: null, currentTerm: 5, termStartedOn: "2022-01-10" },
  { code: "a", name: "甲县政协", level: "COUNTY", parentCode: "c", currentTerm: 11, termStartedOn: "2021-12-27" },
  { code: "b", name: "乙县政协", level: "COUNTY", parentCode: "c", currentTerm: 11, termStartedOn: "2021-12-27" },
]);

const person = (id: number, sector: string, seats: string[], status: MemberInfo["status"] = "ACTIVE"): MemberInfo => ({
  id: String(id),
  name: `委员${id}`,
  status,
  sector,
  committees: seats,
});

export const register = staticMembersSource([
  person(1, "教育", ["c"]),
  person(2, "教育", ["c"]),
  person(3, "经济", ["c"]),
  person(4, "医药卫生", ["c"]),
  person(5, "农业", ["c", "a"]),
  person(6, "经济", ["a"]),
  person(7, "教育", ["a"]),
  person(8, "科技", ["b"]),
  person(9, "教育", [], "RESIGNED"),
  person(10, "科技", ["b"]),
]);

export type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
export const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
export const fieldOf = (errors: Errors) => errors?.[0]?.extensions?.field;
