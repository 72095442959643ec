import {
  readWorkbook,
  reportDuplicates,
  today,
  writeWorkbook,
  type EnumChoice,
  type ImportProgress,
  type ImportResult,
  type MemberInfo,
  type ParsedRow,
  type RequestContext,
  type SheetDefinition,
  type SheetProblems,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { StudioActivity, StudioActivityParticipant, type StudioActivityType } from "../activity/activity.entity";
import { MANAGE_STUDIOS } from "../permissions";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { Studio } from "../studio/studio.entity";
import { ACTIVITY_SHEET, ROSTER_SHEET } from "./studio.sheets";

const BATCH = 200;

async function studioChoices(ctx: RequestContext, code: string) {
  const studios = await ctx.repo(Studio).find({ where: { committeeCode: code }, order: { id: "ASC" } });
  const choices: EnumChoice[] = studios.map((s) => ({ value: String(s.id), label: `${s.id} ${s.name}` }));
  return { studios, choices };
}

/** Members seated on `code` on each day asked for: one look-up per distinct day. */
async function seatedOn(
  ctx: RequestContext,
  wanted: Map<string, Set<number>>,
): Promise<Map<string, Map<number, MemberInfo>>> {
  const out = new Map<string, Map<number, MemberInfo>>();
  const list = [...wanted];
  // A few at a time: a year of activities has a hundred dates or more, each one call to members.
  for (let i = 0; i < list.length; i += 6) {
    await Promise.all(
      list.slice(i, i + 6).map(async ([day, ids]) => {
        const found = await ctx.runtime.members.lookup([...ids].map(String), day);
        out.set(day, new Map(found.map((m) => [Number(m.id), m])));
      }),
    );
  }
  return out;
}

const want = (m: Map<string, Set<number>>, day: string, id: number) => {
  const s = m.get(day) ?? new Set<number>();
  s.add(id);
  m.set(day, s);
};

interface StayPlan {
  studioId: number;
  memberId: number;
  joinedOn: string;
  leftOn: string | null;
  existing: StudioRosterEntry | null;
}

interface ActivityPlan {
  studioId: number;
  heldOn: string;
  type: StudioActivityType;
  title: string;
  peopleServed: number;
  opinionReports: number;
  notes: string;
  participants: number[];
  existing: StudioActivity | null;
  changed: boolean;
}

function checkDay(
  problems: SheetProblems,
  sheet: SheetDefinition,
  r: ParsedRow,
  key: string,
  studio: Studio,
  day: string,
): boolean {
  if (day > today()) problems.add(sheet, r.row, key, "日期不能晚于今天", "cannot be in the future");
  else if (day < studio.establishedOn) {
    problems.add(
      sheet,
      r.row,
      key,
      `早于工作室成立日期 ${studio.establishedOn}`,
      `before the studio was established (${studio.establishedOn})`,
    );
  } else if (studio.closedOn && day >= studio.closedOn) {
    problems.add(sheet, r.row, key, `工作室已于 ${studio.closedOn} 撤销`, `the studio closed on ${studio.closedOn}`);
  } else return true;
  return false;
}

/**
 * Imports a committee's studios workbook (入室名单 and/or 履职活动). Every row of both sheets
 * is checked first (studios of this committee, members seated on it on the day, names
 * matching ids, dates in order and within the studio's life, no row twice); then both
 * sheets are written in one transaction, or nothing. Re-importing the same file writes
 * nothing: stays are keyed by studio + member + join date, activities by studio + date +
 * title.
 */
export async function importStudios(
  ctx: RequestContext,
  opts: { committee: string; data: Buffer; dryRun?: boolean; onProgress?: ImportProgress },
): Promise<ImportResult> {
  ctx.require(MANAGE_STUDIOS);
  await ctx.assertStaffOf(opts.committee, "committee");
  const code = opts.committee;
  const progress = opts.onProgress ?? (() => undefined);
  const { studios, choices } = await studioChoices(ctx, code);
  const studioById = new Map(studios.map((s) => [s.id, s]));
  progress("read", 0, 1);
  const { rows: sheets, problems } = await readWorkbook(opts.data, [
    { sheet: ROSTER_SHEET, choices: { studios: choices }, optional: true },
    { sheet: ACTIVITY_SHEET, choices: { studios: choices }, optional: true },
  ]);
  const rosterRows = sheets.get(ROSTER_SHEET.name) ?? [];
  const activityRows = sheets.get(ACTIVITY_SHEET.name) ?? [];
  const total = rosterRows.length + activityRows.length;
  if (total === 0 && problems.empty) {
    problems.add(
      ROSTER_SHEET,
      0,
      undefined,
      "文件中没有入室名单或履职活动的数据",
      "the file has no rows on 入室名单 or 履职活动",
    );
  }
  progress("check", 0, total);

  const memberIds = [
    ...new Set(rosterRows.map((r) => r.values.memberId).filter((n): n is number => typeof n === "number")),
  ];
  const existingStays: StudioRosterEntry[] = [];
  for (let i = 0; i < memberIds.length; i += 500) {
    existingStays.push(
      ...(await ctx.repo(StudioRosterEntry).findBy({
        studioId: In(studios.length ? studios.map((s) => s.id) : [-1]),
        memberId: In(memberIds.slice(i, i + 500)),
      })),
    );
  }
  const existingActivities = await ctx.repo(StudioActivity).findBy({
    studioId: In(studios.length ? studios.map((s) => s.id) : [-1]),
  });
  const existingParticipants = new Map<number, number[]>();
  const activityIds = existingActivities.map((a) => a.id);
  for (let i = 0; i < activityIds.length; i += 500) {
    for (const p of await ctx
      .repo(StudioActivityParticipant)
      .findBy({ activityId: In(activityIds.slice(i, i + 500)) })) {
      existingParticipants.set(p.activityId, [...(existingParticipants.get(p.activityId) ?? []), p.memberId]);
    }
  }
  // Members on the day that matters: the join date of a stay, the date of an activity. A stay or
  // participant already stored for that day was checked when it was recorded; only new ones are
  // looked up (one call per distinct day), so re-importing a year's export costs no look-up.
  const trusted = new Set<string>();
  const days = new Map<string, Set<number>>();
  const participantsOf = new Map<number, number[]>();
  for (const r of rosterRows) {
    const s = studioById.get(Number(r.values.studio));
    if (s && typeof r.values.memberId === "number" && r.values.joinedOn) {
      const day = r.values.joinedOn as string;
      const stored = existingStays.some(
        (e) => e.studioId === s.id && e.memberId === r.values.memberId && e.joinedOn === day,
      );
      if (stored) trusted.add(`${day}|${r.values.memberId}`);
      else want(days, day, r.values.memberId);
    }
  }
  for (const r of activityRows) {
    const raw = (r.values.participants as string | null) ?? "";
    const parts = raw.split(/[、,，;；\s]+/).filter(Boolean);
    const ids = parts.map(Number);
    if (parts.length && ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
      problems.add(
        ACTIVITY_SHEET,
        r.row,
        "participants",
        "应为委员编号, 以顿号分隔",
        "must be member ids separated by 、 or commas",
      );
      continue;
    }
    if (new Set(ids).size !== ids.length) {
      problems.add(ACTIVITY_SHEET, r.row, "participants", "有委员编号重复", "a member id is listed twice");
      continue;
    }
    participantsOf.set(r.row, ids);
    const day = r.values.heldOn as string | null;
    if (!day) continue;
    const storedOnDay = new Set(
      existingActivities
        .filter((a) => a.heldOn === day && a.studioId === Number(r.values.studio))
        .flatMap((a) => existingParticipants.get(a.id) ?? []),
    );
    for (const id of ids) {
      if (storedOnDay.has(id)) trusted.add(`${day}|${id}`);
      else want(days, day, id);
    }
  }
  const seated = await seatedOn(ctx, days);
  const seatedHere = (day: string, id: number) =>
    trusted.has(`${day}|${id}`) || (seated.get(day)?.get(id)?.committees.includes(code) ?? false);

  // 入室名单
  const stays: StayPlan[] = [];
  for (const r of rosterRows) {
    const v = r.values;
    const studio = studioById.get(Number(v.studio));
    if (!studio || typeof v.memberId !== "number" || !v.joinedOn) continue;
    const joinedOn = v.joinedOn as string;
    const leftOn = (v.leftOn as string | null) ?? null;
    let ok = checkDay(problems, ROSTER_SHEET, r, "joinedOn", studio, joinedOn);
    if (leftOn && leftOn < joinedOn) {
      problems.add(
        ROSTER_SHEET,
        r.row,
        "leftOn",
        `离室日期 ${leftOn} 早于入室日期 ${joinedOn}`,
        `leaves (${leftOn}) before joining (${joinedOn})`,
      );
      ok = false;
    }
    if (leftOn && leftOn > today()) {
      problems.add(ROSTER_SHEET, r.row, "leftOn", "离室日期不能晚于今天", "cannot be in the future");
      ok = false;
    }
    const m = seated.get(joinedOn)?.get(v.memberId);
    if (!seatedHere(joinedOn, v.memberId)) {
      problems.add(
        ROSTER_SHEET,
        r.row,
        "memberId",
        `委员 ${v.memberId} 在 ${joinedOn} 不是本级政协委员`,
        `member ${v.memberId} held no seat on ${code} on ${joinedOn}`,
      );
      ok = false;
    } else if (m && v.name && m.name !== v.name) {
      problems.add(
        ROSTER_SHEET,
        r.row,
        "name",
        `委员 ${m.id} 的姓名是"${m.name}", 不是"${v.name}"`,
        `member ${m.id} is named ${m.name}, not ${v.name}`,
      );
      ok = false;
    }
    if (!ok) continue;
    const existing =
      existingStays.find((e) => e.studioId === studio.id && e.memberId === v.memberId && e.joinedOn === joinedOn) ??
      null;
    stays.push({ studioId: studio.id, memberId: v.memberId, joinedOn, leftOn, existing });
  }
  reportDuplicates(
    problems,
    ROSTER_SHEET,
    rosterRows,
    (r) =>
      typeof r.values.memberId === "number" && r.values.studio && r.values.joinedOn
        ? `${r.values.studio}|${r.values.memberId}|${r.values.joinedOn}`
        : null,
    { zh: "同一工作室同一委员同一入室日期", en: "the same studio, member and join date", column: "memberId" },
  );
  // Stays of one member on one studio must not overlap, counting those already stored.
  for (const s of stays) {
    const others = [
      ...stays.filter(
        (o) => o !== s && o.studioId === s.studioId && o.memberId === s.memberId && o.joinedOn !== s.joinedOn,
      ),
      ...existingStays
        .filter(
          (e) =>
            e.studioId === s.studioId &&
            e.memberId === s.memberId &&
            e.joinedOn !== s.joinedOn &&
            !stays.some((o) => o.existing?.id === e.id),
        )
        .map((e) => ({ joinedOn: e.joinedOn, leftOn: e.leftOn })),
    ];
    const overlaps = others.some(
      (o) => (o.leftOn === null || o.leftOn > s.joinedOn) && (s.leftOn === null || s.leftOn > o.joinedOn),
    );
    const row = rosterRows.find(
      (r) =>
        Number(r.values.studio) === s.studioId && r.values.memberId === s.memberId && r.values.joinedOn === s.joinedOn,
    );
    if (overlaps && row) {
      problems.add(
        ROSTER_SHEET,
        row.row,
        "joinedOn",
        "与该委员在此工作室的另一段在室时间重叠",
        "overlaps another stay of the member on this studio",
      );
    }
  }

  // 履职活动
  const activities: ActivityPlan[] = [];
  for (const r of activityRows) {
    const v = r.values;
    const studio = studioById.get(Number(v.studio));
    const ids = participantsOf.get(r.row);
    if (!studio || !v.heldOn || !ids || !v.title || !v.type) continue;
    const heldOn = v.heldOn as string;
    let ok = checkDay(problems, ACTIVITY_SHEET, r, "heldOn", studio, heldOn);
    const outside = ids.filter((id) => !seatedHere(heldOn, id));
    if (outside.length) {
      problems.add(
        ACTIVITY_SHEET,
        r.row,
        "participants",
        `委员 ${outside.join("、")} 在 ${heldOn} 不是本级政协委员`,
        `member(s) ${outside.join(", ")} held no seat on ${code} on ${heldOn}`,
      );
      ok = false;
    }
    if (!ok) continue;
    let existing: StudioActivity | null = null;
    if (typeof v.activityId === "number") {
      existing = existingActivities.find((a) => a.id === v.activityId) ?? null;
      if (!existing) {
        problems.add(
          ACTIVITY_SHEET,
          r.row,
          "activityId",
          `活动编号 ${v.activityId} 不是本级工作室的活动`,
          `activity ${v.activityId} is not an activity of this committee's studios`,
        );
        continue;
      }
    } else {
      const same = existingActivities.filter(
        (a) => a.studioId === studio.id && a.heldOn === heldOn && a.title === v.title,
      );
      if (same.length > 1) {
        problems.add(
          ACTIVITY_SHEET,
          r.row,
          "activityId",
          `该工作室当天有 ${same.length} 个同名活动, 请填写活动编号`,
          `${same.length} activities of this studio share this date and title; give 活动编号`,
        );
        continue;
      }
      existing = same[0] ?? null;
    }
    const plan: ActivityPlan = {
      studioId: studio.id,
      heldOn,
      type: v.type as StudioActivityType,
      title: v.title as string,
      peopleServed: (v.peopleServed as number | null) ?? 0,
      opinionReports: (v.opinionReports as number | null) ?? 0,
      notes: (v.notes as string | null) ?? "",
      participants: ids,
      existing,
      changed: false,
    };
    if (existing) {
      const before = [...(existingParticipants.get(existing.id) ?? [])].sort((a, b) => a - b).join(",");
      plan.changed =
        existing.type !== plan.type ||
        existing.peopleServed !== plan.peopleServed ||
        existing.opinionReports !== plan.opinionReports ||
        existing.notes !== plan.notes ||
        before !== [...ids].sort((a, b) => a - b).join(",");
    }
    activities.push(plan);
  }
  reportDuplicates(
    problems,
    ACTIVITY_SHEET,
    activityRows,
    (r) =>
      typeof r.values.activityId === "number"
        ? `id|${r.values.activityId}`
        : r.values.studio && r.values.heldOn && r.values.title
          ? `${r.values.studio}|${r.values.heldOn}|${r.values.title}`
          : null,
    {
      zh: "同一活动 (编号, 或工作室+日期+名称)",
      en: "the same activity (id, or studio + date + title)",
      column: "title",
    },
  );

  const newStays = stays.filter((s) => !s.existing);
  const changedStays = stays.filter((s) => s.existing && (s.existing.leftOn ?? null) !== s.leftOn);
  const newActivities = activities.filter((a) => !a.existing);
  const changedActivities = activities.filter((a) => a.existing && a.changed);
  const created = newStays.length + newActivities.length;
  const updated = changedStays.length + changedActivities.length;
  progress("check", total, total);
  const result: ImportResult = {
    dryRun: !!opts.dryRun,
    written: false,
    rows: total,
    created,
    updated,
    unchanged: stays.length + activities.length - created - updated,
    errors: problems.sorted(),
    warnings: [],
  };
  if (!problems.empty || opts.dryRun || created + updated === 0) return result;

  const recordedBy = ctx.identity.subject.slice(0, 100);
  await ctx.transaction(Studio, async (tx) => {
    for (let i = 0; i < newStays.length; i += BATCH) {
      await tx.repo(StudioRosterEntry).insert(
        newStays.slice(i, i + BATCH).map((s) => ({
          studioId: s.studioId,
          memberId: s.memberId,
          joinedOn: s.joinedOn,
          leftOn: s.leftOn,
        })),
      );
    }
    for (const s of changedStays) await tx.repo(StudioRosterEntry).update({ id: s.existing!.id }, { leftOn: s.leftOn });
    progress("write", newStays.length + changedStays.length, created + updated);
    for (const a of [...newActivities, ...changedActivities]) {
      const values = {
        studioId: a.studioId,
        heldOn: a.heldOn,
        type: a.type,
        title: a.title,
        peopleServed: a.peopleServed,
        opinionReports: a.opinionReports,
        notes: a.notes,
      };
      let id: number;
      if (a.existing) {
        id = a.existing.id;
        await tx
          .manager(StudioActivity)
          .createQueryBuilder()
          .update(StudioActivity)
          .set({ ...values, version: () => "version + 1" })
          .where("id = :id", { id })
          .execute();
        await tx.repo(StudioActivityParticipant).delete({ activityId: id });
      } else {
        const saved = await tx
          .repo(StudioActivity)
          .save(tx.repo(StudioActivity).create({ ...values, recordedBy, recordedByMemberId: null, version: 1 }));
        id = saved.id;
      }
      const rows = a.participants.map((memberId) => ({ activityId: id, memberId }));
      for (let i = 0; i < rows.length; i += BATCH)
        await tx.repo(StudioActivityParticipant).insert(rows.slice(i, i + BATCH));
    }
    progress("write", created + updated, created + updated);
  });
  return { ...result, written: true };
}

export async function studiosTemplate(ctx: RequestContext, code: string): Promise<Buffer> {
  ctx.require(MANAGE_STUDIOS);
  await ctx.assertStaffOf(code, "committee");
  const { choices } = await studioChoices(ctx, code);
  return writeWorkbook([
    { sheet: ROSTER_SHEET, choices: { studios: choices } },
    { sheet: ACTIVITY_SHEET, choices: { studios: choices } },
  ]);
}

/** Every stay and activity of the committee's studios, in the import layout (imports back unchanged). */
export async function exportStudios(ctx: RequestContext, code: string): Promise<Buffer> {
  ctx.require(MANAGE_STUDIOS);
  await ctx.assertStaffOf(code, "committee");
  const { studios, choices } = await studioChoices(ctx, code);
  const ids = studios.length ? studios.map((s) => s.id) : [-1];
  const stays = await ctx
    .repo(StudioRosterEntry)
    .find({ where: { studioId: In(ids) }, order: { studioId: "ASC", memberId: "ASC", joinedOn: "ASC" } });
  const activities = await ctx
    .repo(StudioActivity)
    .find({ where: { studioId: In(ids) }, order: { heldOn: "ASC", id: "ASC" } });
  const participants = new Map<number, number[]>();
  for (let i = 0; i < activities.length; i += 500) {
    for (const p of await ctx
      .repo(StudioActivityParticipant)
      .findBy({ activityId: In(activities.slice(i, i + 500).map((a) => a.id)) })) {
      participants.set(p.activityId, [...(participants.get(p.activityId) ?? []), p.memberId]);
    }
  }
  const names = new Map<number, string>();
  const memberIds = [...new Set(stays.map((s) => s.memberId))];
  for (let i = 0; i < memberIds.length; i += 500) {
    for (const m of await ctx.runtime.members.lookup(memberIds.slice(i, i + 500).map(String)))
      names.set(Number(m.id), m.name);
  }
  return writeWorkbook([
    {
      sheet: ROSTER_SHEET,
      choices: { studios: choices },
      rows: stays.map((s) => ({
        studio: String(s.studioId),
        memberId: s.memberId,
        name: names.get(s.memberId) ?? null,
        joinedOn: s.joinedOn,
        leftOn: s.leftOn,
      })),
    },
    {
      sheet: ACTIVITY_SHEET,
      choices: { studios: choices },
      rows: activities.map((a) => ({
        activityId: a.id,
        studio: String(a.studioId),
        heldOn: a.heldOn,
        type: a.type,
        title: a.title,
        peopleServed: a.peopleServed,
        opinionReports: a.opinionReports,
        participants: (participants.get(a.id) ?? []).sort((x, y) => x - y).join("、"),
        notes: a.notes,
      })),
    },
  ]);
}
