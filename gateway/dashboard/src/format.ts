import type { ApiError, StatCell } from "./api.js";
import { t } from "./i18n.js";

export const DASH = "—";

/** Counts with thousands separators; rates (fractions 0–1 in the API) as percentages with one decimal. */
export function formatValue(value: number | null | undefined, kind: string): string {
  if (value === null || value === undefined) return DASH;
  if (kind === "rate") return `${(value * 100).toFixed(1)}%`;
  return value.toLocaleString("zh-CN");
}

function errorReason(error: ApiError): string {
  const code = error.extensions?.code;
  if (code === "FORBIDDEN") return t("forbidden");
  return `${t("unavailable")}: ${error.message}`;
}

/** Why a cell shows "—": not enabled, no permission, the subgraph failed, or a rate with nothing to divide by. */
export function missingReason(cell: StatCell | undefined, kind: string): string {
  if (!cell) return t("unavailable");
  if (!cell.supported) return t("noIncludeDescendants");
  if (cell.error) return errorReason(cell.error);
  if (cell.values === null) return t("notEnabled");
  return kind === "rate" ? t("noDenominator") : t("unavailable");
}

/** 昭阳区政协 → 昭阳区: chart axes have little room. */
export const shortName = (name: string): string => name.replace(/(委员会|政协)$/, "") || name;
