import { loadConfig, loadView, ViewError, type DashboardConfig, type View } from "./api.js";
import { forgetToken, readToken, storedToken, storeToken, type Claims } from "./auth.js";
import { disposeCharts, renderCharts, resizeCharts } from "./charts.js";
import { byId, clear, h } from "./dom.js";
import { lang, setLang, t, type Lang, type MessageKey } from "./i18n.js";
import { reportSection } from "./report.js";
import { definitionsList, figureCards, figuresTable } from "./table.js";
import { headlineTiles } from "./tiles.js";

/**
 * The city dashboard: sign in with a staff token, pick a year, read the committee and the
 * committees below it side by side, drill down, download the annual report figures.
 * The address keeps the view (#/2023/zhaotong/zhenxiong), so the browser's back button
 * and a reload return to it.
 */

interface Session {
  token: string;
  claims: Claims;
}

let config: DashboardConfig;
let session: Session | null = null;
let view: View | null = null;
/** Names seen so far, for the breadcrumb of a reloaded deep view. */
const names = new Map<string, string>(readNames());

function readNames(): [string, string][] {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem("tongxin.dashboard.names") ?? "[]");
    return Array.isArray(saved) ? (saved as [string, string][]) : [];
  } catch {
    return []; // a damaged cache only costs the breadcrumb its names
  }
}
/** Only the latest navigation may render: a slow answer to an older one is dropped. */
let generation = 0;

const LANG_KEY = "tongxin.dashboard.lang";

function setState(state: "login" | "loading" | "ready" | "error") {
  document.body.dataset.state = state;
}

function remember(code: string, name: string) {
  names.set(code, name);
  sessionStorage.setItem("tongxin.dashboard.names", JSON.stringify([...names]));
}

function applyStaticText() {
  document.title = `${t("appTitle")} · ${t("brand")}`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n as MessageKey);
  }
  byId<HTMLTextAreaElement>("token-input").placeholder = "eyJhbGciOi…";
  const years = byId<HTMLSelectElement>("year");
  for (const option of years.options) option.textContent = t("yearOption", { y: option.value });
}

function fillYears() {
  const select = byId<HTMLSelectElement>("year");
  select.replaceChildren();
  for (let y = config.years.last; y >= config.years.first; y--) {
    select.append(h("option", { value: y }, t("yearOption", { y })));
  }
}

// ---- navigation ------------------------------------------------------------------------

function parseHash(): { year: number; path: string[] } | null {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const year = Number(parts[0]);
  if (!Number.isInteger(year) || year < config.years.first || year > config.years.last) return null;
  return { year, path: parts.slice(1) };
}

function go(year: number, path: string[]) {
  const hash = `#/${year}/${path.map(encodeURIComponent).join("/")}`;
  if (location.hash === hash) void route();
  else location.hash = hash;
}

const current = () => parseHash() ?? { year: config.years.default, path: [] };

async function route() {
  if (!session) return;
  const root = session.claims.committee!;
  const parsed = parseHash();
  // A view outside this token's committee (an old link, another person's) restarts at its own.
  if (!parsed || parsed.path[0] !== root) {
    go(parsed?.year ?? config.years.default, [root]);
    return;
  }
  byId<HTMLSelectElement>("year").value = String(parsed.year);
  await showView(parsed.year, parsed.path);
}

// ---- rendering -------------------------------------------------------------------------

function breadcrumb(year: number, path: string[]): HTMLElement {
  return h(
    "ol",
    {},
    path.map((code, i) => {
      const label = names.get(code) ?? code;
      return h(
        "li",
        {},
        i === path.length - 1
          ? h("span", { "aria-current": "page" }, label)
          : h("a", { href: `#/${year}/${path.slice(0, i + 1).join("/")}` }, label),
      );
    }),
  );
}

function renderView() {
  if (!view || !session) return;
  const parsed = current();
  const drill = (code: string, name: string) => {
    remember(code, name);
    go(view!.year, [...parsed.path, code]);
  };
  const root = session.claims.committee!;
  byId("who").textContent = session.claims.name ?? names.get(root) ?? root;
  clear(byId("breadcrumb"), breadcrumb(view.year, parsed.path));
  byId("committee-name").textContent = view.name;
  byId("committee-level").textContent = t(`level_${view.level}` as MessageKey);
  byId("fetched").textContent = t("fetched", { ms: view.requestMs });
  const content = byId("content");
  disposeCharts();
  if (config.stats.length === 0) {
    clear(content, h("p", { class: "error" }, t("noFigures")));
  } else {
    const charts = h("div", { class: "charts", id: "charts" });
    clear(
      content,
      headlineTiles(config, view),
      h(
        "section",
        { class: "panel", "aria-labelledby": "figures-heading" },
        h(
          "div",
          { class: "panel-head" },
          h("h2", { id: "figures-heading" }, `${t("figuresHeading")} · ${t("yearOption", { y: view.year })}`),
          view.children.length > 0 ? h("span", { class: "hint" }, t("drillHint")) : null,
        ),
        view.children.length > 0 ? figuresTable(config, view, drill) : figureCards(config, view),
        view.children.length > 0 ? h("p", { class: "note" }, t("figuresNote")) : null,
        definitionsList(config),
      ),
      view.children.length > 0
        ? h(
            "section",
            { class: "panel", "aria-labelledby": "charts-heading" },
            h("div", { class: "panel-head" }, h("h2", { id: "charts-heading" }, t("chartsHeading"))),
            charts,
          )
        : null,
      reportSection(view, session.token),
    );
    renderCharts(charts, config, view, drill);
  }
  for (const warning of config.warnings) content.prepend(h("p", { class: "error" }, warning));
}

async function showView(year: number, path: string[]) {
  const mine = ++generation;
  const code = path[path.length - 1];
  setState("loading");
  clear(byId("breadcrumb"), breadcrumb(year, path));
  byId("status").textContent = t("loading");
  try {
    const loaded = await loadView(config, session!.token, code, year);
    if (mine !== generation) return;
    view = loaded;
    remember(loaded.code, loaded.name);
    for (const c of loaded.children) remember(c.code, c.name);
    byId("status").textContent = "";
    renderView();
    setState("ready");
  } catch (e) {
    if (mine !== generation) return;
    if (e instanceof ViewError && e.code === "UNAUTHENTICATED") {
      signOut("sessionEnded");
      return;
    }
    view = null;
    disposeCharts();
    clear(byId("content"));
    byId("status").textContent = t("viewError", { message: e instanceof Error ? e.message : String(e) });
    setState("error");
  }
}

// ---- signing in ------------------------------------------------------------------------

function showLogin(problem?: MessageKey) {
  byId("login").hidden = false;
  byId("dashboard").hidden = true;
  byId("session-controls").hidden = true;
  byId("login-error").textContent = problem ? t(problem) : "";
  const dev = byId("dev-token");
  dev.hidden = !config.developmentToken;
  setState("login");
}

function signIn(token: string): void {
  const read = readToken(token);
  if ("problem" in read) {
    forgetToken();
    showLogin(read.problem);
    return;
  }
  storeToken(token);
  session = { token: token.trim(), claims: read.claims };
  byId("login").hidden = true;
  byId("dashboard").hidden = false;
  byId("session-controls").hidden = false;
  void route();
}

/**
 * Username and password: the gateway asks the members module to check them and answers
 * with an 8-hour token, which then works exactly like a pasted one. The server's message
 * is already bilingual; the page shows the half in the reader's language.
 */
async function signInWithPassword(): Promise<void> {
  const error = byId("password-error");
  const newRow = byId("new-password-row");
  const body: Record<string, string> = {
    username: byId<HTMLInputElement>("username").value.trim(),
    password: byId<HTMLInputElement>("password").value,
  };
  if (!newRow.hidden) body.newPassword = byId<HTMLInputElement>("new-password").value;
  error.textContent = t("signingIn");
  let answer: { token?: string; errors?: { message: string; extensions?: { reason?: string } }[] };
  try {
    const res = await fetch("/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    answer = (await res.json()) as typeof answer;
  } catch (e) {
    error.textContent = t("signInFailed", { message: e instanceof Error ? e.message : String(e) });
    return;
  }
  if (answer.token) {
    error.textContent = "";
    byId<HTMLInputElement>("password").value = "";
    byId<HTMLInputElement>("new-password").value = "";
    newRow.hidden = true;
    signIn(answer.token);
    return;
  }
  const first = answer.errors?.[0];
  if (first?.extensions?.reason === "PASSWORD_CHANGE_REQUIRED") {
    newRow.hidden = false;
    byId<HTMLInputElement>("new-password").focus();
  }
  const [zhText, enText] = (first?.message ?? "").split(" / ");
  error.textContent = t("signInFailed", { message: (lang() === "zh" ? zhText : (enText ?? zhText)) || "?" });
}

function signOut(problem?: MessageKey) {
  forgetToken();
  session = null;
  view = null;
  generation++;
  disposeCharts();
  clear(byId("content"));
  history.replaceState(null, "", location.pathname);
  showLogin(problem);
}

function setLanguage(l: Lang) {
  setLang(l);
  localStorage.setItem(LANG_KEY, l);
  applyStaticText();
  renderView();
}

async function start() {
  setLang(localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh");
  config = await loadConfig();
  fillYears();
  applyStaticText();
  byId("lang").addEventListener("click", () => setLanguage(lang() === "zh" ? "en" : "zh"));
  byId("sign-out").addEventListener("click", () => signOut());
  byId("year").addEventListener("change", (e) => go(Number((e.target as HTMLSelectElement).value), current().path));
  byId("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn(byId<HTMLTextAreaElement>("token-input").value);
  });
  byId("password-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void signInWithPassword();
  });
  byId("use-dev-token").addEventListener("click", () => {
    if (config.developmentToken) signIn(config.developmentToken);
  });
  window.addEventListener("hashchange", () => void route());
  window.addEventListener("resize", resizeCharts);
  const token = storedToken();
  if (token) signIn(token);
  else showLogin();
}

start().catch((e) => {
  byId("status").textContent = t("viewError", { message: e instanceof Error ? e.message : String(e) });
  setState("error");
});
