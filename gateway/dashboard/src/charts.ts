import type * as ECharts from "echarts";
import type { DashboardConfig, FigureMeta, Row, StatMeta, View } from "./api.js";
import { h } from "./dom.js";
import { formatValue, shortName } from "./format.js";
import { pick, t, type MessageKey } from "./i18n.js";

/** ECharts comes from the gateway (/dashboard/vendor/echarts.min.js), loaded before this module. */
declare global {
  interface Window {
    echarts?: typeof ECharts;
  }
}

interface SeriesSpec {
  field: string;
  key: string;
}

/**
 * The comparisons city staff ask for first. A series whose statistic the platform does not
 * serve is left out, a chart with no series is not drawn; county modules get the first
 * count of each plugin, so a plugin enabled later appears by itself.
 */
const CHARTS: { title: MessageKey; series: (config: DashboardConfig) => SeriesSpec[] }[] = [
  {
    title: "chartMembers",
    series: () => [
      { field: "memberStats", key: "activeMembers" },
      { field: "memberStats", key: "commitmentsSigned" },
    ],
  },
  {
    title: "chartProposals",
    series: () => [
      { field: "proposalStats", key: "received" },
      { field: "proposalStats", key: "filed" },
      { field: "proposalStats", key: "replied" },
    ],
  },
  {
    title: "chartCoverage",
    series: () => [
      { field: "studioStats", key: "coverage" },
      { field: "trainingStats", key: "coverage" },
    ],
  },
  {
    title: "chartPlugins",
    series: (config) =>
      config.stats
        .filter((s) => s.plugin)
        .flatMap((s) => s.figures.filter((f) => f.kind === "count").slice(0, 1))
        .map((f) => ({ field: config.stats.find((s) => s.figures.includes(f))!.field, key: f.key })),
  },
];

const PALETTE = ["#b3261e", "#2f5d9e", "#2e7d6b", "#c07a12", "#6b4fa0"];
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", system-ui, sans-serif';

let instances: ECharts.ECharts[] = [];

/** A figure's title, with its statistic's when it alone would be ambiguous (two coverages, a plugin's count). */
function seriesName(stat: StatMeta, figure: FigureMeta, all: { figure: FigureMeta }[]): string {
  const ambiguous = stat.plugin || all.filter((s) => pick(s.figure) === pick(figure)).length > 1;
  if (!ambiguous || pick(stat) === pick(figure)) return pick(figure);
  return `${pick(stat)} · ${pick(figure)}`;
}

export function disposeCharts(): void {
  for (const c of instances) c.dispose();
  instances = [];
}

export function resizeCharts(): void {
  for (const c of instances) c.resize();
}

/** Bar charts of the committee itself and each committee below; a click on a bar below drills down. */
export function renderCharts(
  container: HTMLElement,
  config: DashboardConfig,
  view: View,
  onDrill: (code: string, name: string) => void,
): void {
  disposeCharts();
  container.replaceChildren();
  const echarts = window.echarts;
  if (!echarts || view.children.length === 0) return;
  const rows: Row[] = [view.own, ...view.children];
  const categories = rows.map((r) => (r.kind === "own" ? `${shortName(r.name)}·${t("own")}` : shortName(r.name)));
  for (const chart of CHARTS) {
    const series = chart
      .series(config)
      .map((spec) => {
        const stat = config.stats.find((s) => s.field === spec.field);
        const figure = stat?.figures.find((f) => f.key === spec.key);
        return stat && figure ? { stat, figure } : null;
      })
      .filter((s) => s !== null);
    if (series.length === 0) continue;
    const rate = series.every((s) => s.figure.kind === "rate");
    const el = h("div", { class: "chart", role: "img", "aria-label": t(chart.title) });
    container.append(h("figure", { class: "chart-card" }, h("figcaption", {}, t(chart.title)), el));
    const instance = echarts.init(el, null, { renderer: "canvas" });
    instances.push(instance);
    instance.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: unknown) =>
          typeof v === "number" ? (rate ? `${v.toFixed(1)}%` : formatValue(v, "count")) : "—",
      },
      xAxis: {
        type: "category",
        data: categories,
        axisLabel: { interval: 0, rotate: categories.length > 8 ? 35 : 0, fontSize: 12 },
      },
      yAxis: { type: "value", axisLabel: rate ? { formatter: "{value}%" } : {}, max: rate ? 100 : undefined },
      series: series.map(({ stat, figure }) => ({
        type: "bar",
        name: seriesName(stat, figure, series),
        barMaxWidth: 16,
        // '-' is ECharts' "no value": a county without the plugin gets no bar, not a zero.
        data: rows.map((r) => {
          const v = r.stats[stat.field]?.values?.[figure.key];
          if (v === null || v === undefined) return "-";
          return rate ? Math.round(v * 1000) / 10 : v;
        }),
      })),
    });
    instance.on("click", (params) => {
      const row = rows[params.dataIndex];
      if (row && row.kind === "child") onDrill(row.code, row.name);
    });
  }
}
