import fs from "node:fs";
import path from "node:path";
import type { Identity } from "@tongxin/sdk";
import express, { type Request, type Response } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import {
  annualReportOperation,
  humanize,
  parseReportParams,
  reportFromResult,
  reportSelection,
  REPORT_FRAGMENTS,
  ReportRequestError,
} from "./annual-report";
import { dashboardStats, reportShape, type DashboardStat, type FiguresFile } from "./figures";
import { annualReportCsv, annualReportXlsx, reportContentDisposition } from "./report-files";

/** The page's static files: HTML and CSS as written, scripts compiled by `tsc -b` (gateway/dashboard). */
export const DASHBOARD_DIR = path.resolve(__dirname, "../../dashboard");
const ECHARTS = require.resolve("echarts/dist/echarts.min.js");

export interface ExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface DashboardDeps {
  figures: FiguresFile;
  /** The API schema being served (changes when the supergraph is reloaded). */
  schema: () => GraphQLSchema | undefined;
  /** Verifies the bearer token as /graphql does; throws UNAUTHENTICATED. */
  authenticate: (req: Request) => Identity;
  /** Runs an operation through the gateway with that identity, as a POST /graphql would. */
  execute: (identity: Identity, query: string, variables: Record<string, unknown>) => Promise<ExecutionResult>;
  /** Offered on the sign-in form; only outside production. */
  developmentToken?: string;
  /** The year the page opens on; defaults to the latest full year. */
  defaultYear?: number;
  /** The first year in the year selector. */
  firstYear?: number;
  now?: () => Date;
}

/** What the page needs to build its one query per view, without introspection. */
export interface DashboardConfig {
  stats: DashboardStat[];
  /** The selection inside `annualReport { … }`; lists are the figure lists outside sections, with titles. */
  report: { selection: string; fragments: string; lists: { field: string; title: string; titleEn: string }[] } | null;
  years: { first: number; last: number; default: number };
  developmentToken: string | null;
  /** Problems the page should show staff (e.g. the figures file is missing). */
  warnings: string[];
}

export function dashboardConfig(deps: DashboardDeps): DashboardConfig {
  const schema = deps.schema();
  const doc = deps.figures.read();
  const shape = reportShape(schema);
  const now = (deps.now ?? (() => new Date()))();
  // Beijing time decides which year is current.
  const thisYear = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
  const first = deps.firstYear ?? 2022;
  const warnings: string[] = [];
  if (deps.figures.lastError) warnings.push(`统计口径文件不可用 / figures file unavailable: ${deps.figures.lastError}`);
  return {
    stats: dashboardStats(doc, schema),
    report: shape
      ? {
          selection: reportSelection(shape),
          fragments: REPORT_FRAGMENTS,
          lists: shape.figureLists.map((l) => ({ ...l, titleEn: humanize(l.field) })),
        }
      : null,
    years: { first, last: thisYear, default: Math.min(Math.max(deps.defaultYear ?? thisYear - 1, first), thisYear) },
    developmentToken: deps.developmentToken ?? null,
    warnings,
  };
}

/**
 * The browser may load only this gateway: scripts, styles, fonts, data and images from
 * 'self'. ECharts writes its tooltips' inline style attributes, hence 'unsafe-inline' for
 * styles only.
 */
const PAGE_SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

function sendError(res: Response, e: unknown) {
  const err =
    e instanceof ReportRequestError
      ? e
      : e instanceof GraphQLError && e.extensions?.code === "UNAUTHENTICATED"
        ? new ReportRequestError(401, "UNAUTHENTICATED", e.message)
        : new ReportRequestError(500, "INTERNAL_SERVER_ERROR", "服务器内部错误 / internal server error");
  if (err.status === 500) console.error("[gateway] annual report download failed:", e);
  if (err.status === 401) res.setHeader("WWW-Authenticate", "Bearer");
  res.status(err.status).json(err.toJSON());
}

/** GET /dashboard (the page, its scripts, ECharts, config.json) and GET /reports/annual-report.{csv,xlsx}. */
export function mountDashboard(app: express.Express, deps: DashboardDeps): void {
  const page = path.join(DASHBOARD_DIR, "index.html");
  const sendPage = (_req: Request, res: Response) => {
    if (!fs.existsSync(path.join(DASHBOARD_DIR, "dist", "main.js"))) {
      res
        .status(503)
        .type("text")
        .send("仪表盘尚未构建, 请先运行 npm run build / the dashboard is not built: run npm run build");
      return;
    }
    res.set({ ...PAGE_SECURITY_HEADERS, "Cache-Control": "no-cache" }).sendFile(page);
  };
  app.get("/dashboard", sendPage);
  app.get("/dashboard/", sendPage);
  app.get("/dashboard/config.json", (_req, res) => {
    res.set("Cache-Control", "no-store").json(dashboardConfig(deps));
  });
  app.get("/dashboard/dashboard.css", (_req, res) => {
    res.set("Cache-Control", "no-cache").sendFile(path.join(DASHBOARD_DIR, "dashboard.css"));
  });
  app.get("/dashboard/vendor/echarts.min.js", (_req, res) => {
    res.set("Cache-Control", "public, max-age=86400").sendFile(ECHARTS);
  });
  app.get("/dashboard/js/:file", (req, res, next) => {
    // Only the compiled modules: not their maps, declarations or anything beside them.
    if (!/^[a-z][a-z0-9-]*\.js$/.test(req.params.file)) return next();
    res.set("Cache-Control", "no-cache").sendFile(path.join(DASHBOARD_DIR, "dist", req.params.file), (e) => {
      if (e) next();
    });
  });

  const download = (ext: "csv" | "xlsx") => async (req: Request, res: Response) => {
    try {
      if (!req.headers.authorization) {
        throw new ReportRequestError(
          401,
          "UNAUTHENTICATED",
          "请先登录: 请求需带 Authorization: Bearer <令牌> / sign in: send Authorization: Bearer <token>",
        );
      }
      const identity = deps.authenticate(req);
      const { committee, year } = parseReportParams(req.query as Record<string, unknown>);
      const shape = reportShape(deps.schema());
      if (!shape)
        throw new ReportRequestError(503, "UNAVAILABLE", "年度工作报告暂不可用 / the annual report is not served");
      const result = await deps.execute(identity, annualReportOperation(shape), { committee, year });
      const statOrder = deps.figures.read().modules.flatMap((m) => m.stats.map((s) => s.field));
      const report = reportFromResult(result, shape, statOrder);
      const body = ext === "csv" ? annualReportCsv(report) : await annualReportXlsx(report);
      res
        .status(200)
        .set({
          "Content-Type":
            ext === "csv"
              ? "text/csv; charset=utf-8"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": reportContentDisposition(report, ext),
          "Cache-Control": "no-store",
        })
        .send(body);
    } catch (e) {
      sendError(res, e);
    }
  };
  app.get("/reports/annual-report.csv", download("csv"));
  app.get("/reports/annual-report.xlsx", download("xlsx"));
}
