import type { DashboardConfig, View } from "./api.js";
import { h } from "./dom.js";
import { formatValue, missingReason } from "./format.js";
import { pick, t } from "./i18n.js";

/** The handful of figures a leader reads first, for the whole view (including the committees below). */
const HEADLINES: [field: string, key: string][] = [
  ["memberStats", "activeMembers"],
  ["proposalStats", "received"],
  ["proposalStats", "filingRate"],
  ["opinionReportStats", "collected"],
  ["studioStats", "coverage"],
  ["trainingStats", "coverage"],
];

export function headlineTiles(config: DashboardConfig, view: View): HTMLElement {
  const row = view.total ?? view.own;
  const scope = view.total ? t("kpiScopeTotal") : t("kpiScopeOwn");
  const tiles = HEADLINES.flatMap(([field, key]) => {
    const stat = config.stats.find((s) => s.field === field);
    const figure = stat?.figures.find((f) => f.key === key);
    if (!stat || !figure) return [];
    const cell = row.stats[field];
    const value = cell?.values?.[key] ?? null;
    return [
      h(
        "div",
        { class: "tile", "data-field": field, "data-key": key, title: figure.definition },
        h("div", { class: "tile-label" }, pick(figure)),
        h(
          "div",
          {
            class: value === null ? "tile-value missing" : "tile-value",
            title: value === null ? missingReason(cell, figure.kind) : null,
          },
          formatValue(value, figure.kind),
        ),
        h("div", { class: "tile-scope" }, `${pick(stat)} · ${scope}`),
      ),
    ];
  });
  return h("div", { class: "tiles" }, tiles);
}
