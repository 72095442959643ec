import type { TableColumnOptions } from "typeorm";

/**
 * Column helpers for migrations that must run on SQLite and MySQL alike. An
 * auto-increment key has to be spelled `integer` for SQLite (it only accepts
 * AUTOINCREMENT on `INTEGER PRIMARY KEY`); MySQL reads `integer` as `int`.
 */
export const idColumn = (name = "id"): TableColumnOptions => ({
  name,
  type: "integer",
  isPrimary: true,
  isGenerated: true,
  generationStrategy: "increment",
});

/** A reference to an `idColumn` of the same module. */
export const refColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: "integer",
  isNullable: nullable,
});

/** Creation/update timestamps, filled by the database when the row is written. */
export const timestampColumn = (name: string): TableColumnOptions => ({
  name,
  type: "datetime",
  default: "CURRENT_TIMESTAMP",
});
