/**
 * The small tree module tests share: a city and two counties, nine people (one resigned,
 * one on two committees), and a crowd of 600 for sheets of hundreds.
 */
import { staticCommitteeSource } from "../directory";
import { staticMembersSource, type MemberInfo } from "../members";

/** A city `c` (term 5 from 2022-01-10) with counties `a` and `b` (term 11 from 2021-12-27). */
export const committees = staticCommitteeSource([
  { code: "c", name: "市政协", level: "CITY", parentCode: null, currentTerm: 5, termStartedOn: "2022-01-10" },
  { code: "a", name: "甲县政协", level: "COUNTY", parentCode: "c", currentTerm: 11, termStartedOn: "2021-12-27" },
  { code: "b", name: "乙县政协", level: "COUNTY", parentCode: "c", currentTerm: 11, termStartedOn: "2021-12-27" },
]);

const person = (id: number, seats: string[], status: MemberInfo["status"] = "ACTIVE"): MemberInfo => ({
  id: String(id),
  name: `委员${id}`,
  status,
  sector: "教育",
  committees: seats,
});

/** 1–3 sit on c, 4–6 on a, 7 on b, 8 resigned, 9 on c and a (one person, two seats). */
const people = [
  person(1, ["c"]),
  person(2, ["c"]),
  person(3, ["c"]),
  person(4, ["a"]),
  person(5, ["a"]),
  person(6, ["a"]),
  person(7, ["b"]),
  person(8, [], "RESIGNED"),
  person(9, ["c", "a"]),
];
export const register = staticMembersSource(people);

/** The same, with 1001–1400 on c and 1401–1600 on a: attendance sheets of hundreds. */
export const crowd = staticMembersSource([
  ...people,
  ...Array.from({ length: 600 }, (_, i) => person(1001 + i, [i < 400 ? "c" : "a"])),
]);

export type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
export const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
export const fieldOf = (errors: Errors) => errors?.[0]?.extensions?.field;
