import { badInput, conflict, isUniqueViolation, type RequestContext, text, today } from "@tongxin/sdk";
import { In } from "typeorm";
import { assertSeatedMembers, parseMemberIds } from "../attendance/attendance.service";
import type { MeetingSpeechInput } from "../meeting/meeting.inputs";
import { meetingLoaders } from "../meeting/meeting.loader";
import { getMeetingToManage } from "../meeting/meeting.service";
import { MeetingSpeech } from "./speech.entity";

const MAX_SPEECHES = 200;

/**
 * 大会发言 and other speeches, recorded by the organiser's office after the meeting
 * began. A speech is known by its meeting, member and title: recording the same sheet
 * twice adds nothing, so a retry is harmless.
 */
export async function recordSpeeches(
  ctx: RequestContext,
  rawMeetingId: string,
  speeches: MeetingSpeechInput[],
): Promise<MeetingSpeech[]> {
  const meeting = await getMeetingToManage(ctx, rawMeetingId, "meetingId");
  if (meeting.startsOn > today()) {
    throw badInput(
      "meetingId",
      "会议尚未开始, 不能登记发言",
      "the meeting has not started: speeches cannot be recorded yet",
    );
  }
  if (speeches.length === 0) throw badInput("speeches", "名单为空", "the list is empty");
  if (speeches.length > MAX_SPEECHES)
    throw badInput("speeches", `一次最多 ${MAX_SPEECHES} 篇`, `at most ${MAX_SPEECHES} at once`);
  const lines = speeches.map((s, i) => ({
    memberId: parseMemberIds([s.memberId], () => `speeches[${i}].memberId`, "speeches")[0],
    title: text(s.title, `speeches[${i}].title`, { max: 200, required: true }),
    form: s.form,
  }));
  const keys = new Set<string>();
  lines.forEach((l, i) => {
    const key = `${l.memberId}|${l.title}`;
    if (keys.has(key))
      throw badInput(`speeches[${i}].title`, "同一委员同一题目重复出现", "the same member and title twice");
    keys.add(key);
  });
  const memberIds = [...new Set(lines.map((l) => l.memberId))];
  await assertSeatedMembers(ctx, meeting, memberIds, (i) => {
    const at = lines.findIndex((l) => l.memberId === memberIds[i]);
    return `speeches[${at}].memberId`;
  });
  const recordedBy = ctx.identity.subject.slice(0, 100);
  try {
    return await ctx.transaction(MeetingSpeech, async (tx) => {
      const existing = await tx.repo(MeetingSpeech).find({ where: { meetingId: meeting.id, memberId: In(memberIds) } });
      const known = new Set(existing.map((e) => `${e.memberId}|${e.title}`));
      const fresh = lines.filter((l) => !known.has(`${l.memberId}|${l.title}`));
      if (fresh.length) {
        await tx.repo(MeetingSpeech).insert(fresh.map((l) => ({ ...l, meetingId: meeting.id, recordedBy })));
      }
      meetingLoaders(ctx).speeches.clear(meeting.id);
      const all = await tx.repo(MeetingSpeech).find({ where: { meetingId: meeting.id, memberId: In(memberIds) } });
      return all.filter((s) => keys.has(`${s.memberId}|${s.title}`));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("the meeting's speeches");
    throw e;
  }
}
