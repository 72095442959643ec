import { defineScope } from "@tongxin/sdk";
import { MANAGE_UNITS } from "../permissions";
import { HandlingUnit } from "./handling-unit.entity";

/**
 * Who may see a unit: the offices of its committee and those above it, and the unit
 * itself. Members have no use for the directory.
 */
export const handlingUnitScope = defineScope<HandlingUnit>({
  entity: HandlingUnit,
  name: "handling unit",
  nameZh: "承办单位",
  committee: { column: "committee_code" },
  committeeOf: (u) => u.committeeCode,
  unit: { assigned: (a) => `${a}.id = :scopeUnit` },
  writePermission: MANAGE_UNITS,
});
