/** `SUM(CASE …)` rather than `COUNT(… FILTER)`: the same SQL on SQLite and MySQL. */
export const countWhere = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** Drivers return aggregates as numbers, strings (MySQL DECIMAL) or null (no rows). */
export const num = (v: unknown) => Number(v ?? 0);
