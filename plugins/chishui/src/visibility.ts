import { forbidden, type RequestContext } from "@tongxin/sdk";

/**
 * Monitoring data and inspection records belong to the committee offices: STAFF read
 * their committee and those below it, nobody else reads them here.
 */
export async function visibleCommittees(ctx: RequestContext, wanted?: string | null): Promise<string[]> {
  ctx.requireAuthenticated();
  if (ctx.identity.role !== "STAFF" && ctx.identity.role !== "SYSTEM") throw forbidden("Chishui supervision records");
  if (wanted) {
    await ctx.assertCanReadCommittee(wanted);
    return [wanted];
  }
  return [...(await ctx.readableCommittees())];
}
