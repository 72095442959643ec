import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import type { Stack } from "@tongxin/infra";
import type { DataSource } from "typeorm";
import { seededStack, type Errors } from "./helpers";

/** Short, so that a stalled subgraph costs the test seconds; long enough for a busy machine. */
const GATEWAY_TIMEOUT_MS = 3_000;

const DRAFT = `mutation ($input: DraftProposalInput!) { draftProposal(input: $input) { id title status } }`;
const draftInput = (title: string, extra: object = {}) => ({
  committee: "zhenxiong",
  title,
  body: "正文",
  category: "EDUCATION",
  collectiveProposer: "民盟镇雄县委",
  collectiveProposerType: "PARTY",
  ...extra,
});

/**
 * The proposals subgraph stalls (a long GC pause, a disk that hangs) just before its next
 * write transaction, until released: long enough for the gateway to give up on it.
 */
function stallWrites(ds: DataSource) {
  const transaction = ds.transaction;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  ds.transaction = (async (...args: unknown[]) => {
    await gate;
    return (transaction as (...a: unknown[]) => Promise<unknown>).apply(ds, args);
  }) as never;
  return {
    release,
    restore: () => {
      release();
      ds.transaction = transaction;
    },
  };
}

interface Answer {
  status: number;
  body: { data?: { draftProposal?: { id: string; title: string } | null } & Record<string, unknown>; errors?: Errors };
}

describe.each(databasesUnderTest())("idempotent writes and input hygiene through the gateway ($kind)", (db) => {
  let stack: Stack;
  let clerk: string;
  let proposals: DataSource;

  beforeAll(async () => {
    stack = await seededStack(db.freshUrl(), { subgraphTimeoutMs: GATEWAY_TIMEOUT_MS });
    clerk = stack.token({ role: "STAFF", committee: "zhenxiong" });
    proposals = stack.subgraphs.get("proposals")!.databases.get("proposals")!.dataSource;
  });
  afterAll(() => stack?.stop());

  const post = async (body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${clerk}`, ...headers },
      body: body as BodyInit,
    });
    return { status: res.status, body: (await res.json()) as Answer["body"] };
  };
  const gql = (query: string, variables?: object, headers?: Record<string, string>) =>
    post(JSON.stringify({ query, variables }), headers);
  const rowsTitled = async (title: string): Promise<{ id: number }[]> =>
    proposals.query("SELECT id FROM proposal WHERE title = ?", [title]);

  it("a stalled write retried with its key yields one record", async () => {
    const title = `网关超时后重试 ${db.kind} ${Date.now()}`;
    const key = { "Idempotency-Key": `e2e-${db.kind}-${Date.now()}` };
    const stall = stallWrites(proposals);
    let retry: Answer;
    try {
      const first = await gql(DRAFT, { input: draftInput(title) }, key);
      // The gateway gave up: the client was told it failed, and retries with the same key.
      expect(first.body.errors?.length).toBeGreaterThan(0);
      expect(first.body.data?.draftProposal ?? null).toBeNull();
      const retrying = gql(DRAFT, { input: draftInput(title) }, key);
      // The subgraph resumes while the retry is in flight.
      setTimeout(stall.release, 300);
      retry = await retrying;
    } finally {
      stall.restore();
    }
    expect(retry.body.errors).toBeUndefined();
    const rows = await rowsTitled(title);
    expect(rows).toHaveLength(1);
    expect(retry.body.data?.draftProposal).toMatchObject({ id: String(rows[0].id), title, status: "DRAFT" });
    // Once more, later: still the one record, and the same answer.
    const third = await gql(DRAFT, { input: draftInput(title) }, key);
    expect(third.body).toEqual(retry.body);
    expect(await rowsTitled(title)).toHaveLength(1);
  });

  it("refuses the key reused for another change, naming the key", async () => {
    const key = { "Idempotency-Key": `e2e-reuse-${db.kind}-${Date.now()}` };
    const first = await gql(DRAFT, { input: draftInput(`第一件 ${db.kind}`) }, key);
    expect(first.body.errors).toBeUndefined();
    const other = await gql(DRAFT, { input: draftInput(`第二件 ${db.kind}`) }, key);
    expect(other.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "Idempotency-Key" });
    expect(await rowsTitled(`第二件 ${db.kind}`)).toHaveLength(0);
  });

  it("refuses control characters in a nested input, naming the field, and stores nothing", async () => {
    const title = `附件名含控制字符 ${db.kind}`;
    const attachments = [
      { fileName: "调研报告.pdf", mimeType: "application/pdf", sizeBytes: 10 },
      { fileName: "照片\u0000.jpg", mimeType: "image/jpeg", sizeBytes: 10 },
    ];
    const r = await gql(DRAFT, { input: draftInput(title, { attachments }) });
    expect(r.body.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.attachments[1].fileName",
    });
    const surrogate = await gql(DRAFT, { input: draftInput(`半个表情 \ud83d ${db.kind}`) });
    expect(surrogate.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    expect(await rowsTitled(title)).toHaveLength(0);
  });

  it("answers 400 with a JSON error to a body that is not UTF-8", async () => {
    const r = await post(
      Buffer.concat([
        Buffer.from('{"query":"{ committees { name } }","variables":{"x":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}}'),
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses ids that are not plain decimal", async () => {
    const city = stack.token({ role: "STAFF", committee: "zhaotong" });
    for (const id of ["0x10", "1e1", " 12", "+3", "1.0"]) {
      const res = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${city}` },
        body: JSON.stringify({ query: `query ($id: ID!) { proposal(id: $id) { id } }`, variables: { id } }),
      });
      const r = (await res.json()) as Answer["body"];
      const { code, field } = r.errors?.[0].extensions ?? {};
      expect({ id, code, field }).toEqual({ id, code: "BAD_USER_INPUT", field: "id" });
    }
  });
});
