/** True when a write failed on a unique index (SQLite or MySQL/MariaDB). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { driverError?: { code?: string } })?.driverError?.code;
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
