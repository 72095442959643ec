import { defineScope } from "@tongxin/sdk";
import { MANAGE_OPINION_REPORTS, READ_OPINION_REPORTS } from "../permissions";
import { OpinionReport } from "./opinion-report.entity";

/** STAFF read their committee and those below it and work on their own; a member reads the reports they submitted. */
export const opinionReportScope = defineScope<OpinionReport>({
  entity: OpinionReport,
  name: "opinion report",
  nameZh: "社情民意信息",
  committee: { column: "committee_code" },
  committeeOf: (r) => r.committeeCode,
  member: { own: (a) => `${a}.submitter_member_id = :scopeMember` },
  readPermission: READ_OPINION_REPORTS,
  writePermission: MANAGE_OPINION_REPORTS,
});
