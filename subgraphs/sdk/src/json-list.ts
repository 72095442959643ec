import type { EntityManager } from "typeorm";

/**
 * Any number of values bound as ONE parameter (a JSON array), read back as a table by the
 * database: `IN (:...ids)` with a whole province's members is a statement of hundreds of
 * kilobytes, slow to parse, and beyond SQLite's limit on variables. SQLite reads the array
 * with `json_each`, MySQL 8 and MariaDB ≥ 10.6 with `JSON_TABLE`. Use with `jsonParam`.
 */
export function jsonValues(manager: EntityManager, param: string, type: "int" | "code"): string {
  if (manager.connection.options.type === "mysql") {
    const column = type === "int" ? "BIGINT" : "VARCHAR(64)";
    return `SELECT j.v FROM JSON_TABLE(:${param}, '$[*]' COLUMNS (v ${column} PATH '$')) j`;
  }
  return `SELECT value AS v FROM json_each(:${param})`;
}

/**
 * A derived table `(k, code)`: the committees of each of several scopes (scope k is the
 * k-th list given to `scopesParam`), so one grouped statement answers every key of a batch,
 * distinct persons per scope included.
 */
export function jsonScopes(manager: EntityManager, param: string): string {
  if (manager.connection.options.type === "mysql") {
    return `SELECT j.k, j.code FROM JSON_TABLE(:${param}, '$[*]' COLUMNS (k INT PATH '$[0]', code VARCHAR(64) PATH '$[1]')) j`;
  }
  return `SELECT json_extract(value, '$[0]') AS k, json_extract(value, '$[1]') AS code FROM json_each(:${param})`;
}

export const jsonParam = (values: readonly (string | number)[]): string => JSON.stringify(values);

export const scopesParam = (scopes: readonly (readonly string[])[]): string =>
  JSON.stringify(scopes.flatMap((codes, k) => codes.map((code) => [k, code])));
