import { SYSTEM } from "@tongxin/sdk";
import { databasesUnderTest, member, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { ProposalAction, ProposalEvent } from "./proposal-event.entity";
import { Proposal, ProposalStatus } from "./proposal.entity";
import { PROPOSAL_WORKFLOW } from "./proposal.workflow";
import { codeOf, ok, startProposalsSubgraph } from "../testing/fixtures";
import { M, proposalAt, type Stage } from "../testing/steps";

const FIELDS = "id number status version handlingRound evaluation closedOn";
const DRAFT = `mutation($i: DraftProposalInput!) { draftProposal(input: $i) { ${FIELDS} } }`;
const draftInput = (extra: Record<string, unknown> = {}) => ({
  title: "关于加快城乡“两污”基础设施建设的建议",
  body: "建议统筹资金, 分年度推进乡镇污水和垃圾处理设施建设。",
  category: "ECOLOGY",
  ...extra,
});

describe.each(databasesUnderTest())("proposal workflow ($kind)", (db) => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startProposalsSubgraph(db.freshUrl());
  });
  afterAll(() => sg?.stop());

  it("walks a member proposal from draft to closed, one event per step", async () => {
    const drafted = await ok(sg, member(1), DRAFT, { i: draftInput({ coSignerIds: ["2", "3"] }) });
    const id = drafted.draftProposal.id;
    expect(drafted.draftProposal).toMatchObject({ status: "DRAFT", number: null });
    await ok(sg, member(2), `mutation($id: ID!) { coSignProposal(id: $id) { id } }`, { id });
    const submitted = await ok(sg, member(1), `mutation($id: ID!) { submitProposal(id: $id) { ${FIELDS} } }`, { id });
    expect(submitted.submitProposal.status).toBe("SUBMITTED");
    expect(submitted.submitProposal.number).toMatch(/^\d{4}-001$/);
    await ok(
      sg,
      staff("zhaotong"),
      `mutation($id: ID!) { reviewProposal(id: $id, input: { decision: FILED }) { id } }`,
      {
        id,
      },
    );
    await ok(
      sg,
      staff("zhaotong"),
      `mutation($id: ID!) { assignProposal(id: $id, input: { leadUnitId: "1", assistingUnitIds: ["2"] }) { id dueOn } }`,
      { id },
    );
    await ok(sg, unit(1), `mutation($id: ID!) { acceptAssignment(id: $id) { id } }`, { id });
    const replied = await ok(
      sg,
      unit(1),
      `mutation($id: ID!) { replyToProposal(id: $id, input: { replyClass: A, body: "已纳入年度计划并实施。" }) { ${FIELDS} } }`,
      { id },
    );
    expect(replied.replyToProposal.status).toBe("REPLIED");
    const closed = await ok(
      sg,
      member(1),
      `mutation($id: ID!) { evaluateReply(id: $id, input: { evaluation: SATISFIED }) { ${FIELDS} } }`,
      { id },
    );
    expect(closed.evaluateReply).toMatchObject({ status: "CLOSED", evaluation: "SATISFIED" });

    const t = await ok(
      sg,
      SYSTEM,
      `query($id: ID!) { proposal(id: $id) { coSigners(includeLapsed: true) { status member { id } } timeline { action from to actorRole actorSubject } } }`,
      { id },
    );
    expect(t.proposal.coSigners).toEqual([
      { status: "SIGNED", member: { id: "2" } },
      { status: "LAPSED", member: { id: "3" } },
    ]);
    expect(t.proposal.timeline.map((e: { action: string; to: string }) => `${e.action}>${e.to}`)).toEqual([
      "DRAFT>DRAFT",
      "INVITE_COSIGNERS>DRAFT",
      "COSIGN>DRAFT",
      "SUBMIT>SUBMITTED",
      "FILE>FILED",
      "ASSIGN>ASSIGNED",
      "ACCEPT>ASSIGNED",
      "REPLY>REPLIED",
      "EVALUATE>CLOSED",
    ]);
    expect(t.proposal.timeline[2]).toMatchObject({ actorRole: "MEMBER", actorSubject: "member:2" });
    expect(t.proposal.timeline[4]).toMatchObject({ actorRole: "STAFF", actorSubject: "staff:zhaotong" });
    expect(t.proposal.timeline[7]).toMatchObject({ actorRole: "UNIT", actorSubject: "unit:1" });
    const em = sg.databases.get("proposals")!.dataSource.manager;
    expect(await em.countBy(ProposalEvent, { proposalId: Number(id) })).toBe(9);
    // Drafting creates version 1; each later event moves it on once.
    expect((await em.findOneByOrFail(Proposal, { id: Number(id) })).version).toBe(8);
  });

  const TIMELINE = `query($id: ID!) { proposal(id: $id) { status handlingRound dueOn evaluation timeline { action from to } assignments { unit { id } role round status } replies { round role replyClass } } }`;
  const steps = (t: { timeline: { action: string; to: string }[] }) => t.timeline.map((e) => `${e.action}>${e.to}`);

  it("reopens handling after an UNSATISFIED evaluation, with a new three-month due date", async () => {
    const id = await proposalAt(sg, "ACCEPTED");
    await ok(sg, unit(1), M.reply, { id, i: { replyClass: "D", body: "留作参考。" } });
    const reopened = await ok(sg, member(1), M.evaluate, {
      id,
      i: { evaluation: "UNSATISFIED", note: "答复未回应核心问题" },
    });
    expect(reopened.evaluateReply).toMatchObject({ status: "ASSIGNED", evaluation: "UNSATISFIED", handlingRound: 2 });
    const due = new Date();
    due.setUTCMonth(due.getUTCMonth() + 3);
    expect(Math.abs(Date.parse(reopened.evaluateReply.dueOn) - due.getTime())).toBeLessThan(3 * 86_400_000);
    await ok(sg, unit(1), M.reply, { id, i: { replyClass: "A", body: "已重新办理并解决。" } });
    await ok(sg, member(1), M.evaluate, { id, i: { evaluation: "BASICALLY_SATISFIED" } });
    const t = (await ok(sg, SYSTEM, TIMELINE, { id })).proposal;
    expect(t).toMatchObject({ status: "CLOSED", evaluation: "BASICALLY_SATISFIED", handlingRound: 2 });
    expect(steps(t).slice(-4)).toEqual(["REPLY>REPLIED", "EVALUATE>ASSIGNED", "REPLY>REPLIED", "EVALUATE>CLOSED"]);
    expect(t.assignments).toEqual([
      { unit: { id: "1" }, role: "LEAD", round: 1, status: "REPLIED" },
      { unit: { id: "1" }, role: "LEAD", round: 2, status: "REPLIED" },
    ]);
    expect(t.replies.map((r: { replyClass: string }) => r.replyClass)).toEqual(["D", "A"]);
  });

  it("sends a returned proposal back to FILED and lets the office assign it again", async () => {
    const id = await proposalAt(sg, "FILED");
    await ok(sg, staff("zhaotong"), M.assign, { id, i: { leadUnitId: "2", assistingUnitIds: ["1"] } });
    await ok(sg, unit(1), M.accept, { id });
    const returned = await ok(sg, unit(2), M.giveBack, { id, r: "所提事项属教育部门职责" });
    expect(returned.returnAssignment.status).toBe("FILED");
    // The assisting unit keeps what it was shown, but the round is withdrawn.
    expect(codeOf((await sg.query(unit(1), M.reply, { id, i: { replyClass: "A", body: "x" } })).errors)).toBe(
      "INVALID_TRANSITION",
    );
    await ok(sg, staff("zhaotong"), M.assign, { id, i: { leadUnitId: "1" } });
    await ok(sg, unit(1), M.accept, { id });
    await ok(sg, unit(1), M.reply, { id, i: { replyClass: "B", body: "正在解决。" } });
    const t = (await ok(sg, SYSTEM, TIMELINE, { id })).proposal;
    expect(t.assignments).toEqual([
      { unit: { id: "2" }, role: "LEAD", round: 1, status: "RETURNED" },
      { unit: { id: "1" }, role: "ASSISTING", round: 1, status: "CANCELLED" },
      { unit: { id: "1" }, role: "LEAD", round: 2, status: "REPLIED" },
    ]);
    expect(steps(t)).toContain("RETURN>FILED");
    expect(t.status).toBe("REPLIED");
  });

  it("lets an assisting unit reply without making the proposal REPLIED", async () => {
    const id = await proposalAt(sg, "FILED");
    await ok(sg, staff("zhaotong"), M.assign, { id, i: { leadUnitId: "1", assistingUnitIds: ["2"] } });
    await ok(sg, unit(2), M.accept, { id });
    const r = await ok(sg, unit(2), M.reply, { id, i: { replyClass: "B", body: "协办意见已送主办单位。" } });
    expect(r.replyToProposal.status).toBe("ASSIGNED");
    expect(codeOf((await sg.query(unit(1), M.reply, { id, i: { replyClass: "A", body: "x" } })).errors)).toBe(
      "INVALID_TRANSITION",
    );
  });

  it("runs a collective proposal through the office, which also records the evaluation", async () => {
    const d = await ok(sg, staff("zhaotong"), DRAFT, {
      i: draftInput({ collectiveProposer: "民盟昭通市委员会", collectiveProposerType: "PARTY" }),
    });
    const id = d.draftProposal.id;
    await ok(sg, staff("zhaotong"), M.submit, { id });
    await ok(sg, staff("zhaotong"), M.review, { id, i: { decision: "FILED" } });
    await ok(sg, staff("zhaotong"), M.assign, { id, i: { leadUnitId: "1" } });
    await ok(sg, unit(1), M.accept, { id });
    await ok(sg, unit(1), M.reply, { id, i: { replyClass: "A", body: "已采纳。" } });
    expect(codeOf((await sg.query(member(1), M.evaluate, { id, i: { evaluation: "SATISFIED" } })).errors)).toBe(
      "NOT_FOUND",
    );
    const closed = await ok(sg, staff("zhaotong"), M.evaluate, { id, i: { evaluation: "SATISFIED" } });
    expect(closed.evaluateReply.status).toBe("CLOSED");
    const p = await ok(
      sg,
      SYSTEM,
      `query($id: ID!) { proposal(id: $id) { kind collectiveProposer leadProposer { id } } }`,
      {
        id,
      },
    );
    expect(p.proposal).toEqual({ kind: "COLLECTIVE", collectiveProposer: "民盟昭通市委员会", leadProposer: null });
  });

  it("marks key proposals and rates only a key proposal's reply excellent, once", async () => {
    const id = await proposalAt(sg, "FILED");
    const plain = await proposalAt(sg, "REPLIED");
    await ok(sg, staff("zhaotong"), M.markKey, { id, i: { supervisingLeader: "市政协副主席" } });
    expect(codeOf((await sg.query(staff("zhaotong"), M.excellent, { id })).errors)).toBe("INVALID_TRANSITION");
    await ok(sg, staff("zhaotong"), M.assign, { id, i: { leadUnitId: "1" } });
    await ok(sg, unit(1), M.accept, { id });
    await ok(sg, unit(1), M.reply, { id, i: { replyClass: "A", body: "已采纳。" } });
    const rated = await ok(sg, staff("zhaotong"), M.excellent, { id });
    expect(rated.rateKeyReplyExcellent.keyReplyExcellent).toBe(true);
    expect(codeOf((await sg.query(staff("zhaotong"), M.excellent, { id })).errors)).toBe("INVALID_TRANSITION");
    expect(codeOf((await sg.query(staff("zhaotong"), M.excellent, { id: plain })).errors)).toBe("INVALID_TRANSITION");
    expect(
      codeOf((await sg.query(staff("zhenxiong"), M.markKey, { id: plain, i: { supervisingLeader: "x" } })).errors),
    ).toBe("NOT_FOUND");
  });

  it("merges into a filed proposal and converts a not-filed one to an opinion report, once", async () => {
    const merged = await proposalAt(sg, "MERGED");
    const m = await ok(
      sg,
      staff("zhaotong"),
      `query($id: ID!) { proposal(id: $id) { status mergedInto { status } } }`,
      {
        id: merged,
      },
    );
    expect(m.proposal).toEqual({ status: "MERGED", mergedInto: { status: "FILED" } });
    const notFiled = await proposalAt(sg, "NOT_FILED");
    const report = await ok(sg, staff("zhaotong"), M.convert, { id: notFiled });
    expect(report.convertProposalToOpinionReport).toMatchObject({
      status: "SUBMITTED",
      sourceProposal: { id: notFiled },
    });
    expect(codeOf((await sg.query(staff("zhaotong"), M.convert, { id: notFiled })).errors)).toBe("INVALID_TRANSITION");
    const mine = await ok(
      sg,
      member(1),
      `query($id: ID!) { proposal(id: $id) { status opinionReport { id submitter { id } } } }`,
      {
        id: notFiled,
      },
    );
    expect(mine.proposal).toEqual({
      status: "NOT_FILED",
      opinionReport: { id: report.convertProposalToOpinionReport.id, submitter: { id: "1" } },
    });
  });

  it("enforces the co-signing deadline and lets the lead withdraw an invitation", async () => {
    const d = await ok(sg, member(1), DRAFT, { i: draftInput({ coSignerIds: ["2", "3"] }) });
    const id = d.draftProposal.id;
    await sg.databases
      .get("proposals")!
      .dataSource.manager.update(Proposal, { id: Number(id) }, { coSignDeadline: "2020-01-01" });
    const late = await sg.query(member(2), M.coSign, { id });
    expect(codeOf(late.errors)).toBe("INVALID_TRANSITION");
    expect(late.errors![0].message).toContain("2020-01-01");
    await ok(sg, member(1), `mutation($id: ID!) { withdrawCoSignerInvitation(id: $id, memberId: "3") { id } }`, { id });
    expect(codeOf((await sg.query(member(3), M.coSign, { id })).errors)).toBe("NOT_FOUND");
    const again = await sg.query(
      member(1),
      `mutation($id: ID!) { inviteCoSigners(id: $id, memberIds: ["2"]) { id } }`,
      { id },
    );
    expect(again.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "memberIds[0]" });
  });

  it("edits a draft with its attachments, and lets the office only reclassify after submission", async () => {
    const d = await ok(sg, member(1), DRAFT, { i: draftInput() });
    const id = d.draftProposal.id;
    const EDIT = `mutation($id: ID!, $v: Int!, $i: UpdateProposalInput!) { updateProposal(id: $id, version: $v, input: $i) { version title category attachments { fileName sizeBytes } } }`;
    const edited = await ok(sg, member(1), EDIT, {
      id,
      v: 1,
      i: {
        title: "关于推进学前教育普惠发展的建议",
        attachments: [{ fileName: "调研报告.pdf", mimeType: "application/pdf", sizeBytes: 2048 }],
      },
    });
    expect(edited.updateProposal).toMatchObject({
      version: 2,
      title: "关于推进学前教育普惠发展的建议",
      attachments: [{ fileName: "调研报告.pdf", sizeBytes: 2048 }],
    });
    await ok(sg, member(1), M.submit, { id });
    const byLead = await sg.query(member(1), EDIT, { id, v: 3, i: { title: "改标题" } });
    expect(codeOf(byLead.errors)).toBe("FORBIDDEN");
    const titleByOffice = await sg.query(staff("zhaotong"), EDIT, { id, v: 3, i: { title: "改标题" } });
    expect(titleByOffice.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    const reclassified = await ok(sg, staff("zhaotong"), EDIT, { id, v: 3, i: { category: "EDUCATION" } });
    expect(reclassified.updateProposal).toMatchObject({ version: 4, category: "EDUCATION" });
  });

  it("numbers proposals per committee and year", async () => {
    const county = await proposalAt(sg, "SUBMITTED", member(4));
    const r = await ok(sg, SYSTEM, `query($id: ID!) { proposal(id: $id) { number serial } }`, { id: county });
    expect(r.proposal.serial).toBe(1);
    const city = await proposalAt(sg, "SUBMITTED");
    const c = await ok(sg, SYSTEM, `query($id: ID!) { proposal(id: $id) { serial } }`, { id: city });
    expect(c.proposal.serial).toBeGreaterThan(1);
  });

  it("reclassifies and marks key in every state the table allows, and rates a closed key proposal", async () => {
    const office = staff("zhaotong");
    const stageOf: Partial<Record<ProposalStatus, Stage>> = { SUBMITTED: "SUBMITTED", FILED: "FILED" };
    Object.assign(stageOf, { ASSIGNED: "PENDING", REPLIED: "REPLIED" });
    const version = async (id: string) =>
      (await ok(sg, office, `query($id: ID!) { proposal(id: $id) { version } }`, { id })).proposal.version;
    const EDIT = `mutation($id: ID!, $v: Int!, $i: UpdateProposalInput!) { updateProposal(id: $id, version: $v, input: $i) { status category } }`;
    for (const from of PROPOSAL_WORKFLOW.from(ProposalAction.RECLASSIFY)) {
      const id = await proposalAt(sg, stageOf[from]!);
      const r = await ok(sg, office, EDIT, { id, v: await version(id), i: { category: "EDUCATION" } });
      expect(r.updateProposal).toEqual({ status: from, category: "EDUCATION" });
    }
    for (const from of PROPOSAL_WORKFLOW.from(ProposalAction.MARK_KEY)) {
      const id = await proposalAt(sg, stageOf[from]!);
      await ok(sg, office, M.markKey, { id, i: { supervisingLeader: "市政协主席" } });
      if (from !== ProposalStatus.REPLIED) continue;
      // Closed by the office when the proposer did not evaluate; the rating may follow.
      expect((await ok(sg, office, M.close, { id })).closeProposal.status).toBe("CLOSED");
      expect((await ok(sg, office, M.excellent, { id })).rateKeyReplyExcellent.keyReplyExcellent).toBe(true);
    }
  });

  // Last: the steps every test above took through the services, against the table.
  it("takes only steps the workflow table lists, each by a role the row names, and every row is taken", async () => {
    const events = await sg.databases.get("proposals")!.dataSource.manager.find(ProposalEvent);
    const rowOf = (e: ProposalEvent) =>
      PROPOSAL_WORKFLOW.transitions.find((t) => t.from === e.from && t.action === e.action && t.to === e.to);
    const strays = events
      .filter((e) => {
        const row = rowOf(e);
        return !row || (e.actorRole !== "SYSTEM" && !row.roles.includes(e.actorRole as never));
      })
      .map((e) => `${e.from} --${e.action}--> ${e.to} by ${e.actorRole}`);
    expect(strays).toEqual([]);
    // Editing a draft is the one step that writes no event.
    const silent = (t: (typeof PROPOSAL_WORKFLOW.transitions)[number]) => t.from === t.to && t.action === "DRAFT";
    const untaken = PROPOSAL_WORKFLOW.transitions
      .filter((t) => !silent(t) && !events.some((e) => rowOf(e) === t))
      .map((t) => `${t.from} --${t.action}--> ${t.to}`);
    expect(untaken).toEqual([]);
  });
});
