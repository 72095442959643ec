import { databasesUnderTest, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";
import { Member, Gender, MemberStatus } from "../member/member.entity";
import { Membership, MembershipEndReason, Position } from "../membership/membership.entity";
import { Sector } from "../sector/sector.entity";
import { Committee, CommitteeLevel } from "./committee.entity";

/**
 * The definitions of DOMAIN.md against a fixture counted by hand:
 *   1  c current, signed, female, 彝族           5  a current
 *   2  c current                                  6  b from 2024-03-01
 *   3  c revoked 2023-05-01                       7  b resigned 2022-12-31
 *   4  c and a current (one person), signed       8  c transferred 2024-06-01
 */
describe.each(databasesUnderTest())("memberStats definitions ($kind)", (db) => {
  let sg: TestSubgraph;

  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [membersModule], databaseUrl: db.freshUrl() });
    const em = sg.databases.get("members")!.dataSource.manager;
    await em.insert(Committee, [
      {
        code: "c",
        name: "市",
        level: CommitteeLevel.CITY,
        parentCode: null,
        currentTerm: 5,
        termStartedOn: "2022-01-01",
        sortOrder: 0,
      },
      {
        code: "a",
        name: "甲县",
        level: CommitteeLevel.COUNTY,
        parentCode: "c",
        currentTerm: 11,
        termStartedOn: "2022-01-01",
        sortOrder: 1,
      },
      {
        code: "b",
        name: "乙县",
        level: CommitteeLevel.COUNTY,
        parentCode: "c",
        currentTerm: 11,
        termStartedOn: "2022-01-01",
        sortOrder: 2,
      },
    ]);
    await em.insert(Sector, [
      { id: 1, name: "教育", sortOrder: 0 },
      { id: 2, name: "经济", sortOrder: 1 },
    ]);
    const person = (id: number, extra: Partial<Member> = {}) => ({
      id,
      name: `委员${id}`,
      gender: Gender.MALE,
      ethnicity: "汉族",
      partyId: null,
      sectorId: 2,
      workplace: "",
      jobTitle: "",
      status: MemberStatus.ACTIVE,
      commitmentSignedOn: null,
      version: 1,
      ...extra,
    });
    await em.insert(Member, [
      person(1, { gender: Gender.FEMALE, ethnicity: "彝族", sectorId: 1, commitmentSignedOn: "2023-02-01" }),
      person(2),
      person(3, { status: MemberStatus.REVOKED, commitmentSignedOn: "2023-02-01" }),
      person(4, { commitmentSignedOn: "2023-03-01" }),
      person(5),
      person(6),
      person(7, { status: MemberStatus.RESIGNED }),
      person(8),
    ]);
    const seat = (memberId: number, committeeCode: string, extra: Partial<Membership> = {}) => ({
      memberId,
      committeeCode,
      term: 5,
      position: Position.MEMBER,
      startedOn: "2022-01-01",
      endedOn: null,
      endReason: null,
      endNote: null,
      ...extra,
    });
    await em.insert(Membership, [
      seat(1, "c"),
      seat(2, "c"),
      seat(3, "c", { endedOn: "2023-05-01", endReason: MembershipEndReason.REVOKED }),
      seat(4, "c"),
      seat(4, "a"),
      seat(5, "a"),
      seat(6, "b", { startedOn: "2024-03-01" }),
      seat(7, "b", { endedOn: "2022-12-31", endReason: MembershipEndReason.RESIGNED }),
      seat(8, "c", { endedOn: "2024-06-01", endReason: MembershipEndReason.TRANSFERRED }),
    ]);
    sg.runtime.directory.invalidate();
  });
  afterAll(() => sg?.stop());

  const stats = async (code: string, args: string) => {
    const r = await sg.query<{ committee: { memberStats: Record<string, unknown> } }>(
      staff("c"),
      `{ committee(code: "${code}") { memberStats${args} { activeMembers commitmentsSigned revoked female ethnicMinorities bySector { sector { name } count } } } }`,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.committee.memberStats;
  };

  it("counts the committee's own current seats today", async () => {
    expect(await stats("c", "")).toEqual({
      activeMembers: 3,
      commitmentsSigned: 2,
      revoked: 1,
      female: 1,
      ethnicMinorities: 1,
      bySector: [
        { sector: { name: "教育" }, count: 1 },
        { sector: { name: "经济" }, count: 2 },
      ],
    });
    expect((await stats("a", "")).activeMembers).toBe(2);
    expect((await stats("b", "")).activeMembers).toBe(1);
  });

  it("describes the end of a past year", async () => {
    expect(await stats("c", "(year: 2023)")).toMatchObject({ activeMembers: 4, commitmentsSigned: 2, revoked: 1 });
    expect(await stats("c", "(year: 2024)")).toMatchObject({ revoked: 0 });
    expect((await stats("b", "(year: 2023)")).activeMembers).toBe(0);
  });

  it("counts a person on two committees once when descendants are included", async () => {
    expect((await stats("c", "(includeDescendants: true)")).activeMembers).toBe(5);
    expect((await stats("a", "(includeDescendants: true)")).activeMembers).toBe(2);
  });

  it("gives a county the same figure whoever asks, and refuses a sibling", async () => {
    const asCounty = await sg.query<{ committee: { memberStats: { activeMembers: number } } }>(
      staff("a"),
      `{ committee(code: "a") { memberStats { activeMembers } } }`,
    );
    expect(asCounty.data!.committee.memberStats.activeMembers).toBe(2);
    const sibling = await sg.query(staff("a"), `{ committee(code: "b") { memberStats { activeMembers } } }`);
    expect(sibling.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
