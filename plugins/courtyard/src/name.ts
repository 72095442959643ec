import { definePermission } from "@tongxin/sdk";

/** The plugin's name: prefixes its tables, types and fields, and keys its enablement. */
export const COURTYARD = "courtyard";

/** Recording and following up consultations is the county office's work. */
export const RECORD_COURTYARD = definePermission("courtyard.record", "登记院坝协商", ["STAFF"]);
