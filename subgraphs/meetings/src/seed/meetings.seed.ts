import {
  type CommitteeNode,
  insertInChunks,
  type MemberInfo,
  type Random,
  type SeedContext,
  seededRandom,
  today,
} from "@tongxin/sdk";
import { MeetingAttendance, MeetingPresence } from "../attendance/attendance.entity";
import { LeaveStatus, MeetingLeaveRequest } from "../leave/leave.entity";
import { Meeting, MeetingKind } from "../meeting/meeting.entity";
import { MeetingSpeech, SpeechForm } from "../speech/speech.entity";

/**
 * Demo meetings from 2022 to today for every committee: the plenary session in January
 * (the whole register expected), four standing-committee meetings, six chair meetings
 * and three consultation meetings a year. Nothing in the source report counts them, so
 * magnitudes follow common practice: about 96 % present, a few on approved leave, a
 * handful absent without leave (some twice, which the exit rules flag), about one member
 * in twelve speaking at the plenary.
 */
const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const chinese = (n: number): string =>
  n <= 10 ? NUMERALS[n] : `${n >= 20 ? NUMERALS[Math.floor(n / 10)] : ""}十${n % 10 ? NUMERALS[n % 10] : ""}`;

const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const TOPICS = [
  "推进金沙江流域生态保护",
  "加快高原特色农业发展",
  "提升县域义务教育质量",
  "完善基层医疗卫生服务",
  "促进民营经济高质量发展",
  "巩固拓展脱贫攻坚成果",
  "推动文旅融合发展",
  "加强乡村人才队伍建设",
];

interface Plan {
  meetings: Partial<Meeting>[];
  roll: Partial<MeetingAttendance>[];
  leave: Partial<MeetingLeaveRequest>[];
  speeches: Partial<MeetingSpeech>[];
}

function planMeeting(
  rng: Random,
  plan: Plan,
  c: CommitteeNode,
  m: { kind: MeetingKind; title: string; startsOn: string; days: number; halfDays: number },
  expected: MemberInfo[],
  now: string,
  speakers: number,
): void {
  const id = plan.meetings.length + 1;
  plan.meetings.push({
    id,
    committeeCode: c.code,
    kind: m.kind,
    title: m.title,
    startsOn: m.startsOn,
    endsOn: addDays(m.startsOn, m.days - 1),
    halfDays: m.halfDays,
    place: c.name.replace(/政协$/, "") + "会议中心",
    recordedBy: "seed",
    version: 1,
  });
  const held = m.startsOn <= now;
  for (const member of expected) {
    const memberId = Number(member.id);
    let presence: MeetingPresence | null = null;
    if (held) {
      const r = rng.next();
      presence =
        r < 0.93
          ? MeetingPresence.PRESENT
          : r < 0.955
            ? MeetingPresence.LATE
            : r < 0.99
              ? MeetingPresence.ON_LEAVE
              : MeetingPresence.ABSENT;
    }
    if (presence === MeetingPresence.ON_LEAVE) {
      plan.leave.push({
        meetingId: id,
        memberId,
        reason: rng.pick(["因公出差", "身体原因", "家中有事", "参加上级会议"]),
        requestedOn: addDays(m.startsOn, -3),
        status: LeaveStatus.APPROVED,
        approver: m.kind === MeetingKind.PLENARY || m.kind === MeetingKind.STANDING ? "主席" : "秘书长",
        decidedOn: addDays(m.startsOn, -2),
        enteredBy: "seed",
        decidedBy: "seed",
        version: 1,
      });
    }
    plan.roll.push({
      meetingId: id,
      memberId,
      presence,
      markedAt: held ? new Date(`${m.startsOn}T12:00:00Z`) : null,
      markedBy: held ? "seed" : null,
    });
  }
  if (!held) return;
  const present = expected.filter((_, i) => {
    const p = plan.roll[plan.roll.length - expected.length + i].presence;
    return p === MeetingPresence.PRESENT || p === MeetingPresence.LATE;
  });
  for (const member of rng.shuffle([...present]).slice(0, speakers)) {
    plan.speeches.push({
      meetingId: id,
      memberId: Number(member.id),
      title: `关于${rng.pick(TOPICS)}的建议`,
      form: rng.chance(0.6) ? SpeechForm.WRITTEN : SpeechForm.ORAL,
      recordedBy: "seed",
    });
  }
}

function planCommittee(
  rng: Random,
  plan: Plan,
  c: CommitteeNode,
  register: (day: string) => MemberInfo[],
  now: string,
) {
  const termStart = c.termStartedOn ? Number(c.termStartedOn.slice(0, 4)) : 2022;
  const base = c.name.replace(/政协$/, "");
  for (let year = 2022; year <= Number(now.slice(0, 4)); year++) {
    const plenaryDay = `${year}-01-${c.level === "CITY" ? "10" : "06"}`;
    const all = register(plenaryDay);
    if (all.length === 0) continue;
    const n = year - termStart + 1;
    planMeeting(
      rng,
      plan,
      c,
      {
        kind: MeetingKind.PLENARY,
        title: `政协第${chinese(c.currentTerm ?? 1)}届${base}委员会第${chinese(n)}次会议`,
        startsOn: plenaryDay,
        days: 4,
        halfDays: 7,
      },
      all,
      now,
      Math.max(3, Math.round(all.length / 12)),
    );
    const byId = [...all].sort((a, b) => Number(a.id) - Number(b.id));
    const standing = byId.slice(0, Math.max(9, Math.round(all.length * 0.12)));
    const chairs = byId.slice(0, 6);
    ["03-15", "06-14", "09-13", "12-12"].forEach((md, i) =>
      planMeeting(
        rng,
        plan,
        c,
        {
          kind: MeetingKind.STANDING,
          title: `${base}政协第${chinese(c.currentTerm ?? 1)}届常委会第${chinese((year - termStart) * 4 + i + 1)}次会议`,
          startsOn: `${year}-${md}`,
          days: 1,
          halfDays: 2,
        },
        standing,
        now,
        2,
      ),
    );
    ["02-20", "04-18", "05-23", "08-22", "10-24", "11-21"].forEach((md, i) =>
      planMeeting(
        rng,
        plan,
        c,
        {
          kind: MeetingKind.CHAIR,
          title: `${year}年第${chinese(i + 1)}次主席会议`,
          startsOn: `${year}-${md}`,
          days: 1,
          halfDays: 1,
        },
        chairs,
        now,
        0,
      ),
    );
    ["04-25", "07-18", "10-17"].forEach((md, i) =>
      planMeeting(
        rng,
        plan,
        c,
        {
          kind: MeetingKind.CONSULTATION,
          title: `“${TOPICS[(year + i) % TOPICS.length]}”专题协商会`,
          startsOn: `${year}-${md}`,
          days: 1,
          halfDays: 1,
        },
        rng.shuffle([...all]).slice(0, Math.max(8, Math.round(all.length * 0.2))),
        now,
        3,
      ),
    );
  }
}

export async function seedMeetings({ ctx, dataSource, log }: SeedContext): Promise<void> {
  if ((await dataSource.getRepository(Meeting).count()) > 0) return;
  const tree = await ctx.committees();
  if (tree.size === 0) return log("no committees yet: nothing to seed");
  const now = today();
  const rng = seededRandom(20240110);
  const plan: Plan = { meetings: [], roll: [], leave: [], speeches: [] };
  for (const c of tree.all()) {
    const cache = new Map<string, MemberInfo[]>();
    const days = [];
    for (let year = 2022; year <= Number(now.slice(0, 4)); year++)
      days.push(`${year}-01-${c.level === "CITY" ? "10" : "06"}`);
    for (const day of days) cache.set(day, day <= now ? await ctx.runtime.members.activeIn([c.code], day) : []);
    planCommittee(rng, plan, c, (day) => cache.get(day) ?? [], now);
  }
  await dataSource.transaction(async (em) => {
    await insertInChunks(em, Meeting, plan.meetings);
    await insertInChunks(em, MeetingAttendance, plan.roll);
    await insertInChunks(em, MeetingLeaveRequest, plan.leave);
    await insertInChunks(em, MeetingSpeech, plan.speeches);
  });
  log(
    `seeded ${plan.meetings.length} meetings, ${plan.roll.length} roll lines, ${plan.leave.length} leave requests, ${plan.speeches.length} speeches`,
  );
}
