import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Identity } from "@tongxin/sdk";
import ExcelJS from "exceljs";
import express from "express";
import { buildSchema, GraphQLError } from "graphql";
import { dashboardStats, FiguresFile, figuresPathNextTo, reportShape, type FiguresDocument } from "./figures";
import { mountDashboard, type DashboardDeps, type ExecutionResult } from "./routes";

const SCHEMA = buildSchema(`
  type Query {
    committee(code: String!): Committee
    annualReport(committee: String!, year: Int!): AnnualReport
  }
  type Committee {
    code: String!
    name: String!
    memberStats(year: Int, includeDescendants: Boolean = false): MemberStats
    proposalStats(year: Int!, includeDescendants: Boolean = false): ProposalStats
  }
  type MemberStats { activeMembers: Int! bySector: [SectorCount!]! }
  type SectorCount { count: Int! }
  type ProposalStats { received: Int! filingRate: Float }
  type ReportFigure { key: String! title: String! titleEn: String! value: Float kind: String! definition: String! source: String }
  type ReportSection { module: String! title: String! titleEn: String! figures: [ReportFigure!]! }
  type AnnualReport {
    committee: String!
    year: Int!
    committeeName: String
    members: ReportSection
    proposals: ReportSection
    "报告列出但系统尚未登记的数字 (值为 null)"
    notRecorded: [ReportFigure!]!
  }
`);

const FIGURES: FiguresDocument = {
  modules: [
    {
      module: "members",
      title: "委员管理",
      kind: "core",
      stats: [
        {
          field: "memberStats",
          title: "委员",
          titleEn: "Members",
          period: "year",
          figures: [
            { key: "activeMembers", title: "在任委员", titleEn: "Active members", definition: "d", kind: "count" },
            // Not in the schema any more: the page must not ask for it.
            { key: "gone", title: "已删", titleEn: "Gone", definition: "d", kind: "count" },
          ],
        },
      ],
    },
    {
      module: "courtyard",
      title: "院坝协商",
      kind: "plugin",
      // A plugin removed from the supergraph while the figures file still lists it.
      stats: [
        {
          field: "courtyardStats",
          title: "院坝协商",
          titleEn: "Courtyard",
          period: "year",
          figures: [{ key: "sessions", title: "次数", titleEn: "Sessions", definition: "d", kind: "count" }],
        },
      ],
    },
    {
      module: "proposals",
      title: "提案办理",
      kind: "core",
      stats: [
        {
          field: "proposalStats",
          title: "提案",
          titleEn: "Proposals",
          period: "year",
          figures: [
            { key: "received", title: "收到提案", titleEn: "Received", definition: "d", kind: "count" },
            { key: "filingRate", title: "立案率", titleEn: "Filing rate", definition: "d", kind: "rate" },
          ],
        },
      ],
    },
  ],
};

const reportFigure = (key: string, value: number | null, kind = "count") => ({
  key,
  title: key,
  titleEn: key,
  value,
  kind,
  definition: "d",
  source: `proposalStats.${key}`,
});

const REPORT_RESULT: ExecutionResult = {
  data: {
    committee: { code: "zhaotong", name: "昭通市政协" },
    annualReport: {
      committee: "zhaotong",
      year: 2023,
      members: null,
      proposals: {
        module: "proposals",
        title: "提案工作",
        titleEn: "Proposals",
        figures: [reportFigure("received", 225), reportFigure("filingRate", 221 / 225, "rate")],
      },
      notRecorded: [],
    },
  },
};

describe("dashboard and report routes", () => {
  let dir: string;
  let server: http.Server;
  let base: string;
  let result: ExecutionResult;
  const calls: { identity: Identity; query: string; variables: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-dashboard-"));
    const figuresPath = figuresPathNextTo(path.join(dir, "supergraph.graphql"));
    fs.writeFileSync(figuresPath, JSON.stringify(FIGURES));
    const deps: DashboardDeps = {
      figures: new FiguresFile(figuresPath),
      schema: () => SCHEMA,
      authenticate: (req) => {
        if (req.headers.authorization !== "Bearer good") {
          throw new GraphQLError("登录凭证无效 / invalid token", { extensions: { code: "UNAUTHENTICATED" } });
        }
        return { role: "STAFF", committee: "zhaotong", subject: "staff:zhaotong" } as Identity;
      },
      execute: async (identity, query, variables) => {
        calls.push({ identity, query, variables });
        return result;
      },
      developmentToken: "dev.token.here",
      defaultYear: 2023,
      now: () => new Date("2026-11-25T12:00:00+08:00"),
    };
    const app = express();
    mountDashboard(app, deps);
    server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    result = REPORT_RESULT;
    calls.length = 0;
  });

  const get = (p: string, token?: string) =>
    fetch(`${base}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("serves the page with a policy that lets it load nothing but this server", async () => {
    const res = await get("/dashboard");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.every((u) => u.startsWith("/dashboard/") || u === "data:,")).toBe(true);
    for (const u of urls.filter((x) => x.startsWith("/"))) expect((await get(u)).status).toBe(200);
  });

  it("serves ECharts from the local package and only the compiled page modules", async () => {
    const echarts = await get("/dashboard/vendor/echarts.min.js");
    expect(echarts.status).toBe(200);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    expect((await get("/dashboard/js/main.js")).status).toBe(200);
    expect((await get("/dashboard/js/main.d.ts")).status).toBe(404);
    expect((await get("/dashboard/js/..%2Ftsconfig.json")).status).toBe(404);
  });

  it("builds the page's configuration from the figures file and the schema, without introspection", async () => {
    const config = await (await get("/dashboard/config.json")).json();
    expect(config.stats.map((s: { field: string }) => s.field)).toEqual(["memberStats", "proposalStats"]);
    expect(config.stats[0].figures.map((f: { key: string }) => f.key)).toEqual(["activeMembers"]);
    expect(config.stats[1]).toMatchObject({ module: "proposals", plugin: false, args: ["year", "includeDescendants"] });
    expect(config.report.selection).toBe(
      "committee year members { ...ReportSectionFields } proposals { ...ReportSectionFields } notRecorded { ...ReportFigureFields }",
    );
    expect(config.report.lists).toEqual([
      { field: "notRecorded", title: "报告列出但系统尚未登记的数字", titleEn: "Not recorded" },
    ]);
    expect(config.years).toEqual({ first: 2022, last: 2026, default: 2023 });
    expect(config.developmentToken).toBe("dev.token.here");
  });

  it("downloads the report as CSV, running the operation with the caller's identity", async () => {
    const res = await get("/reports/annual-report.csv?committee=zhaotong&year=2023", "good");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toContain('filename="annual-report-zhaotong-2023.csv"');
    const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(
      `提案工作 / Proposals,filingRate,filingRate,filingRate,${221 / 225},d,proposalStats.filingRate`,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].identity).toMatchObject({ role: "STAFF", committee: "zhaotong" });
    expect(calls[0].variables).toEqual({ committee: "zhaotong", year: 2023 });
    expect(calls[0].query).toContain("proposals { ...ReportSectionFields }");
  });

  it("downloads the report as XLSX", async () => {
    const res = await get("/reports/annual-report.xlsx?committee=zhaotong&year=2023", "good");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets[0].getRow(2).getCell(5).value).toBe(225);
  });

  it("refuses without a token, with a bad token, with bad parameters and out of scope", async () => {
    const noToken = await get("/reports/annual-report.csv?committee=zhaotong&year=2023");
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get("www-authenticate")).toBe("Bearer");
    expect((await noToken.json()).error.code).toBe("UNAUTHENTICATED");

    const badToken = await get("/reports/annual-report.csv?committee=zhaotong&year=2023", "bad");
    expect(badToken.status).toBe(401);

    const badYear = await get("/reports/annual-report.xlsx?committee=zhaotong&year=twenty", "good");
    expect(badYear.status).toBe(400);
    expect((await badYear.json()).error).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });

    const noCommittee = await get("/reports/annual-report.csv?year=2023", "good");
    expect(noCommittee.status).toBe(400);
    expect((await noCommittee.json()).error.field).toBe("committee");
    expect(calls).toHaveLength(0);

    result = {
      data: { committee: { code: "weixin", name: "威信县政协" }, annualReport: null },
      errors: [{ message: "无权查看 / forbidden", path: ["annualReport"], extensions: { code: "FORBIDDEN" } }],
    };
    const forbidden = await get("/reports/annual-report.csv?committee=weixin&year=2023", "good");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
  });

  it("fails a download whose operation throws with a 500 and no internals", async () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    result = undefined as unknown as ExecutionResult; // reportFromResult cannot read it
    const res = await get("/reports/annual-report.csv?committee=zhaotong&year=2023", "good");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: "INTERNAL_SERVER_ERROR", message: "服务器内部错误 / internal server error" },
    });
    spy.mockRestore();
  });
});

describe("figures file", () => {
  it("is read again when it changes, and a broken rewrite keeps the last good one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-figures-"));
    const file = path.join(dir, "supergraph.figures.json");
    const logs: string[] = [];
    const figures = new FiguresFile(file, (m) => logs.push(m));
    expect(figures.read().modules).toEqual([]);
    expect(figures.lastError).toBe("figures file not found");

    fs.writeFileSync(file, JSON.stringify({ modules: FIGURES.modules.slice(0, 1) }));
    expect(figures.read().modules.map((m) => m.module)).toEqual(["members"]);
    fs.writeFileSync(file, JSON.stringify(FIGURES));
    // mtime granularity: make the change visible even within the same millisecond.
    fs.utimesSync(file, new Date(), new Date(Date.now() + 2_000));
    expect(figures.read().modules.map((m) => m.module)).toEqual(["members", "courtyard", "proposals"]);

    fs.writeFileSync(file, "{ not json");
    fs.utimesSync(file, new Date(), new Date(Date.now() + 4_000));
    expect(figures.read().modules).toHaveLength(3);
    expect(figures.lastError).toMatch(/JSON/);
    expect(logs.some((l) => l.includes("rejected"))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps only the statistics and scalar figures the schema has", () => {
    const stats = dashboardStats(FIGURES, SCHEMA);
    expect(stats.map((s) => `${s.field}:${s.figures.map((f) => f.key).join(",")}`)).toEqual([
      "memberStats:activeMembers",
      "proposalStats:received,filingRate",
    ]);
    expect(dashboardStats(FIGURES, undefined)).toEqual([]);
    expect(reportShape(buildSchema("type Query { a: Int }"))).toBeNull();
  });
});
