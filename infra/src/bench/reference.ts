import { asOfEndOf, dateString, openModuleDatabase } from "@tongxin/sdk";

/**
 * The slow reference: the member, studio and training figures of one committee (or its
 * subtree) recomputed from the rows themselves, one committee at a time, by the definitions
 * of DOMAIN.md written out as plainly as possible: whole tables read into memory, no
 * batching, no SQL aggregation, nothing shared with the modules' code. The bench compares
 * the platform's answers with these on a sample of committees.
 */

type Rows = Record<string, unknown>[];
const d = (v: unknown) => dateString(v as string | Date | null);

export interface ReferenceData {
  committees: { code: string; parent: string | null }[];
  members: Map<number, { status: string; signedOn: string | null; sector: string | null }>;
  seats: { memberId: number; code: string; startedOn: string; endedOn: string | null; endReason: string | null }[];
  studios: { id: number; code: string; establishedOn: string; closedOn: string | null }[];
  roster: { studioId: number; memberId: number; joinedOn: string; leftOn: string | null }[];
  activities: { studioId: number; heldOn: string }[];
  sessions: { id: number; code: string; startsOn: string }[];
  attended: { sessionId: number; memberId: number }[];
}

async function readAll(databaseUrl: string, module: string, sql: string): Promise<Rows> {
  const db = await openModuleDatabase({ moduleName: module, databaseUrl, entities: [], migrations: [] });
  try {
    return (await db.dataSource.query(sql)) as Rows;
  } finally {
    await db.dataSource.destroy();
  }
}

export async function readReferenceData(databaseUrl: string): Promise<ReferenceData> {
  const sectors = new Map(
    (await readAll(databaseUrl, "members", "SELECT id, name FROM sector")).map((r) => [Number(r.id), String(r.name)]),
  );
  const members = new Map(
    (
      await readAll(
        databaseUrl,
        "members",
        "SELECT id, status, commitment_signed_on AS s, sector_id AS sector FROM member",
      )
    ).map((r) => [
      Number(r.id),
      {
        status: String(r.status),
        signedOn: d(r.s),
        sector: r.sector == null ? null : (sectors.get(Number(r.sector)) ?? null),
      },
    ]),
  );
  return {
    committees: (await readAll(databaseUrl, "members", "SELECT code, parent_code AS parent FROM committee")).map(
      (r) => ({
        code: String(r.code),
        parent: (r.parent as string | null) ?? null,
      }),
    ),
    members,
    seats: (
      await readAll(
        databaseUrl,
        "members",
        "SELECT member_id AS m, committee_code AS c, started_on AS s, ended_on AS e, end_reason AS r FROM membership",
      )
    ).map((r) => ({
      memberId: Number(r.m),
      code: String(r.c),
      startedOn: d(r.s)!,
      endedOn: d(r.e),
      endReason: (r.r as string | null) ?? null,
    })),
    studios: (
      await readAll(
        databaseUrl,
        "studios",
        "SELECT id, committee_code AS c, established_on AS e, closed_on AS x FROM studio",
      )
    ).map((r) => ({ id: Number(r.id), code: String(r.c), establishedOn: d(r.e)!, closedOn: d(r.x) })),
    roster: (
      await readAll(
        databaseUrl,
        "studios",
        "SELECT studio_id AS s, member_id AS m, joined_on AS j, left_on AS l FROM studio_roster_entry",
      )
    ).map((r) => ({ studioId: Number(r.s), memberId: Number(r.m), joinedOn: d(r.j)!, leftOn: d(r.l) })),
    activities: (await readAll(databaseUrl, "studios", "SELECT studio_id AS s, held_on AS h FROM studio_activity")).map(
      (r) => ({ studioId: Number(r.s), heldOn: d(r.h)! }),
    ),
    sessions: (
      await readAll(databaseUrl, "training", "SELECT id, committee_code AS c, starts_on AS s FROM training_session")
    ).map((r) => ({ id: Number(r.id), code: String(r.c), startsOn: d(r.s)! })),
    attended: (
      await readAll(
        databaseUrl,
        "training",
        "SELECT session_id AS s, member_id AS m FROM training_enrolment WHERE attendance = 'ATTENDED'",
      )
    ).map((r) => ({ sessionId: Number(r.s), memberId: Number(r.m) })),
  };
}

/** The committee and, when asked, every committee below it. */
export function scopeOf(data: ReferenceData, code: string, withDescendants: boolean): Set<string> {
  const out = new Set([code]);
  if (!withDescendants) return out;
  for (let grew = true; grew;) {
    grew = false;
    for (const c of data.committees) {
      if (c.parent && out.has(c.parent) && !out.has(c.code)) {
        out.add(c.code);
        grew = true;
      }
    }
  }
  return out;
}

const within = (day: string, from: string, until: string) => day >= from && day <= until;
const share = (n: number, of: number) => (of === 0 ? null : n / of);

/** Active on `asOf` in the scope: a current seat (DOMAIN.md: started, not ended; a resigned member's past seat counts). */
function activeIn(data: ReferenceData, scope: Set<string>, asOf: string): Set<number> {
  const out = new Set<number>();
  for (const s of data.seats) {
    if (!scope.has(s.code) || s.startedOn > asOf) continue;
    if (s.endedOn !== null && s.endedOn <= asOf) continue;
    if (s.endedOn === null && data.members.get(s.memberId)?.status !== "ACTIVE") continue;
    out.add(s.memberId);
  }
  return out;
}

export function memberFigures(data: ReferenceData, scope: Set<string>, year: number): Record<string, number> {
  const asOf = asOfEndOf(year);
  const active = activeIn(data, scope, asOf);
  const signed = [...active].filter((id) => {
    const on = data.members.get(id)?.signedOn;
    return !!on && on <= asOf;
  });
  const revoked = new Set(
    data.seats
      .filter(
        (s) =>
          scope.has(s.code) &&
          s.endReason === "REVOKED" &&
          s.endedOn &&
          within(s.endedOn, `${year}-01-01`, `${year}-12-31`),
      )
      .map((s) => s.memberId),
  );
  return { activeMembers: active.size, commitmentsSigned: signed.length, revoked: revoked.size };
}

export function studioFigures(data: ReferenceData, scope: Set<string>, year: number): Record<string, number | null> {
  const asOf = asOfEndOf(year);
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const onDay = (e: { joinedOn: string; leftOn: string | null }) =>
    e.joinedOn <= asOf && (e.leftOn === null || e.leftOn > asOf);
  const inScope = data.studios.filter((s) => scope.has(s.code));
  const own = inScope.filter((s) => s.establishedOn <= asOf);
  const ownIds = new Set(inScope.map((s) => s.id));
  const stays = data.roster.filter((r) => ownIds.has(r.studioId) && r.joinedOn <= asOf);
  const members = new Set(stays.filter(onDay).map((r) => r.memberId));
  const firstJoin = new Map<number, string>();
  for (const r of stays)
    if (!firstJoin.has(r.memberId) || r.joinedOn < firstJoin.get(r.memberId)!) firstJoin.set(r.memberId, r.joinedOn);
  const newMembers = [...members].filter((m) => within(firstJoin.get(m)!, from, to));
  const onAnyRoster = new Set(data.roster.filter(onDay).map((r) => r.memberId));
  const active = [...activeIn(data, scope, asOf)];
  const covered = active.filter((m) => onAnyRoster.has(m));
  const sectorsOf = (ids: number[]) => new Set(ids.map((m) => data.members.get(m)?.sector).filter((s) => !!s));
  return {
    studios: own.filter((s) => s.closedOn === null || s.closedOn > asOf).length,
    newStudios: own.filter((s) => within(s.establishedOn, from, to)).length,
    studioMembers: members.size,
    newStudioMembers: newMembers.length,
    activities: data.activities.filter((a) => ownIds.has(a.studioId) && within(a.heldOn, from, to)).length,
    coverage: share(covered.length, active.length),
    sectorCoverage: share(sectorsOf(covered).size, sectorsOf(active).size),
  };
}

export function trainingFigures(
  data: ReferenceData,
  scope: Set<string>,
  period: { from: string; until: string; asOf: string },
): Record<string, number | null> {
  const inPeriod = data.sessions.filter((s) => within(s.startsOn, period.from, period.until));
  const inPeriodIds = new Set(inPeriod.map((s) => s.id));
  const ownIds = new Set(inPeriod.filter((s) => scope.has(s.code)).map((s) => s.id));
  const ownAttended = data.attended.filter((a) => ownIds.has(a.sessionId));
  const trainedAnywhere = new Set(data.attended.filter((a) => inPeriodIds.has(a.sessionId)).map((a) => a.memberId));
  const active = [...activeIn(data, scope, period.asOf)];
  return {
    sessions: ownIds.size,
    trainees: new Set(ownAttended.map((a) => a.memberId)).size,
    attendances: ownAttended.length,
    coverage: share(active.filter((m) => trainedAnywhere.has(m)).length, active.length),
  };
}
