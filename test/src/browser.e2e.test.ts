/// <reference lib="dom" />
// (page.$$eval and waitForFunction callbacks run in the browser.)
import fs from "node:fs";
import path from "node:path";
import { readCsv } from "@tongxin/gateway";
import type { Stack } from "@tongxin/infra";
import { signUserToken } from "@tongxin/sdk";
import ExcelJS from "exceljs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { seededStack } from "./helpers";

/**
 * The dashboard and the explorer as a person sees them: headless Chromium (the Debian
 * package, driven by playwright-core) against the seeded platform. Chromium missing is a
 * failure, not a skip: CI installs it (.ci/run).
 */
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOTS = path.resolve(__dirname, "../../screenshots");
const YEAR = 2023;

type Values = Record<string, number | null>;
interface Cell {
  row: string;
  committee: string;
  field: string;
  key: string;
  value: string;
  text: string;
  title: string;
}

/** As the page formats them: counts with separators, rates as percentages with one decimal. */
const formatted = (v: number | null, kind: "count" | "rate") =>
  v === null ? "—" : kind === "rate" ? `${(v * 100).toFixed(1)}%` : v.toLocaleString("zh-CN");

describe("dashboard and explorer in headless Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  let base: string;
  let cityToken: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium (.ci/run installs it)`);
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    let started = Date.now();
    stack = await seededStack("sqlite::memory:");
    timings.stackStartMs = Date.now() - started;
    base = new URL(stack.gatewayUrl).origin;
    cityToken = stack.token({ role: "STAFF", committee: "zhaotong" });
    started = Date.now();
    // launch() gives every run a fresh temporary profile; each test's context is isolated on top.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    timings.browserLaunchMs = Date.now() - started;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (fs.existsSync(SCREENSHOTS)) {
      fs.writeFileSync(path.join(SCREENSHOTS, "browser-timings.json"), `${JSON.stringify(timings, null, 2)}\n`);
    }
  });

  /** A fresh context that records every request and every console error of its pages. */
  async function openContext() {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const requests: string[] = [];
    const problems: string[] = [];
    context.on("request", (r) => requests.push(r.url()));
    context.on("page", (p) => {
      p.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      p.on("pageerror", (e) => problems.push(e.message));
    });
    return { context, requests, problems };
  }

  const graphqlPosts = (requests: string[]) => requests.filter((u) => u === `${base}/graphql`).length;

  /** Every request went to the gateway: blob: URLs are the page's own, minted by the gateway's origin. */
  function expectOnlyGateway(requests: string[]) {
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((u) => {
      const url = new URL(u.startsWith("blob:") ? u.slice(5) : u);
      return u.startsWith("data:") ? false : url.origin !== base;
    });
    expect(foreign).toEqual([]);
  }

  /** Waits for the view that `action` asks for: its one GraphQL response, then the page rendering it. */
  async function view(page: Page, action: () => Promise<unknown>) {
    const started = Date.now();
    await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().method() === "POST"),
      action(),
    ]);
    await page.waitForSelector("body[data-state=ready]");
    return Date.now() - started;
  }

  async function signIn(context: BrowserContext, token: string, hash: string): Promise<{ page: Page; ms: number }> {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}/dashboard${hash}`);
    await page.waitForSelector("body[data-state=login]");
    timings.loginPageMs ??= Date.now() - started;
    await page.fill("#token-input", token);
    const ms = await view(page, () => page.click("#sign-in"));
    return { page, ms };
  }

  const cells = (page: Page): Promise<Cell[]> =>
    page.$$eval("td[data-field]", (tds) =>
      tds.map((td) => {
        const tr = td.closest("tr") as HTMLElement;
        const d = (td as HTMLElement).dataset;
        return {
          row: tr.dataset.row ?? "",
          committee: tr.dataset.committee ?? "",
          field: d.field ?? "",
          key: d.key ?? "",
          value: d.value ?? "",
          text: td.textContent ?? "",
          title: (td as HTMLElement).title,
        };
      }),
    );

  function expectCell(
    all: Cell[],
    at: { row: string; committee: string; field: string; key: string },
    value: number | null | undefined,
    kind: "count" | "rate",
  ) {
    const cell = all.find(
      (c) => c.row === at.row && c.committee === at.committee && c.field === at.field && c.key === at.key,
    );
    expect({ at, cell: cell && { value: cell.value, text: cell.text } }).toEqual({
      at,
      cell: { value: value === null || value === undefined ? "" : String(value), text: formatted(value ?? null, kind) },
    });
    return cell!;
  }

  const ask = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => {
    const r = await stack.query<T>(token, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  it("shows a city token the city, its eleven counties and the totals, each equal to the API's figures", async () => {
    const { context, requests, problems } = await openContext();
    const statements = stack.statementCount();
    const { page, ms } = await signIn(context, cityToken, `#/${YEAR}/zhaotong`);
    timings.sqlStatementsCityView = stack.statementCount() - statements;
    timings.cityViewAfterSignInMs = ms;
    timings.cityViewRequestMs = Number(/(\d+)/.exec((await page.textContent("#fetched")) ?? "")?.[1]);
    expect(graphqlPosts(requests)).toBe(1);
    expect(await page.textContent("#committee-name")).toBe("昭通市政协");

    type C = {
      code: string;
      memberStats: Values;
      proposalStats: Values;
      studioStats: Values;
      trainingStats: Values;
      courtyardStats: Values | null;
      chishuiStats: Values | null;
    };
    const figures = (all: boolean) => {
      const a = all ? ", includeDescendants: true" : "";
      return `code memberStats(year: $y${a}) { activeMembers commitmentsSigned }
        proposalStats(year: $y${a}) { received filed filingRate }
        studioStats(year: $y${a}) { coverage } trainingStats(year: $y${a}) { coverage }
        courtyardStats(year: $y${a}) { sessions } chishuiStats(year: $y${a}) { problemsClosed }`;
    };
    const api = await ask<{ own: C & { children: C[] }; total: C }>(
      cityToken,
      `query($y: Int!) { own: committee(code: "zhaotong") { ${figures(false)} children { ${figures(true)} } }
        total: committee(code: "zhaotong") { ${figures(true)} } }`,
      { y: YEAR },
    );
    const shown = await cells(page);
    const rows = new Set(shown.map((c) => `${c.row}:${c.committee}`));
    expect(rows.size).toBe(13);
    const check = (row: string, c: C) => {
      expectCell(
        shown,
        { row, committee: c.code, field: "memberStats", key: "activeMembers" },
        c.memberStats.activeMembers,
        "count",
      );
      expectCell(
        shown,
        { row, committee: c.code, field: "proposalStats", key: "received" },
        c.proposalStats.received,
        "count",
      );
      expectCell(
        shown,
        { row, committee: c.code, field: "proposalStats", key: "filingRate" },
        c.proposalStats.filingRate,
        "rate",
      );
      expectCell(
        shown,
        { row, committee: c.code, field: "studioStats", key: "coverage" },
        c.studioStats.coverage,
        "rate",
      );
      expectCell(
        shown,
        { row, committee: c.code, field: "trainingStats", key: "coverage" },
        c.trainingStats.coverage,
        "rate",
      );
      expectCell(
        shown,
        { row, committee: c.code, field: "courtyardStats", key: "sessions" },
        c.courtyardStats?.sessions,
        "count",
      );
      expectCell(
        shown,
        { row, committee: c.code, field: "chishuiStats", key: "problemsClosed" },
        c.chishuiStats?.problemsClosed,
        "count",
      );
    };
    check("own", api.own);
    check("total", { ...api.total, code: "zhaotong" });
    for (const county of api.own.children) check("child", county);
    // The source report's city figures, as calibrated in the demo data.
    expect(api.own.memberStats.commitmentsSigned).toBe(394);
    expect(api.own.proposalStats).toMatchObject({ received: 225, filed: 221 });

    // The city runs no courtyard consultations itself: "—" says why.
    const own = shown.find((c) => c.row === "own" && c.field === "courtyardStats" && c.key === "sessions")!;
    expect(own).toMatchObject({ text: "—", title: "本政协未启用该模块" });
    // Chishui runs in two counties only.
    const chishui = api.own.children.filter((c) => c.chishuiStats !== null).map((c) => c.code);
    expect(chishui.sort()).toEqual(["weixin", "zhenxiong"]);

    expect(await page.locator("#charts .chart-card").count()).toBe(4);
    expect(await page.locator("#charts canvas").count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-city.png") });
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-city-full.png"), fullPage: true });

    // Another year is another view: one more request, the table follows.
    timings.yearSwitchMs = await view(page, () => page.selectOption("#year", "2024"));
    expect(page.url()).toContain("#/2024/zhaotong");
    const api2024 = await ask<{ committee: { memberStats: Values; proposalStats: Values } }>(
      cityToken,
      `{ committee(code: "zhaotong") { memberStats(year: 2024) { activeMembers } proposalStats(year: 2024) { received } } }`,
    );
    const shown2024 = await cells(page);
    expectCell(
      shown2024,
      { row: "own", committee: "zhaotong", field: "memberStats", key: "activeMembers" },
      api2024.committee.memberStats.activeMembers,
      "count",
    );
    expectCell(
      shown2024,
      { row: "own", committee: "zhaotong", field: "proposalStats", key: "received" },
      api2024.committee.proposalStats.received,
      "count",
    );
    expect(graphqlPosts(requests)).toBe(2);

    // A reload keeps the tab's sign-in and the view: the whole page again, one request for its data.
    timings.cityPageReloadMs = await view(page, () => page.reload());
    expect(page.url()).toContain("#/2024/zhaotong");
    expect(graphqlPosts(requests)).toBe(3);

    expect(problems).toEqual([]);
    expectOnlyGateway(requests);
    await context.close();
  });

  it("drills down into a county and back, one request per view", async () => {
    const { context, requests, problems } = await openContext();
    const { page } = await signIn(context, cityToken, `#/${YEAR}/zhaotong`);
    const statements = stack.statementCount();
    timings.drillDownMs = await view(page, () => page.click("button.drill[data-code=zhenxiong]"));
    timings.sqlStatementsCountyView = stack.statementCount() - statements;
    expect(page.url()).toContain(`#/${YEAR}/zhaotong/zhenxiong`);
    expect(await page.textContent("#committee-name")).toBe("镇雄县政协");
    expect(await page.locator("#breadcrumb li").allTextContents()).toEqual(["昭通市政协", "镇雄县政协"]);

    const api = await ask<{
      committee: { memberStats: Values; studioStats: Values; courtyardStats: Values; chishuiStats: Values };
    }>(
      cityToken,
      `{ committee(code: "zhenxiong") { memberStats(year: ${YEAR}) { activeMembers } studioStats(year: ${YEAR}) { studioMembers coverage }
         courtyardStats(year: ${YEAR}) { participants } chishuiStats(year: ${YEAR}) { shareClassIIOrBetter } } }`,
    );
    const shown = await cells(page);
    expect(new Set(shown.map((c) => c.committee))).toEqual(new Set(["zhenxiong"]));
    const at = (field: string, key: string) => ({ row: "own", committee: "zhenxiong", field, key });
    expectCell(shown, at("memberStats", "activeMembers"), api.committee.memberStats.activeMembers, "count");
    expectCell(shown, at("studioStats", "studioMembers"), api.committee.studioStats.studioMembers, "count");
    expectCell(shown, at("studioStats", "coverage"), api.committee.studioStats.coverage, "rate");
    expectCell(shown, at("courtyardStats", "participants"), api.committee.courtyardStats.participants, "count");
    expectCell(
      shown,
      at("chishuiStats", "shareClassIIOrBetter"),
      api.committee.chishuiStats.shareClassIIOrBetter,
      "rate",
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-drilldown-zhenxiong.png"), fullPage: true });

    await view(page, () => page.click("#breadcrumb a"));
    expect(await page.textContent("#committee-name")).toBe("昭通市政协");
    expect(graphqlPosts(requests)).toBe(3);
    expect(problems).toEqual([]);
    expectOnlyGateway(requests);
    await context.close();
  });

  it("switches to English with the figure metadata's English titles, and back", async () => {
    const { context, requests, problems } = await openContext();
    const { page } = await signIn(context, cityToken, `#/${YEAR}/zhaotong`);
    await page.click("#lang");
    expect(await page.textContent("#figures-heading")).toBe(`Key figures · ${YEAR}`);
    const headers = await page.locator("thead th.figure").allTextContents();
    expect(headers).toEqual(expect.arrayContaining(["Active members", "Proposals received", "Filing rate"]));
    expect(await page.textContent("#report-heading")).toContain("Annual work report figures");
    expect(await page.textContent("tr.row-total th")).toBe("Including committees below");
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-city-en.png") });
    await page.click("#lang");
    expect(await page.locator("thead th.figure").first().textContent()).toBe("在任委员");
    // The language is the page's: no request for it.
    expect(graphqlPosts(requests)).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the annual report and downloads it as CSV and XLSX, equal to annualReport", async () => {
    const { context, requests, problems } = await openContext();
    const { page } = await signIn(context, cityToken, `#/${YEAR}/zhaotong`);
    const config = (await (await fetch(`${base}/dashboard/config.json`)).json()) as {
      report: { selection: string; fragments: string };
    };
    type Figure = { key: string; value: number | null; kind: string; source: string | null };
    const api = await ask<{ annualReport: Record<string, { figures: Figure[] } | Figure[] | null | string | number> }>(
      cityToken,
      `query($c: String!, $y: Int!) { annualReport(committee: $c, year: $y) { ${config.report.selection} } } ${config.report.fragments}`,
      { c: "zhaotong", y: YEAR },
    );
    const expected = new Map<string, number | null>();
    for (const value of Object.values(api.annualReport)) {
      const figures = Array.isArray(value) ? value : value && typeof value === "object" ? value.figures : [];
      for (const f of figures) expected.set(f.key, f.value);
    }
    // Every section the work report prints, from every subgraph and the courtyard plugin.
    expect(Object.keys(api.annualReport)).toEqual(
      expect.arrayContaining([
        "members",
        "proposals",
        "opinionReports",
        "studios",
        "training",
        "courtyard",
        "notRecorded",
      ]),
    );
    expect(expected.get("commitmentsSigned")).toBe(394);
    expect(expected.get("courtyardSessionsPufa")).toBe(162);

    const shown = await page.$$eval("#annual-report tbody tr[data-key]", (trs) =>
      trs.map((tr) => [(tr as HTMLElement).dataset.key!, (tr as HTMLElement).dataset.value!] as const),
    );
    expect(shown).toHaveLength(expected.size);
    for (const [key, value] of shown) expect([key, value]).toEqual([key, String(expected.get(key) ?? "")]);
    await page.locator("#annual-report").screenshot({ path: path.join(SCREENSHOTS, "dashboard-annual-report.png") });

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("button.download[data-format=csv]")]);
    expect(csv.suggestedFilename()).toBe(`昭通市政协${YEAR}年度工作报告数字.csv`);
    const bytes = fs.readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(bytes.toString("utf8").slice(1));
    expect(rows[0][1]).toBe("键 Key");
    expect(rows.length - 1).toBe(expected.size);
    for (const row of rows.slice(1)) {
      expect([row[1], row[4]]).toEqual([row[1], expected.get(row[1]) === null ? "" : String(expected.get(row[1]))]);
    }

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("button.download[data-format=xlsx]")]);
    expect(xlsx.suggestedFilename()).toBe(`昭通市政协${YEAR}年度工作报告数字.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount - 1).toBe(expected.size);
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const key = String(row.getCell(2).value);
      expect([key, row.getCell(5).value ?? null]).toEqual([key, expected.get(key)]);
    });
    expect(problems).toEqual([]);
    expectOnlyGateway(requests);
    await context.close();
  });

  it("shows a county token only its county, and keeps it there", async () => {
    const { context, requests, problems } = await openContext();
    const token = stack.token({ role: "STAFF", committee: "weixin" });
    const { page } = await signIn(context, token, `#/${YEAR}/zhaotong`);
    // The old link to the city restarts at the county's own view.
    expect(page.url()).toContain(`#/${YEAR}/weixin`);
    expect(await page.textContent("#committee-name")).toBe("威信县政协");
    expect(await page.locator("#breadcrumb li").allTextContents()).toEqual(["威信县政协"]);
    expect(await page.locator("button.drill").count()).toBe(0);
    expect(await page.locator("#charts").count()).toBe(0);
    const shown = await cells(page);
    expect(new Set(shown.map((c) => `${c.row}:${c.committee}`))).toEqual(new Set(["own:weixin"]));
    const api = await ask<{ committee: { proposalStats: Values } }>(
      token,
      `{ committee(code: "weixin") { proposalStats(year: ${YEAR}) { received satisfactionRate } } }`,
    );
    const at = (key: string) => ({ row: "own", committee: "weixin", field: "proposalStats", key });
    expectCell(shown, at("received"), api.committee.proposalStats.received, "count");
    expectCell(shown, at("satisfactionRate"), api.committee.proposalStats.satisfactionRate, "rate");
    expect(await page.locator("#annual-report h2").textContent()).toContain("威信县政协");
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-county-token.png"), fullPage: true });
    expect(problems).toEqual([]);
    expectOnlyGateway(requests);
    await context.close();
  });

  it("signs in with the development token the gateway offers, refuses tokens not of staff or not signed here, signs out", async () => {
    const { context, problems } = await openContext();
    const page = await context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector("body[data-state=login]");
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-login.png") });
    await page.fill("#token-input", stack.token({ role: "MEMBER", member: "1" }));
    await page.click("#sign-in");
    expect(await page.textContent("#login-error")).toBe("看板供政协机关工作人员使用, 请用机关 (STAFF) 令牌登录。");
    await page.fill("#token-input", "not-a-token");
    await page.click("#sign-in");
    expect(await page.textContent("#login-error")).toBe("令牌格式不对, 请完整粘贴。");

    // Well formed but not signed by this platform: the gateway refuses it, the page asks again.
    await page.fill(
      "#token-input",
      signUserToken({ role: "STAFF", committee: "zhaotong" }, "another-platform-secret-0123456789"),
    );
    await page.click("#sign-in");
    await page.waitForFunction(
      () => document.querySelector("#login-error")?.textContent !== "令牌格式不对, 请完整粘贴。",
    );
    expect(await page.textContent("#login-error")).toBe("登录已失效, 请重新登录。");

    await view(page, () => page.click("#use-dev-token"));
    expect(await page.textContent("#committee-name")).toBe("昭通市政协");
    await page.click("#sign-out");
    await page.waitForSelector("body[data-state=login]");
    expect(await page.evaluate(() => sessionStorage.getItem("tongxin.dashboard.token"))).toBeNull();
    // Chromium logs the refused request itself; the page adds nothing of its own.
    expect(problems).toEqual(["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]);
    await context.close();
  });

  it("lets a clerk sign in with a password the office set, choose a new one, and see the county's figures", async () => {
    // The county office opens the clerk's account through the API; the password is temporary.
    const office = stack.token({ role: "STAFF", committee: "zhenxiong" });
    const made = await stack.query<{ createAccount: { temporaryPassword: string } }>(
      office,
      `mutation { createAccount(input: { username: "zx.clerk", role: STAFF, displayName: "镇雄县政协办公室 张文书" }) { temporaryPassword } }`,
    );
    expect(made.errors).toBeUndefined();
    const temporary = made.data!.createAccount.temporaryPassword;
    const { context, requests, problems } = await openContext();
    const page = await context.newPage();
    await page.goto(`${base}/dashboard#/${YEAR}/zhenxiong`);
    await page.waitForSelector("body[data-state=login]");
    await page.fill("#username", "zx.clerk");
    await page.fill("#password", "not-the-password");
    await page.click("#password-sign-in");
    await page.waitForFunction(() => document.querySelector("#password-error")?.textContent?.includes("错误"));
    expect(await page.textContent("#password-error")).toBe("登录失败: 登录名或密码错误");
    await page.fill("#password", temporary);
    await page.click("#password-sign-in");
    await page.waitForSelector("#new-password-row:not([hidden])");
    expect(await page.textContent("#password-error")).toBe("登录失败: 这是临时密码, 请设置新密码后登录");
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-password-change.png") });
    await page.fill("#new-password", "zhenxiong-2024");
    await view(page, () => page.click("#password-sign-in"));
    expect(await page.textContent("#committee-name")).toBe("镇雄县政协");
    const token = await page.evaluate(() => sessionStorage.getItem("tongxin.dashboard.token"));
    expect(token).toBeTruthy();
    // The page's figures are the API's, read with the same session token.
    const api = await stack.query<{ committee: { memberStats: { activeMembers: number } } }>(
      token,
      `{ committee(code: "zhenxiong") { memberStats(year: ${YEAR}) { activeMembers } } }`,
    );
    const shown = await cells(page);
    const active = shown.find((c) => c.row === "own" && c.key === "activeMembers" && c.field === "memberStats");
    expect(active?.text).toBe(formatted(api.data!.committee.memberStats.activeMembers, "count"));
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-password-sign-in.png"), fullPage: true });
    // The password never travels anywhere but the gateway's sign-in route, and never in a URL.
    expect(requests.some((u) => u.includes("zhenxiong-2024") || u.includes(temporary))).toBe(false);
    expectOnlyGateway(requests);
    // Chromium logs the refused sign-ins (401) itself; the page adds nothing of its own.
    expect(problems.filter((p) => !p.includes("status of 401"))).toEqual([]);
    await context.close();
  });

  it("renders the offline explorer and runs its first example with the preset token", async () => {
    const { context, requests, problems } = await openContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}/graphql`);
    await page.waitForSelector(".graphiql-execute-button");
    timings.explorerLoadMs = Date.now() - started;
    expect(await page.locator(".graphiql-tab-button").allTextContents()).toEqual(
      expect.arrayContaining([
        "CountyOverview",
        "CityAggregate",
        "AnnualReport",
        "ProposalWorkflow",
        "Courtyard",
        "Chishui",
      ]),
    );
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes("镇雄县政协"));
    const result = (await page.textContent(".result-window")) ?? "";
    expect(result).toContain("proposalStats");
    expect(result).not.toContain('"errors"');
    await page.screenshot({ path: path.join(SCREENSHOTS, "explorer.png") });
    expect(problems).toEqual([]);
    expectOnlyGateway(requests);
    await context.close();
  });
});
