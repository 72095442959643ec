import type { EntityTarget, ObjectLiteral } from "typeorm";
import type { RequestContext } from "./context";
import { conflict, notFound } from "./errors";

/**
 * Optimistic concurrency (rule 5): `UPDATE … SET …, version = version + 1 WHERE id = ?
 * AND version = ?`. TypeORM's save() does not check @VersionColumn, so this is the only
 * way our services write a versioned row. Zero rows: NOT_FOUND if the row is gone,
 * CONFLICT if someone else moved the version on.
 */
export async function updateWithVersion<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  id: number,
  expectedVersion: number,
  values: Partial<Record<keyof T, unknown>>,
  what: { en: string; zh: string },
): Promise<void> {
  const result = await ctx
    .manager(entity)
    .createQueryBuilder()
    .update(entity)
    .set({ ...values, version: () => "version + 1" } as never)
    .where("id = :id AND version = :version", { id, version: expectedVersion })
    .execute();
  if (result.affected === 1) return;
  const exists = await ctx.repo(entity).exists({ where: { id } as never });
  if (!exists) throw notFound(what.en, id, what.zh);
  throw conflict(what.en);
}
