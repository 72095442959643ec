import {
  countyOverviewExample,
  type ExampleOperation,
  EXAMPLES,
  figuresPathNextTo,
  readCsv,
  runnableExamples,
  type RunningGateway,
  startGateway,
} from "@tongxin/gateway";
import {
  DEFAULT_PLUGINS_CONFIG,
  enablePlugin,
  startStack,
  STACK_INTERNAL_SECRET,
  STACK_JWT_SECRET,
  type Stack,
} from "@tongxin/infra";
import { readPluginsConfig, writePluginsConfig } from "@tongxin/plugin-host";
import ExcelJS from "exceljs";
import { getIntrospectionQuery } from "graphql";

/**
 * The dashboard's server side and the explorer's examples against the whole platform:
 * report downloads equal the statistics fields they name, the scope rules of the API
 * apply to them unchanged, the page needs no introspection, and a plugin switched on
 * while running appears in the dashboard's configuration and the explorer by itself.
 */

type Result<T = Record<string, unknown>> = {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

const YEAR = 2023;

describe("dashboard, report downloads and explorer examples through the gateway (sqlite)", () => {
  let stack: Stack;
  let base: string;
  let city: string;

  beforeAll(async () => {
    // Chishui starts switched off everywhere: the last test switches it on while running.
    const config = readPluginsConfig(DEFAULT_PLUGINS_CONFIG);
    for (const host of config.hosts) if ("plugins" in host) delete host.plugins.chishui;
    stack = await startStack({ databaseUrl: "sqlite::memory:", seed: true, pluginsConfig: config });
    base = new URL(stack.gatewayUrl).origin;
    city = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  /** POST /graphql with an operation name: the examples hold several operations each. */
  async function run<T = Record<string, unknown>>(
    token: string,
    query: string,
    operationName: string,
    variables: Record<string, unknown>,
  ): Promise<Result<T>> {
    const res = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, operationName, variables }),
    });
    return (await res.json()) as Result<T>;
  }

  type Stat = { field: string; args: string[]; figures: { key: string }[] };
  const dashboardStats = async () =>
    ((await (await fetch(`${base}/dashboard/config.json`)).json()) as { stats: Stat[] }).stats;
  /** The explorer's tabs: the county overview written from the figure metadata, then the fixed examples. */
  let examples: ExampleOperation[] = EXAMPLES;

  const example = (operation: string) => {
    const found = examples.find((e) => new RegExp(`(query|mutation) ${operation}\\b`).test(e.query));
    if (!found) throw new Error(`no example defines ${operation}`);
    return found;
  };

  const download = (ext: "csv" | "xlsx", params: string, token?: string) =>
    fetch(`${base}/reports/annual-report.${ext}?${params}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it("runs every example query of the explorer without an error", async () => {
    examples = [countyOverviewExample(await dashboardStats()), ...EXAMPLES];
    const runnable = runnableExamples(examples, stack.gateway.schema());
    // Everything but the switched-off plugin's tab is offered.
    expect(examples.filter((e) => !runnable.includes(e)).map((e) => e.title)).toEqual([
      "赤水河流域保护监督 Chishui basin (plugin)",
    ]);
    expect(example("CountyOverview").query).toContain("courtyardStats(year: $year) { sessions");
    expect(example("CountyOverview").query).not.toContain("chishuiStats");
    const queries: [string, Record<string, unknown>][] = [
      ["CountyOverview", { code: "zhenxiong", year: YEAR }],
      ["CityAggregate", { year: YEAR }],
      ["AnnualReport", { committee: "zhaotong", year: YEAR }],
      ["Members", { committee: "zhenxiong" }],
      ["MemberRecord", { id: "1" }],
      ["Proposals", { committee: "zhaotong", year: YEAR }],
      ["OpinionReports", { committee: "zhaotong", year: YEAR }],
      ["Studios", { committee: "zhenxiong" }],
      ["Training", { committee: "zhaotong", year: YEAR }],
      ["Courtyard", { committee: "zhenxiong", year: YEAR }],
    ];
    for (const [operation, variables] of queries) {
      const r = await run(city, example(operation).query, operation, variables);
      expect({ operation, errors: r.errors }).toEqual({ operation, errors: undefined });
    }
    const overview = await run<{ committee: { courtyardStats: unknown; chishuiStats: unknown } }>(
      city,
      example("CountyOverview").query,
      "CountyOverview",
      { code: "zhenxiong", year: YEAR },
    );
    expect(overview.data!.committee.courtyardStats).not.toBeNull();
  });

  it("walks a proposal from draft to closed with the workflow example's operations and four tokens", async () => {
    const { query } = example("ProposalWorkflow");
    const people = await run<{
      members: { edges: { node: { id: string } }[] };
      handlingUnits: { id: string }[];
    }>(city, query, "ProposalWorkflow", { committee: "zhaotong" });
    expect(people.errors).toBeUndefined();
    const [lead, coSigner] = people.data!.members.edges.map((e) => e.node.id);
    const unit = people.data!.handlingUnits[0].id;
    const leadToken = stack.token({ role: "MEMBER", member: lead });
    const unitToken = stack.token({ role: "UNIT", unit });

    const drafted = await run<{ draftProposal: { id: string; status: string } }>(leadToken, query, "DraftProposal", {
      committee: "zhaotong",
      coSigner,
    });
    expect(drafted.errors).toBeUndefined();
    const id = drafted.data!.draftProposal.id;
    const steps: [string, string, Record<string, unknown>, string][] = [
      [stack.token({ role: "MEMBER", member: coSigner }), "CoSign", {}, "DRAFT"],
      [leadToken, "SubmitProposal", {}, "SUBMITTED"],
      [city, "ReviewProposal", {}, "FILED"],
      [city, "AssignProposal", { unit }, "ASSIGNED"],
      [unitToken, "AcceptAssignment", {}, "ASSIGNED"],
      [unitToken, "ReplyToProposal", {}, "REPLIED"],
      [leadToken, "EvaluateReply", {}, "CLOSED"],
    ];
    for (const [token, operation, variables, status] of steps) {
      const r = await run<Record<string, { status: string }>>(token, query, operation, { id, ...variables });
      expect({ operation, errors: r.errors }).toEqual({ operation, errors: undefined });
      expect(Object.values(r.data!)[0].status).toBe(status);
    }
    // Closing is for proposals the proposer never evaluated: this one is closed already.
    const close = await run(city, query, "CloseProposal", { id });
    expect(close.errors?.[0].extensions?.code).toBe("INVALID_TRANSITION");
    const timeline = await run<{ proposal: { status: string; timeline: { to: string }[] } }>(
      leadToken,
      query,
      "Timeline",
      { id },
    );
    expect(timeline.data!.proposal.status).toBe("CLOSED");
    expect(timeline.data!.proposal.timeline.map((e) => e.to).slice(-1)).toEqual(["CLOSED"]);
  });

  it("downloads figures equal to the statistics fields their source names", async () => {
    const res = await download("csv", `committee=zhaotong&year=${YEAR}`, city);
    expect(res.status).toBe(200);
    const rows = readCsv(
      Buffer.from(await res.arrayBuffer())
        .toString("utf8")
        .slice(1),
    ).slice(1);
    const simple = rows
      .map((r) => ({ key: r[1], value: r[4], source: /^(\w+)(\(includeDescendants: true\))?\.(\w+)$/.exec(r[6]) }))
      .filter((r) => r.source);
    // members, proposals, opinion reports, studios, training, courtyard: at least one figure each.
    const fields = new Set(simple.map((r) => r.source![1]));
    expect([...fields].sort()).toEqual(
      expect.arrayContaining([
        "courtyardStats",
        "memberStats",
        "opinionReportStats",
        "proposalStats",
        "studioStats",
        "trainingStats",
      ]),
    );
    // One selection per statistics field and arguments (aliases only where the same field is asked
    // with and without descendants): the gateway's alias limit applies to tests as to any client.
    const aliasOf = (m: RegExpExecArray) => `${m[1]}${m[2] ? "WithDescendants" : ""}`;
    const keysOf = new Map<string, { m: RegExpExecArray; keys: Set<string> }>();
    for (const r of simple) {
      const entry = keysOf.get(aliasOf(r.source!)) ?? { m: r.source!, keys: new Set<string>() };
      entry.keys.add(r.source![3]);
      keysOf.set(aliasOf(r.source!), entry);
    }
    const selections = [...keysOf].map(
      ([alias, { m, keys }]) =>
        `${alias}: ${m[1]}(year: ${YEAR}${m[2] ? ", includeDescendants: true" : ""}) { ${[...keys].join(" ")} }`,
    );
    const stats = await run<{ committee: Record<string, Record<string, number | null>> }>(
      city,
      `query Stats { committee(code: "zhaotong") { ${selections.join(" ")} } }`,
      "Stats",
      {},
    );
    expect(stats.errors).toBeUndefined();
    simple.forEach((r) => {
      const v = stats.data!.committee[aliasOf(r.source!)][r.source![3]];
      expect([r.key, r.value]).toEqual([r.key, v === null ? "" : String(v)]);
    });
    // The figures the source report prints for 2023, as the demo data is calibrated.
    const value = (key: string) => rows.find((r) => r[1] === key)?.[4];
    expect(value("commitmentsSigned")).toBe("394");
    expect(value("studioMembers")).toBe("226");
    expect(value("courtyardSessionsPufa")).toBe("162");
  });

  it("gives a county the same figures in XLSX as in CSV, and only its own", async () => {
    const county = stack.token({ role: "STAFF", committee: "zhenxiong" });
    const csv = await download("csv", `committee=zhenxiong&year=${YEAR}`, county);
    const xlsx = await download("xlsx", `committee=zhenxiong&year=${YEAR}`, county);
    expect([csv.status, xlsx.status]).toEqual([200, 200]);
    const rows = readCsv(
      Buffer.from(await csv.arrayBuffer())
        .toString("utf8")
        .slice(1),
    ).slice(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount - 1).toBe(rows.length);
    rows.forEach((r, i) => {
      const cells = sheet.getRow(i + 2);
      expect([cells.getCell(2).value, String(cells.getCell(5).value ?? "")]).toEqual([r[1], r[4]]);
    });
    const cityReport = await download("csv", `committee=zhaotong&year=${YEAR}`, county);
    expect(cityReport.status).toBe(403);
    expect((await cityReport.json()).error.code).toBe("FORBIDDEN");
  });

  it("refuses downloads without a valid token, with bad parameters, for unknown committees", async () => {
    const none = await download("csv", `committee=zhaotong&year=${YEAR}`);
    expect(none.status).toBe(401);
    const expired = await download(
      "xlsx",
      `committee=zhaotong&year=${YEAR}`,
      stack.token({ role: "STAFF", committee: "zhaotong", expiresIn: -10 }),
    );
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe("UNAUTHENTICATED");
    const badYear = await download("csv", "committee=zhaotong&year=1800", city);
    expect(badYear.status).toBe(400);
    expect((await badYear.json()).error).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
    const noYear = await download("csv", "committee=zhaotong", city);
    expect((await noYear.json()).error.field).toBe("year");
    const unknown = await download("csv", `committee=atlantis&year=${YEAR}`, city);
    expect(unknown.status).toBe(404);
  });

  describe("in production, with introspection and the explorer off", () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startGateway({
        supergraphPath: stack.supergraphPath,
        figuresPath: figuresPathNextTo(stack.supergraphPath),
        internalSecret: STACK_INTERNAL_SECRET,
        jwt: { jwtSecret: STACK_JWT_SECRET },
        production: true,
        introspection: false,
        explorer: false,
        explorerToken: city,
        port: 0,
        log: () => undefined,
      });
    });
    afterAll(() => gateway?.stop());

    it("still serves the dashboard everything it needs, and no development token", async () => {
      const origin = new URL(gateway.url).origin;
      const introspection = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${city}` },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      });
      expect(((await introspection.json()) as Result).errors?.[0].message).toMatch(/introspection/i);
      const explorer = await fetch(gateway.url, { headers: { accept: "text/html" } });
      expect(await explorer.text()).not.toContain("GraphiQL");

      const config = await (await fetch(`${origin}/dashboard/config.json`)).json();
      expect(config.developmentToken).toBeNull();
      expect(config.stats.map((s: { field: string }) => s.field)).toEqual(
        expect.arrayContaining([
          "memberStats",
          "proposalStats",
          "opinionReportStats",
          "studioStats",
          "trainingStats",
          "courtyardStats",
        ]),
      );
      expect(config.report.selection).toContain("opinionReports { ...ReportSectionFields }");
      expect((await fetch(`${origin}/dashboard`)).status).toBe(200);
      const csv = await fetch(`${origin}/reports/annual-report.csv?committee=zhaotong&year=${YEAR}`, {
        headers: { authorization: `Bearer ${city}` },
      });
      expect(csv.status).toBe(200);
    });
  });

  it("offers a plugin switched on while running, in the dashboard and the explorer, without a restart", async () => {
    const fields = async () => (await dashboardStats()).map((s) => s.field);
    expect(await fields()).not.toContain("chishuiStats");
    let config = readPluginsConfig(stack.pluginsConfigPath);
    config = enablePlugin(enablePlugin(config, "chishui", "zhenxiong"), "chishui", "weixin");
    writePluginsConfig(stack.pluginsConfigPath, config);
    await stack.recompose();
    const deadline = Date.now() + 60_000; // polls every 100 ms; the margin is for a busy machine
    while (!(await fields()).includes("chishuiStats") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await fields()).toContain("chishuiStats");
    const explorer = await fetch(stack.gatewayUrl, { headers: { accept: "text/html" } });
    const page = await explorer.text();
    expect(page).toContain("query Chishui(");
    expect(page).toContain("chishuiStats(year: $year) { sectionsMeetingTarget");
    examples = [countyOverviewExample(await dashboardStats()), ...EXAMPLES];
    expect(runnableExamples(examples, stack.gateway.schema())).toEqual(examples);
    const overview = await run<{ committee: { chishuiStats: unknown } }>(
      city,
      example("CountyOverview").query,
      "CountyOverview",
      {
        code: "zhenxiong",
        year: YEAR,
      },
    );
    expect(overview.errors).toBeUndefined();
    expect(overview.data!.committee.chishuiStats).not.toBeNull();
  });
});
