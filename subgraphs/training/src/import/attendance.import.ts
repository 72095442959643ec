import {
  readWorkbook,
  reportDuplicates,
  today,
  writeWorkbook,
  type EnumChoice,
  type ImportProgress,
  type ImportResult,
  type MemberInfo,
  type RequestContext,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { MANAGE_TRAINING } from "../permissions";
import { TrainingSession } from "../session/session.entity";
import { ATTENDANCE_SHEET } from "./attendance.sheet";

const BATCH = 200;

async function sessionChoices(ctx: RequestContext, code: string) {
  const sessions = await ctx
    .repo(TrainingSession)
    .find({ where: { committeeCode: code }, order: { startsOn: "ASC", id: "ASC" } });
  const choices: EnumChoice[] = sessions.map((s) => ({ value: String(s.id), label: `${s.id} ${s.title}` }));
  return { sessions, choices };
}

interface Plan {
  row: number;
  sessionId: number;
  memberId: number;
  attendance: TrainingAttendance | null;
}

/**
 * Imports a committee's 参训出勤 sheet: the whole file is checked (sessions of this
 * committee that have started, members seated somewhere on the session's first day, names
 * matching the register, no session + member twice), then every row is written in one
 * transaction or none. Re-importing the same file writes nothing.
 */
export async function importTrainingAttendance(
  ctx: RequestContext,
  opts: { committee: string; data: Buffer; dryRun?: boolean; onProgress?: ImportProgress },
): Promise<ImportResult> {
  ctx.require(MANAGE_TRAINING);
  await ctx.assertStaffOf(opts.committee, "committee");
  const code = opts.committee;
  const progress = opts.onProgress ?? (() => undefined);
  const sheet = ATTENDANCE_SHEET;
  const { sessions, choices } = await sessionChoices(ctx, code);
  progress("read", 0, 1);
  const { rows: sheets, problems } = await readWorkbook(opts.data, [{ sheet, choices: { sessions: choices } }]);
  const rows = sheets.get(sheet.name) ?? [];
  progress("check", 0, rows.length);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const t = today();
  const dayOf = (s: TrainingSession) => (s.startsOn < t ? s.startsOn : t);

  // Members: one look-up per distinct session day, by id (any committee) and by name (this committee).
  const days = new Map<string, { ids: Set<number>; byName: boolean }>();
  for (const r of rows) {
    const s = sessionById.get(Number(r.values.session));
    if (!s) continue;
    if (s.startsOn > t) {
      problems.add(sheet, r.row, "session", `班次 ${s.id} 尚未开始, 不能登记出勤`, `session ${s.id} has not started`);
      continue;
    }
    const d = days.get(dayOf(s)) ?? { ids: new Set<number>(), byName: false };
    if (typeof r.values.memberId === "number") d.ids.add(r.values.memberId);
    else d.byName = true;
    days.set(dayOf(s), d);
  }
  const byIdOn = new Map<string, Map<number, MemberInfo>>();
  const byNameOn = new Map<string, Map<string, MemberInfo[]>>();
  for (const [day, need] of days) {
    if (need.ids.size) {
      const found = await ctx.runtime.members.lookup([...need.ids].map(String), day);
      byIdOn.set(day, new Map(found.map((m) => [Number(m.id), m])));
    }
    if (need.byName) {
      const names = new Map<string, MemberInfo[]>();
      for (const m of await ctx.runtime.members.activeIn([code], day))
        names.set(m.name, [...(names.get(m.name) ?? []), m]);
      byNameOn.set(day, names);
    }
  }

  const plans: Plan[] = [];
  for (const r of rows) {
    const s = sessionById.get(Number(r.values.session));
    if (!s || s.startsOn > t) continue;
    const day = dayOf(s);
    const name = r.values.name as string | null;
    let memberId: number | null = null;
    if (typeof r.values.memberId === "number") {
      const m = byIdOn.get(day)?.get(r.values.memberId);
      if (!m || !m.committees.length) {
        problems.add(
          sheet,
          r.row,
          "memberId",
          `委员 ${r.values.memberId} 在 ${day} 不在任何政协任职`,
          `member ${r.values.memberId} held no seat on ${day}`,
        );
      } else if (name && m.name !== name) {
        problems.add(
          sheet,
          r.row,
          "name",
          `委员 ${m.id} 的姓名是"${m.name}", 不是"${name}"`,
          `member ${m.id} is named ${m.name}, not ${name}`,
        );
      } else memberId = r.values.memberId;
    } else if (name) {
      const list = byNameOn.get(day)?.get(name) ?? [];
      if (list.length === 0) {
        problems.add(
          sheet,
          r.row,
          "name",
          `${day} 本级政协没有在任委员"${name}"; 他级政协的委员请填委员编号`,
          `no member named ${name} sat on ${code} on ${day}; give 委员编号 for a member of another committee`,
        );
      } else if (list.length > 1) {
        problems.add(
          sheet,
          r.row,
          "memberId",
          `本级政协有 ${list.length} 位委员名为"${name}", 请填写委员编号`,
          `${list.length} members are named ${name}; give 委员编号`,
        );
      } else memberId = Number(list[0].id);
    }
    if (memberId !== null) {
      plans.push({
        row: r.row,
        sessionId: s.id,
        memberId,
        attendance: (r.values.attendance as TrainingAttendance | null) ?? null,
      });
    }
  }
  const planOf = new Map(plans.map((p) => [p.row, p]));
  reportDuplicates(
    problems,
    sheet,
    rows,
    (r) => {
      const p = planOf.get(r.row);
      return p ? `${p.sessionId}|${p.memberId}` : null;
    },
    { zh: "同一班次同一委员", en: "the same session and member", column: "name" },
  );

  // What changes: an enrolment is keyed by session + member.
  const existing = new Map<string, TrainingEnrolment>();
  const sessionIds = [...new Set(plans.map((p) => p.sessionId))];
  for (let i = 0; i < sessionIds.length; i += 100) {
    for (const e of await ctx.repo(TrainingEnrolment).findBy({ sessionId: In(sessionIds.slice(i, i + 100)) })) {
      existing.set(`${e.sessionId}|${e.memberId}`, e);
    }
  }
  const inserts: Plan[] = [];
  const updates: Plan[] = [];
  let unchanged = 0;
  for (const p of plans) {
    const e = existing.get(`${p.sessionId}|${p.memberId}`);
    if (!e) inserts.push(p);
    else if (p.attendance !== null && e.attendance !== p.attendance) updates.push(p);
    else unchanged++;
  }
  progress("check", rows.length, rows.length);
  const result: ImportResult = {
    dryRun: !!opts.dryRun,
    written: false,
    rows: rows.length,
    created: inserts.length,
    updated: updates.length,
    unchanged,
    errors: problems.sorted(),
    warnings: [],
  };
  if (!problems.empty || opts.dryRun || inserts.length + updates.length === 0) return result;

  const markedAt = new Date();
  const markedBy = ctx.identity.subject.slice(0, 100);
  await ctx.transaction(TrainingEnrolment, async (tx) => {
    for (let i = 0; i < inserts.length; i += BATCH) {
      await tx.repo(TrainingEnrolment).insert(
        inserts.slice(i, i + BATCH).map((p) => ({
          sessionId: p.sessionId,
          memberId: p.memberId,
          attendance: p.attendance,
          markedAt: p.attendance ? markedAt : null,
          markedBy: p.attendance ? markedBy : null,
        })),
      );
      progress("write", Math.min(inserts.length, i + BATCH), inserts.length + updates.length);
    }
    for (const p of updates) {
      await tx
        .manager(TrainingEnrolment)
        .createQueryBuilder()
        .update(TrainingEnrolment)
        .set({ attendance: p.attendance, markedAt, markedBy })
        .where("session_id = :s AND member_id = :m", { s: p.sessionId, m: p.memberId })
        .execute();
    }
  });
  return { ...result, written: true };
}

export async function trainingAttendanceTemplate(ctx: RequestContext, code: string): Promise<Buffer> {
  ctx.require(MANAGE_TRAINING);
  await ctx.assertStaffOf(code, "committee");
  const { choices } = await sessionChoices(ctx, code);
  return writeWorkbook([{ sheet: ATTENDANCE_SHEET, choices: { sessions: choices } }]);
}

/** Every enrolment at the committee's sessions, in the import layout (imports back unchanged). */
export async function exportTrainingAttendance(ctx: RequestContext, code: string): Promise<Buffer> {
  ctx.require(MANAGE_TRAINING);
  await ctx.assertStaffOf(code, "committee");
  const { sessions, choices } = await sessionChoices(ctx, code);
  const enrolments: TrainingEnrolment[] = [];
  const ids = sessions.map((s) => s.id);
  for (let i = 0; i < ids.length; i += 100) {
    enrolments.push(
      ...(await ctx
        .repo(TrainingEnrolment)
        .find({ where: { sessionId: In(ids.slice(i, i + 100)) }, order: { sessionId: "ASC", memberId: "ASC" } })),
    );
  }
  const names = new Map<number, string>();
  const memberIds = [...new Set(enrolments.map((e) => e.memberId))];
  for (let i = 0; i < memberIds.length; i += 500) {
    for (const m of await ctx.runtime.members.lookup(memberIds.slice(i, i + 500).map(String), today()))
      names.set(Number(m.id), m.name);
  }
  const rows = enrolments.map((e) => ({
    session: String(e.sessionId),
    memberId: e.memberId,
    name: names.get(e.memberId) ?? null,
    attendance: e.attendance,
  }));
  return writeWorkbook([{ sheet: ATTENDANCE_SHEET, rows, choices: { sessions: choices } }]);
}
