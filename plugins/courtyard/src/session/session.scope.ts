import { defineScope } from "@tongxin/sdk";
import { RECORD_COURTYARD } from "../name";
import { CourtyardSession } from "./session.entity";

/**
 * Who sees which sessions: STAFF the sessions of their committee and below (the county
 * office records and follows them up); a MEMBER the sessions they organised; units
 * nothing (this is not their business). Issues follow their session.
 */
export const sessionScope = defineScope<CourtyardSession>({
  entity: CourtyardSession,
  name: "courtyard session",
  nameZh: "院坝协商记录",
  committee: { column: "committee_code" },
  committeeOf: (s) => s.committeeCode,
  member: {
    own: (a) =>
      `EXISTS (SELECT 1 FROM courtyard_organiser o WHERE o.session_id = ${a}.id AND o.member_id = :scopeMember)`,
  },
  writePermission: RECORD_COURTYARD,
});
