import { defineModule, scopedRecord } from "@tongxin/sdk";
import { Account } from "./account/account.entity";
import { AccountResolver } from "./account/account.resolver";
import { CommitteeTerm } from "./committee/committee-term.entity";
import { Committee } from "./committee/committee.entity";
import { CommitteeResolver, committeeReference } from "./committee/committee.resolver";
import { committeeSourceFrom } from "./committee/committee.service";
import { MemberStats } from "./committee/member-stats";
import { membersSourceFrom } from "./member/member.directory";
import { Member } from "./member/member.entity";
import { MemberResolver, memberReference } from "./member/member.resolver";
import { memberScope } from "./member/member.scope";
import { Membership } from "./membership/membership.entity";
import { MembershipResolver } from "./membership/membership.resolver";
import { MembersInitial1732500000000 } from "./migrations/1732500000000-members-initial";
import { SetupAndAccounts1764700000000 } from "./migrations/1764700000000-setup-and-accounts";
import { MembersPersonIdentity1764680000001 } from "./migrations/1764680000001-members-person-identity";
import { Party } from "./party/party.entity";
import { annualReportReference, AnnualReportResolver } from "./report/annual-report";
import { LIST_MEMBERS, MANAGE_MEMBERS, READ_CATALOG } from "./permissions";
import { seedMembers } from "./seed/members.seed";
import { Sector } from "./sector/sector.entity";
import { CatalogResolver } from "./sector/sector.resolver";
import { MEMBER_STATS } from "./committee/member-figures";
import { MembersImportResolver } from "./import/import.resolver";

/** 委员: committees (the tree every module is scoped by), sectors, parties, members, seats. */
export const membersModule = defineModule({
  name: "members",
  title: "委员管理",
  kind: "core",
  entities: [Committee, CommitteeTerm, Sector, Party, Member, Membership, Account],
  migrations: [MembersInitial1732500000000, MembersPersonIdentity1764680000001, SetupAndAccounts1764700000000],
  resolvers: [
    CommitteeResolver,
    MemberResolver,
    MembershipResolver,
    CatalogResolver,
    AnnualReportResolver,
    AccountResolver,
    MembersImportResolver,
  ],
  types: [MemberStats],
  references: { Committee: committeeReference, Member: memberReference, AnnualReport: annualReportReference },
  permissions: [MANAGE_MEMBERS, LIST_MEMBERS, READ_CATALOG],
  scoped: [
    scopedRecord(memberScope, {
      typename: "Member",
      list: { query: "{ members(first: 100) { edges { node { id } } } }", ids: "members.edges.node.id" },
      byId: { query: "query ($id: ID!) { member(id: $id) { id } }" },
    }),
  ],
  stats: [MEMBER_STATS],
  seed: seedMembers,
  committeeSource: committeeSourceFrom,
  membersSource: membersSourceFrom,
});

export default membersModule;
export { Committee, CommitteeLevel } from "./committee/committee.entity";
export { Member, MemberStatus, Gender } from "./member/member.entity";
export { Membership, Position } from "./membership/membership.entity";
export { COMMITTEES, PLATFORM_PARTIES, PLATFORM_SECTORS } from "./seed/reference-data";
export { Account, AccountRole } from "./account/account.entity";
export { createAccount, MAX_FAILURES, LOCK_MINUTES } from "./account/account.service";
export { CommitteeTerm } from "./committee/committee-term.entity";
export { createCommittee, moveCommittee, recordCommitteeTerm, updateCommittee } from "./committee/committee.admin";
export { addSector } from "./sector/sector.service";
export { addParty } from "./party/party.service";
export { Sector } from "./sector/sector.entity";
export { Party } from "./party/party.entity";
export { importMembersRoster } from "./import/roster.import";
export { exportMembersRoster, membersRosterTemplate } from "./import/roster.export";
export { ROSTER_SHEET } from "./import/roster.sheet";
