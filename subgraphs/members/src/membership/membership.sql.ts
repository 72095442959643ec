/**
 * SQL fragments about seats, written once because several queries (visibility, member
 * lists, statistics) must agree on what "current" means.
 *
 * A seat is current on day `d` when it started on or before `d` and has not ended by
 * then. Resigning or revocation ends the seat, so a past day still counts the seat the
 * member held then; a status other than ACTIVE with no end date is never current.
 */
export const seatCurrentAt = (alias: string, memberAlias: string, param = "asOf") =>
  `(${alias}.started_on <= :${param} AND (${alias}.ended_on IS NULL OR ${alias}.ended_on > :${param}) AND (${memberAlias}.status = 'ACTIVE' OR ${alias}.ended_on IS NOT NULL))`;

/** Current today, without the member row at hand (the member's status is enforced by the seat end). */
export const seatOpenAt = (alias: string, param = "asOf") =>
  `(${alias}.started_on <= :${param} AND (${alias}.ended_on IS NULL OR ${alias}.ended_on > :${param}))`;
