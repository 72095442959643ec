import { downloadReport, type View } from "./api.js";
import { h } from "./dom.js";
import { formatValue } from "./format.js";
import { pick, t } from "./i18n.js";

/**
 * The figures the annual work report prints for this committee and year, section by
 * section with their definitions, and the CSV/XLSX files the gateway builds from the
 * same operation.
 */
export function reportSection(view: View, token: string): HTMLElement | null {
  if (!view.report) return null;
  const status = h("span", { class: "download-status", role: "status" });
  const button = (ext: "csv" | "xlsx", label: string) => {
    const b = h("button", { type: "button", class: "download", "data-format": ext }, label);
    b.addEventListener("click", async () => {
      b.disabled = true;
      status.textContent = t("downloading");
      try {
        await downloadReport(token, view.code, view.year, ext);
        status.textContent = "";
      } catch (e) {
        status.textContent = t("downloadFailed", { message: e instanceof Error ? e.message : String(e) });
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  const { sections, error } = view.report;
  return h(
    "section",
    { class: "panel report", id: "annual-report", "aria-labelledby": "report-heading" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", { id: "report-heading" }, `${t("reportHeading")} · ${view.name} · ${t("yearOption", { y: view.year })}`),
      h("div", { class: "actions" }, button("csv", t("downloadCsv")), button("xlsx", t("downloadXlsx")), status),
    ),
    h("p", { class: "note" }, t("reportNote")),
    error ? h("p", { class: "error" }, t("viewError", { message: error.message })) : null,
    sections.map((s) =>
      h(
        "div",
        { class: `report-section${s.module ? "" : " not-recorded"}`, "data-section": s.field },
        h("h3", {}, pick(s)),
        h(
          "table",
          { class: "report-table" },
          h(
            "colgroup",
            {},
            ["col-figure", "col-value", "col-definition", "col-source"].map((c) => h("col", { class: c })),
          ),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, t("figureColumn")),
              h("th", { scope: "col", class: "num" }, t("valueColumn")),
              h("th", { scope: "col" }, t("definitionColumn")),
              h("th", { scope: "col" }, t("sourceColumn")),
            ),
          ),
          h(
            "tbody",
            {},
            s.figures.map((f) =>
              h(
                "tr",
                { "data-key": f.key, "data-value": f.value === null ? "" : String(f.value) },
                h("th", { scope: "row" }, pick(f)),
                h(
                  "td",
                  {
                    class: f.value === null ? "num missing" : "num",
                    title: f.value === null ? t("notRecorded") : null,
                  },
                  formatValue(f.value, f.kind),
                ),
                h("td", { class: "definition" }, f.definition),
                h("td", { class: "source" }, f.source ? h("code", {}, f.source) : "—"),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
