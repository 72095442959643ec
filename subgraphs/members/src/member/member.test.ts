import { ANONYMOUS, SYSTEM } from "@tongxin/sdk";
import {
  databasesUnderTest,
  member,
  startTestSubgraph,
  staff,
  unit,
  type TestSubgraph,
} from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";
import { Member } from "./member.entity";
import { Membership } from "../membership/membership.entity";

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

describe.each(databasesUnderTest())("member register ($kind)", (db) => {
  let sg: TestSubgraph;
  /** A member who sits only on weixin, and one only on yiliang. */
  let weixinOnly: { id: string; version: number };
  let yiliangOnly: { id: string };

  const membersOnlyOf = async (committee: string) => {
    const r = await sg.query<{
      members: { edges: { node: { id: string; version: number; memberships: { committee: { code: string } }[] } }[] };
    }>(
      SYSTEM,
      `query($c: String) { members(committee: $c, status: ACTIVE, first: 50) { edges { node { id version memberships { committee { code } } } } } }`,
      { c: committee },
    );
    return r
      .data!.members.edges.map((e) => e.node)
      .filter((n) => n.memberships.every((m) => m.committee.code === committee));
  };
  const firstMemberOf = async (committee: string) => (await membersOnlyOf(committee))[0];

  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [membersModule], databaseUrl: db.freshUrl(), seed: true });
    weixinOnly = await firstMemberOf("weixin");
    yiliangOnly = await firstMemberOf("yiliang");
  });
  afterAll(() => sg?.stop());

  const countRows = async () => {
    const em = sg.databases.get("members")!.dataSource.manager;
    return { members: await em.count(Member), seats: await em.count(Membership) };
  };

  it("seeds the twelve committees with realistic registers", async () => {
    const r = await sg.query<{ committees: { code: string }[] }>(ANONYMOUS, "{ committees { code } }");
    expect(r.data!.committees).toHaveLength(12);
    const s = await sg.query<{
      committee: { memberStats: { activeMembers: number; commitmentsSigned: number; revoked: number } };
    }>(
      staff("zhaotong"),
      `{ committee(code: "zhaotong") { memberStats(year: 2023) { activeMembers commitmentsSigned revoked } } }`,
    );
    expect(s.data!.committee.memberStats).toMatchObject({ commitmentsSigned: 394, revoked: 1 });
    expect(s.data!.committee.memberStats.activeMembers).toBeGreaterThan(380);
  });

  it("lets anonymous callers list committees but nothing else", async () => {
    const r = await sg.query(ANONYMOUS, "{ members(first: 1) { totalCount } }");
    expect(codeOf(r.errors)).toBe("UNAUTHENTICATED");
  });

  it("creates a member with their seat, and names the offending field on bad input", async () => {
    const before = await countRows();
    const bad = async (input: Record<string, unknown>, field: string) => {
      const r = await sg.query(staff("weixin"), `mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`, {
        i: { name: "张三", gender: "MALE", sector: "教育", ...input },
      });
      expect(codeOf(r.errors)).toBe("BAD_USER_INPUT");
      expect(r.errors![0].extensions!.field).toBe(field);
      expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff]/);
    };
    await bad({ name: "  " }, "input.name");
    await bad({ sector: "天文" }, "input.sector");
    await bad({ party: "某党" }, "input.party");
    await bad({ ethnicity: "汉" }, "input.ethnicity");
    await bad({ startedOn: "2024-13-01" }, "input.startedOn");
    await bad({ position: "CHAIR" }, "input.position");
    await bad({ term: 99 }, "input.term");
    expect(await countRows()).toEqual(before);

    const ok = await sg.query<{
      createMember: {
        id: string;
        name: string;
        status: string;
        sector: { name: string };
        party: { shortName: string };
        memberships: { committee: { code: string }; position: string; term: number; current: boolean }[];
      };
    }>(
      staff("weixin"),
      `mutation($i: CreateMemberInput!) { createMember(input: $i) { id name status sector { name } party { shortName } memberships { committee { code } position term current } } }`,
      {
        i: {
          name: " 龙雪梅 ",
          gender: "FEMALE",
          ethnicity: "苗族",
          sector: "教育",
          party: "民盟",
          workplace: "威信县第一中学",
          startedOn: "2024-01-05",
        },
      },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createMember).toMatchObject({
      name: "龙雪梅",
      status: "ACTIVE",
      sector: { name: "教育" },
      party: { shortName: "民盟" },
      memberships: [{ committee: { code: "weixin" }, position: "MEMBER", term: 11, current: true }],
    });
    expect(await countRows()).toEqual({ members: before.members + 1, seats: before.seats + 1 });
  });

  it("refuses to create a member on another committee's register", async () => {
    const r = await sg.query(
      staff("yiliang"),
      `mutation { createMember(input: { committee: "weixin", name: "李四", gender: MALE, sector: "教育" }) { id } }`,
    );
    expect(codeOf(r.errors)).toBe("FORBIDDEN");
  });

  it("lets only the member's own office edit them, never revealing them to a sibling county", async () => {
    const update = (who: ReturnType<typeof staff>, version = weixinOnly.version) =>
      sg.query<{ updateMember: { jobTitle: string; version: number } }>(
        who,
        `mutation($id: ID!, $v: Int!) { updateMember(id: $id, version: $v, input: { jobTitle: "副校长" }) { jobTitle version } }`,
        { id: weixinOnly.id, v: version },
      );
    const sibling = await update(staff("yiliang"));
    expect(codeOf(sibling.errors)).toBe("NOT_FOUND");
    expect(sibling.data?.updateMember ?? null).toBeNull();
    expect(JSON.stringify(sibling)).not.toContain('jobTitle":"');

    const city = await update(staff("zhaotong"));
    expect(codeOf(city.errors)).toBe("FORBIDDEN");

    const own = await update(staff("weixin"));
    expect(own.errors).toBeUndefined();
    expect(own.data!.updateMember).toEqual({ jobTitle: "副校长", version: weixinOnly.version + 1 });

    // The same edit with the version read before: someone else changed it meanwhile.
    const stale = await update(staff("weixin"), weixinOnly.version);
    expect(codeOf(stale.errors)).toBe("CONFLICT");
  });

  it("shows a member to the city office and hides them from a sibling county", async () => {
    const q = `query($id: ID!) { member(id: $id) { id name } }`;
    expect(
      (await sg.query<{ member: { id: string } }>(staff("zhaotong"), q, { id: weixinOnly.id })).data!.member.id,
    ).toBe(weixinOnly.id);
    expect(codeOf((await sg.query(staff("yiliang"), q, { id: weixinOnly.id })).errors)).toBe("NOT_FOUND");
    const list = await sg.query<{ members: { edges: { node: { id: string } }[] } }>(
      staff("yiliang"),
      `{ members(committee: "weixin", first: 5) { edges { node { id } } } }`,
    );
    expect(list.data?.members.edges ?? []).toHaveLength(0);
  });

  it("lets a member see colleagues of their own committee only; units look up but do not list", async () => {
    const q = `query($id: ID!) { member(id: $id) { id } }`;
    const colleague = (await membersOnlyOf("weixin"))[1];
    expect(colleague.id).not.toBe(weixinOnly.id);
    expect((await sg.query(member(weixinOnly.id), q, { id: colleague.id })).errors).toBeUndefined();
    expect(codeOf((await sg.query(member(weixinOnly.id), q, { id: yiliangOnly.id })).errors)).toBe("NOT_FOUND");
    expect((await sg.query(unit(3), q, { id: yiliangOnly.id })).errors).toBeUndefined();
    expect(codeOf((await sg.query(unit(3), `{ members(first: 1) { totalCount } }`)).errors)).toBe("FORBIDDEN");
  });

  it("revokes a seat and the figures follow", async () => {
    const statsQ = `{ committee(code: "weixin") { memberStats(year: ${new Date().getFullYear()}) { activeMembers revoked } } }`;
    const before = (
      await sg.query<{ committee: { memberStats: { activeMembers: number; revoked: number } } }>(
        staff("weixin"),
        statsQ,
      )
    ).data!.committee.memberStats;
    const target = await firstMemberOf("weixin");
    const missingNote = await sg.query(
      staff("weixin"),
      `mutation($id: ID!) { revokeMember(input: { memberId: $id, note: "" }) { id } }`,
      { id: target.id },
    );
    expect(missingNote.errors![0].extensions!.field).toBe("input.note");
    const r = await sg.query<{
      revokeMember: { status: string; memberships: { endReason: string; current: boolean }[] };
    }>(
      staff("weixin"),
      `mutation($id: ID!) { revokeMember(input: { memberId: $id, note: "威信县政协常委会决定" }) { status memberships { endReason current } } }`,
      { id: target.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.revokeMember).toEqual({
      status: "REVOKED",
      memberships: [{ endReason: "REVOKED", current: false }],
    });
    const after = (
      await sg.query<{ committee: { memberStats: { activeMembers: number; revoked: number } } }>(
        staff("weixin"),
        statsQ,
      )
    ).data!.committee.memberStats;
    expect(after).toEqual({ activeMembers: before.activeMembers - 1, revoked: before.revoked + 1 });
    const again = await sg.query(
      staff("weixin"),
      `mutation($id: ID!) { revokeMember(input: { memberId: $id, note: "x" }) { id } }`,
      { id: target.id },
    );
    expect(codeOf(again.errors)).toBe("BAD_USER_INPUT");
  });

  it("records a signed duty letter", async () => {
    const target = await sg.query<{ createMember: { id: string; commitmentSignedOn: string | null } }>(
      staff("shuifu"),
      `mutation { createMember(input: { name: "周明", gender: MALE, sector: "经济" }) { id commitmentSignedOn } }`,
    );
    const id = target.data!.createMember.id;
    const future = await sg.query(
      staff("shuifu"),
      `mutation($id: ID!) { recordCommitment(input: { memberId: $id, signedOn: "2999-01-01" }) { id } }`,
      { id },
    );
    expect(future.errors![0].extensions!.field).toBe("input.signedOn");
    const r = await sg.query<{ recordCommitment: { commitmentSignedOn: string } }>(
      staff("shuifu"),
      `mutation($id: ID!) { recordCommitment(input: { memberId: $id, signedOn: "2024-02-01" }) { commitmentSignedOn } }`,
      { id },
    );
    expect(r.data!.recordCommitment.commitmentSignedOn).toBe("2024-02-01");
  });

  it("pages through a register without gaps or repeats", async () => {
    const page = (after?: string) =>
      sg.query<{
        members: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string } }[];
        };
      }>(
        staff("suijiang"),
        `query($a: String) { members(committee: "suijiang", first: 60, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { a: after },
      );
    const seen = new Set<string>();
    let after: string | undefined;
    let total = 0;
    for (;;) {
      const r = (await page(after)).data!.members;
      total = r.totalCount;
      r.edges.forEach((e) => seen.add(e.node.id));
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThan(140);
    const tooMany = await sg.query(staff("suijiang"), `{ members(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions!.field).toBe("first");
  });

  it("answers the internal member directory for other subgraphs only", async () => {
    const q = `query($c: [String!], $d: String) { memberDirectory(committees: $c, asOf: $d) { id status sector committees } }`;
    expect(codeOf((await sg.query(staff("zhaotong"), q, { c: ["weixin"] })).errors)).toBe("FORBIDDEN");
    const r = await sg.query<{
      memberDirectory: { id: string; status: string; sector: string; committees: string[] }[];
    }>(SYSTEM, q, {
      c: ["zhaotong"],
      d: "2023-12-31",
    });
    const stats = await sg.query<{ committee: { memberStats: { activeMembers: number } } }>(
      staff("zhaotong"),
      `{ committee(code: "zhaotong") { memberStats(year: 2023) { activeMembers } } }`,
    );
    // The same definition of "active" as memberStats, by construction.
    expect(r.data!.memberDirectory).toHaveLength(stats.data!.committee.memberStats.activeMembers);
    for (const m of r.data!.memberDirectory) {
      expect(m.committees).toContain("zhaotong");
      expect(m.sector).toBeTruthy();
    }
  });

  it("searches by name or workplace", async () => {
    const r = await sg.query<{ members: { edges: { node: { name: string; workplace: string } }[] } }>(
      staff("zhaotong"),
      `{ members(search: "人民医院", first: 10) { edges { node { name workplace } } } }`,
    );
    expect(r.data!.members.edges.length).toBeGreaterThan(0);
    for (const e of r.data!.members.edges) expect(e.node.workplace).toContain("人民医院");
    const pct = await sg.query<{ members: { totalCount: number } }>(
      staff("zhaotong"),
      `{ members(search: "%", first: 1) { totalCount } }`,
    );
    expect(pct.data!.members.totalCount).toBe(0);
  });
});
