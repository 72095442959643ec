import { defineModule } from "@tongxin/sdk";
import { Committee } from "./committee/committee.entity";
import { CommitteeResolver, committeeReference } from "./committee/committee.resolver";
import { committeeSourceFrom } from "./committee/committee.service";
import { MemberStats, MEMBER_FIGURES } from "./committee/member-stats";
import { membersSourceFrom } from "./member/member.directory";
import { Member } from "./member/member.entity";
import { MemberResolver, memberReference } from "./member/member.resolver";
import { Membership } from "./membership/membership.entity";
import { MembershipResolver } from "./membership/membership.resolver";
import { MembersInitial1732500000000 } from "./migrations/1732500000000-members-initial";
import { MembersPersonIdentity1764680000001 } from "./migrations/1764680000001-members-person-identity";
import { Party } from "./party/party.entity";
import { annualReportReference, AnnualReportResolver } from "./report/annual-report";
import { LIST_MEMBERS, MANAGE_MEMBERS, READ_CATALOG } from "./permissions";
import { seedMembers } from "./seed/members.seed";
import { Sector } from "./sector/sector.entity";
import { CatalogResolver } from "./sector/sector.resolver";
import { MembersImportResolver } from "./import/import.resolver";

/** 委员: committees (the tree every module is scoped by), sectors, parties, members, seats. */
export const membersModule = defineModule({
  name: "members",
  title: "委员管理",
  kind: "core",
  entities: [Committee, Sector, Party, Member, Membership],
  migrations: [MembersInitial1732500000000, MembersPersonIdentity1764680000001],
  resolvers: [
    CommitteeResolver,
    MemberResolver,
    MembershipResolver,
    CatalogResolver,
    AnnualReportResolver,
    MembersImportResolver,
  ],
  types: [MemberStats],
  references: { Committee: committeeReference, Member: memberReference, AnnualReport: annualReportReference },
  permissions: [MANAGE_MEMBERS, LIST_MEMBERS, READ_CATALOG],
  stats: [
    {
      field: "memberStats",
      title: "委员",
      titleEn: "Members",
      period: "year",
      figures: MEMBER_FIGURES,
    },
  ],
  seed: seedMembers,
  committeeSource: committeeSourceFrom,
  membersSource: membersSourceFrom,
});

export default membersModule;
export { Committee, CommitteeLevel } from "./committee/committee.entity";
export { Member, MemberStatus, Gender } from "./member/member.entity";
export { Membership, Position } from "./membership/membership.entity";
export { COMMITTEES } from "./seed/reference-data";
export { importMembersRoster } from "./import/roster.import";
export { exportMembersRoster, membersRosterTemplate } from "./import/roster.export";
export { ROSTER_SHEET } from "./import/roster.sheet";
