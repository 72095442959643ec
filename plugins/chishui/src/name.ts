import { definePermission } from "@tongxin/sdk";

/** The plugin's name: prefixes its tables, types and fields, and keys its enablement. */
export const CHISHUI = "chishui";

/** Recording readings, inspections and problems is the county office's work. */
export const RECORD_CHISHUI = definePermission("chishui.record", "登记赤水河监督数据", ["STAFF"]);
