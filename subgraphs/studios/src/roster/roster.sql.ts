/**
 * "On the roster on day d", written once: the figures, the coverage gap list and
 * `Member.studios` must agree. An entry covers [joined_on, left_on).
 */
export const onRosterAt = (alias: string, param = "asOf") =>
  `(${alias}.joined_on <= :${param} AND (${alias}.left_on IS NULL OR ${alias}.left_on > :${param}))`;

export const entryCurrentAt = (e: { joinedOn: string; leftOn: string | null }, day: string): boolean =>
  e.joinedOn <= day && (e.leftOn === null || e.leftOn > day);
