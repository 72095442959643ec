import {
  AppError,
  badInput,
  ErrorCode,
  forbidden,
  memberInfo,
  parseDate,
  parseId,
  text,
  today,
  type MemberInfo,
  type RequestContext,
  tokenMemberId,
} from "@tongxin/sdk";
import { addDays } from "../calendar";
import type { AttachmentInput } from "./proposal.inputs";
import { Proposal, ProposalKind } from "./proposal.entity";

export const MAX_CO_SIGNERS = 30;
export const MAX_ATTACHMENTS = 20;
const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;
const CO_SIGN_WINDOW_DAYS = 60;

/** Proposals are drafted for this year's plenary session or, late in the year, the next one. */
export function validYear(value: number | null | undefined, field: string): number {
  const current = Number(today().slice(0, 4));
  const year = value ?? current;
  if (!Number.isInteger(year) || year < current || year > current + 1) {
    throw badInput(field, `年度只能为 ${current} 或 ${current + 1}`, `must be ${current} or ${current + 1}`);
  }
  return year;
}

export function validCoSignDeadline(value: string | null | undefined, field: string): string | null {
  const d = parseDate(value, field);
  if (d === null) return null;
  const t = today();
  if (d < t) throw badInput(field, "联名截止日期不能早于今天", "cannot be in the past");
  if (d > addDays(t, CO_SIGN_WINDOW_DAYS)) {
    throw badInput(
      field,
      `联名截止日期不能晚于 ${CO_SIGN_WINDOW_DAYS} 天后`,
      `at most ${CO_SIGN_WINDOW_DAYS} days ahead`,
    );
  }
  return d;
}

export const defaultCoSignDeadline = (): string => addDays(today(), 7);

export function validAttachments(list: AttachmentInput[] | null | undefined, field: string) {
  if (!list) return [];
  if (list.length > MAX_ATTACHMENTS) {
    throw badInput(field, `附件不能超过 ${MAX_ATTACHMENTS} 个`, `at most ${MAX_ATTACHMENTS} attachments`);
  }
  return list.map((a, i) => {
    const at = `${field}[${i}]`;
    const fileName = text(a.fileName, `${at}.fileName`, { max: 255, required: true });
    if (/[\\/]/.test(fileName)) throw badInput(`${at}.fileName`, "文件名不能包含路径", "must not contain a path");
    const mimeType = text(a.mimeType, `${at}.mimeType`, { max: 100, required: true });
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) {
      throw badInput(`${at}.mimeType`, "不是有效的 MIME 类型", "not a MIME type, e.g. application/pdf");
    }
    if (!Number.isInteger(a.sizeBytes) || a.sizeBytes <= 0 || a.sizeBytes > MAX_ATTACHMENT_BYTES) {
      throw badInput(`${at}.sizeBytes`, "文件大小应在 1 字节到 200 MB 之间", "must be from 1 byte to 200 MB");
    }
    const sha256 = a.sha256 ? a.sha256.trim().toLowerCase() : null;
    if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256)) {
      throw badInput(`${at}.sha256`, "应为 64 位十六进制", "must be 64 hexadecimal digits");
    }
    return { fileName, mimeType, sizeBytes: a.sizeBytes, sha256 };
  });
}

/** The member behind a MEMBER token, with the seats they hold today; FORBIDDEN without one. */
export async function currentMember(ctx: RequestContext): Promise<MemberInfo> {
  const me = tokenMemberId(ctx);
  const info = me === null ? null : await memberInfo(ctx, me);
  if (!info || info.status !== "ACTIVE" || info.committees.length === 0) {
    throw forbidden("proposals (only members holding a seat today)");
  }
  return info;
}

export function assertSitsOn(info: MemberInfo, committee: string): void {
  if (!info.committees.includes(committee)) {
    throw forbidden(`proposals of committee ${committee} (member ${info.id} holds no seat there today)`);
  }
}

/**
 * Co-signers must be distinct members, other than the lead, holding a seat today on the
 * proposal's committee. Looked up together: one call to the members subgraph.
 */
export async function validCoSigners(
  ctx: RequestContext,
  rawIds: readonly string[],
  committee: string,
  leadId: number,
  field: string,
): Promise<MemberInfo[]> {
  if (rawIds.length > MAX_CO_SIGNERS) {
    throw badInput(field, `联名人不能超过 ${MAX_CO_SIGNERS} 人`, `at most ${MAX_CO_SIGNERS} co-signers`);
  }
  const ids = rawIds.map((raw, i) => parseId(raw, `${field}[${i}]`));
  const infos = await Promise.all(ids.map((id) => memberInfo(ctx, id)));
  return ids.map((id, i) => {
    const at = `${field}[${i}]`;
    if (ids.indexOf(id) !== i) throw badInput(at, "联名人重复", "listed twice");
    if (id === leadId) throw badInput(at, "领衔人不能同时联名", "the lead proposer cannot co-sign");
    const info = infos[i];
    if (!info || info.status !== "ACTIVE" || !info.committees.includes(committee)) {
      throw badInput(at, `不是该政协 (${committee}) 的在任委员`, `not a member holding a seat on ${committee} today`);
    }
    return info;
  });
}

/**
 * Who drafts and submits: the lead member of a member proposal, the committee office
 * (STAFF of exactly that committee) for a collective one.
 */
export async function assertDrafter(ctx: RequestContext, p: Proposal): Promise<void> {
  if (ctx.identity.role === "SYSTEM") return;
  if (p.kind === ProposalKind.COLLECTIVE) {
    await ctx.assertStaffOf(p.committeeCode);
    return;
  }
  if (ctx.identity.role !== "MEMBER" || tokenMemberId(ctx) !== p.leadMemberId) {
    throw forbidden(`proposal ${p.id} (only its lead proposer may do this)`);
  }
}

/** Evaluating a reply: the lead proposer; for a collective proposal the office records it. */
export const assertEvaluator = assertDrafter;

export const deadlinePassed = (p: Proposal) =>
  new AppError(
    ErrorCode.INVALID_TRANSITION,
    `联名截止日期 ${p.coSignDeadline} 已过`,
    `the co-signing deadline ${p.coSignDeadline} has passed`,
    { from: p.status, action: "co-sign" },
  );

export function optionalNote(value: string | null | undefined, field: string, max = 500): string | null {
  return text(value, field, { max }) || null;
}
