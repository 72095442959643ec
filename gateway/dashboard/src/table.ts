import type { DashboardConfig, Row, View } from "./api.js";
import { h } from "./dom.js";
import { DASH, formatValue, missingReason } from "./format.js";
import { pick, t } from "./i18n.js";

function rowHeader(row: Row, view: View, onDrill: (code: string, name: string) => void): HTMLElement {
  if (row.kind === "total") return h("th", { scope: "row", class: "sticky-col" }, t("total"));
  if (row.kind === "own") {
    return h("th", { scope: "row", class: "sticky-col" }, row.name, " ", h("span", { class: "scope" }, t("own")));
  }
  return h(
    "th",
    { scope: "row", class: "sticky-col" },
    h(
      "button",
      {
        type: "button",
        class: "drill",
        "data-code": row.code,
        title: `${row.name} · ${view.year}`,
        onclick: () => onDrill(row.code, row.name),
      },
      row.name,
    ),
  );
}

/**
 * Rows are the committee itself, each committee below it and the total including them;
 * columns are every figure of every statistic the platform serves, grouped by statistic.
 */
export function figuresTable(
  config: DashboardConfig,
  view: View,
  onDrill: (code: string, name: string) => void,
): HTMLElement {
  const groups = h(
    "tr",
    {},
    h("th", { rowspan: 2, scope: "col", class: "sticky-col corner" }, t("committee")),
    config.stats.map((s) =>
      h(
        "th",
        { colspan: s.figures.length, scope: "colgroup", class: `group${s.plugin ? " plugin" : ""}` },
        pick(s),
        s.plugin ? h("span", { class: "tag" }, t("pluginTag")) : null,
      ),
    ),
  );
  const figures = h(
    "tr",
    {},
    config.stats.flatMap((s) =>
      s.figures.map((f, i) =>
        h("th", { scope: "col", class: i === 0 ? "figure group-start" : "figure", title: f.definition }, pick(f)),
      ),
    ),
  );
  const rows = [view.own, ...view.children, ...(view.total ? [view.total] : [])];
  const body = rows.map((row) =>
    h(
      "tr",
      { class: `row-${row.kind}`, "data-committee": row.code, "data-row": row.kind },
      rowHeader(row, view, onDrill),
      config.stats.flatMap((s) =>
        s.figures.map((f, i) => {
          const cell = row.stats[s.field];
          const value = cell?.values?.[f.key] ?? null;
          const attrs = {
            "data-field": s.field,
            "data-key": f.key,
            "data-value": value === null ? "" : String(value),
          };
          const start = i === 0 ? " group-start" : "";
          if (value === null) {
            return h("td", { ...attrs, class: `num missing${start}`, title: missingReason(cell, f.kind) }, DASH);
          }
          return h("td", { ...attrs, class: `num${start}`, title: pick(f) }, formatValue(value, f.kind));
        }),
      ),
    ),
  );
  return h(
    "div",
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": t("figuresHeading") },
    h("table", { class: "figures", id: "figures-table" }, h("thead", {}, groups, figures), h("tbody", {}, body)),
  );
}

/**
 * A committee with no committees below (a county) has one row: a table 36 columns wide
 * would hide most of it, so each statistic gets a card listing its figures instead.
 */
export function figureCards(config: DashboardConfig, view: View): HTMLElement {
  const row = view.own;
  return h(
    "div",
    { class: "stat-cards", id: "figures-table", "data-committee": row.code },
    config.stats.map((s) => {
      const cell = row.stats[s.field];
      return h(
        "section",
        { class: `stat-card${s.plugin ? " plugin" : ""}`, "data-field": s.field },
        h("h3", {}, pick(s), s.plugin ? h("span", { class: "tag" }, t("pluginTag")) : null),
        h(
          "table",
          {},
          h(
            "tbody",
            {},
            s.figures.map((f) => {
              const value = cell?.values?.[f.key] ?? null;
              return h(
                "tr",
                { "data-row": row.kind, "data-committee": row.code },
                h("th", { scope: "row", title: f.definition }, pick(f)),
                h(
                  "td",
                  {
                    "data-field": s.field,
                    "data-key": f.key,
                    "data-value": value === null ? "" : String(value),
                    class: value === null ? "num missing" : "num",
                    title: value === null ? missingReason(cell, f.kind) : f.definition,
                  },
                  formatValue(value, f.kind),
                ),
              );
            }),
          ),
        ),
      );
    }),
  );
}

/** Every figure's definition, once, under the table. */
export function definitionsList(config: DashboardConfig): HTMLElement {
  return h(
    "details",
    { class: "definitions" },
    h("summary", {}, t("definitions")),
    config.stats.map((s) =>
      h(
        "section",
        {},
        h("h4", {}, pick(s)),
        h(
          "dl",
          {},
          s.figures.flatMap((f) => [h("dt", {}, pick(f)), h("dd", {}, f.definition)]),
        ),
      ),
    ),
  );
}
