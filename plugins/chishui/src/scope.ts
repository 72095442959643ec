import { defineScope } from "@tongxin/sdk";
import { ChishuiInspection, ChishuiProblem } from "./inspection/inspection.entity";
import { RECORD_CHISHUI } from "./name";
import { ChishuiSection } from "./section/section.entity";

/*
 * Monitoring data and inspection records belong to the committee offices: STAFF read
 * their committee and those below it and write their own; members and units have no
 * access (FORBIDDEN), as the SDK's scope rules say for a role a record does not declare.
 */
const staffOnly = { committee: { column: "committee_code" }, writePermission: RECORD_CHISHUI } as const;

export const sectionScope = defineScope<ChishuiSection>({
  entity: ChishuiSection,
  name: "monitoring section",
  nameZh: "监测断面",
  committeeOf: (s) => s.committeeCode,
  ...staffOnly,
});

export const inspectionScope = defineScope<ChishuiInspection>({
  entity: ChishuiInspection,
  name: "inspection",
  nameZh: "监督视察",
  committeeOf: (i) => i.committeeCode,
  ...staffOnly,
});

export const problemScope = defineScope<ChishuiProblem>({
  entity: ChishuiProblem,
  name: "problem",
  nameZh: "问题",
  committeeOf: (p) => p.committeeCode,
  ...staffOnly,
});
