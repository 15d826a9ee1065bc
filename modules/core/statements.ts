import { fillPlaceholders, getTableColumns, type Table } from "drizzle-orm";

/**
 * A D1 statement ready to run, with how to read its result: the unit `groupCommit` batches. Hot
 * writes bind a `Prebuilt`; others are `built` from a drizzle query on the spot.
 */
export interface Stmt<T> {
  stmt: D1PreparedStatement;
  map(result: D1Result): T;
}

interface ToSQL {
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * Reads D1 rows (keyed by column name, driver values) as a table's typed rows, the way drizzle's
 * own queries do: each column's `mapFromDriverValue` (JSON columns are parsed).
 */
export function rowsOf<T extends Table>(table: T): (result: D1Result) => T["$inferSelect"][] {
  const columns = Object.entries(getTableColumns(table)).map(([key, c]) => ({ key, name: c.name, c }));
  return (result) =>
    (result.results as Array<Record<string, unknown>>).map((raw) => {
      const row: Record<string, unknown> = {};
      for (const { key, name, c } of columns) {
        const v = raw[name];
        row[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
      }
      return row as T["$inferSelect"];
    });
}

/**
 * A statement whose SQL drizzle builds once, from a query written with `sql.placeholder`s; each
 * use only binds values. Building SQL was a fifth of the Worker's CPU per job (issue #10's
 * profile: drizzle walks every column and chunk on every call). A placeholder given as a column's
 * value is encoded by that column, as drizzle does; one inside an `sql` template is bound as given.
 */
export class Prebuilt<T> {
  readonly #stmt: D1PreparedStatement;
  readonly #params: unknown[];

  constructor(
    d1: D1Database,
    query: ToSQL,
    readonly map: (result: D1Result) => T,
  ) {
    const { sql, params } = query.toSQL();
    this.#stmt = d1.prepare(sql);
    this.#params = params;
  }

  bind(values: Record<string, unknown>): Stmt<T> {
    return { stmt: this.#stmt.bind(...fillPlaceholders(this.#params, values)), map: this.map };
  }
}

/** A drizzle query as a `Stmt`, its SQL built now (paths too cold to be worth a `Prebuilt`). */
export function built<T>(d1: D1Database, query: ToSQL, map: (result: D1Result) => T): Stmt<T> {
  const { sql, params } = query.toSQL();
  return { stmt: d1.prepare(sql).bind(...params), map };
}
