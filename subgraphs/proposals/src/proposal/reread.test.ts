import { databasesUnderTest, member, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import type { DataSource } from "typeorm";
import { ok, startProposalsSubgraph } from "../testing/fixtures";
import { Proposal } from "./proposal.entity";

const DRAFT = `mutation($i: DraftProposalInput!) { draftProposal(input: $i) { id version title } }`;

/**
 * The database stops answering right after the next commit (a failover, a dropped
 * connection): whatever the service reads after its transaction fails. Returns the undo.
 */
function loseTheDatabaseAfterNextCommit(ds: DataSource): () => void {
  const transaction = ds.transaction;
  const createQueryRunner = ds.createQueryRunner;
  const restore = () => {
    ds.transaction = transaction;
    ds.createQueryRunner = createQueryRunner;
  };
  ds.transaction = (async (...args: unknown[]) => {
    const result = await (transaction as (...a: unknown[]) => Promise<unknown>).apply(ds, args);
    ds.createQueryRunner = () => {
      throw new Error("connection lost after the commit");
    };
    return result;
  }) as never;
  return restore;
}

describe.each(databasesUnderTest())("writes answer what they committed ($kind)", (db) => {
  let sg: TestSubgraph;
  let ds: DataSource;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
    ds = sg.databases.get("proposals")!.dataSource;
  });
  afterAll(() => sg?.stop());

  it("draftProposal answers the draft it committed even if the database fails right after", async () => {
    const restore = loseTheDatabaseAfterNextCommit(ds);
    let r;
    try {
      r = await sg.query(member(1), DRAFT, { i: { title: "提交后数据库断开", body: "正文", category: "EDUCATION" } });
    } finally {
      restore();
    }
    expect(r.errors).toBeUndefined();
    const answered = (r.data as { draftProposal: { id: string; title: string } }).draftProposal;
    expect(answered.title).toBe("提交后数据库断开");
    const row = await ds.manager.findOneByOrFail(Proposal, { id: Number(answered.id) });
    expect(row.title).toBe("提交后数据库断开");
  });

  it("workflow steps (drafter's edit, office review) answer from inside their transaction too", async () => {
    const d = (await ok(sg, member(1), DRAFT, { i: { title: "原题", body: "正文", category: "EDUCATION" } }))
      .draftProposal as { id: string; version: number };
    let restore = loseTheDatabaseAfterNextCommit(ds);
    let edit;
    try {
      edit = await sg.query(
        member(1),
        `mutation($id: ID!, $v: Int!) { updateProposal(id: $id, version: $v, input: { title: "新题" }) { title version } }`,
        { id: d.id, v: d.version },
      );
    } finally {
      restore();
    }
    expect(edit.errors).toBeUndefined();
    expect(edit.data).toEqual({ updateProposal: { title: "新题", version: d.version + 1 } });
    await ok(sg, member(1), `mutation($id: ID!) { submitProposal(id: $id) { id } }`, { id: d.id });
    restore = loseTheDatabaseAfterNextCommit(ds);
    let review;
    try {
      review = await sg.query(
        staff("zhaotong"),
        `mutation($id: ID!) { reviewProposal(id: $id, input: { decision: FILED }) { status } }`,
        { id: d.id },
      );
    } finally {
      restore();
    }
    expect(review.errors).toBeUndefined();
    expect(review.data).toEqual({ reviewProposal: { status: "FILED" } });
  });
});
