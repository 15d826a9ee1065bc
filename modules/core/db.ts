import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../drizzle/schema";

export type Db = ReturnType<typeof createDb>;

const handles = new WeakMap<D1Database, ReturnType<typeof make>>();
const make = (d1: D1Database) => drizzle(d1, { schema });

/**
 * One drizzle handle per D1 binding (or metered wrapper), made once: building one reads the whole
 * schema's relations, which cost a job's context more CPU than a ping's own work (issue #10).
 */
export function createDb(d1: D1Database) {
  let db = handles.get(d1);
  if (!db) {
    db = make(d1);
    handles.set(d1, db);
  }
  return db;
}

/**
 * Something made once per drizzle handle and kept as long as the handle (prepared statements:
 * building SQL on every call was a large share of a hot path's CPU, issue #10).
 *
 * @example const byId = perDb((db) => db.select().from(user).where(…).prepare());
 */
export function perDb<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let v = made.get(db);
    if (v === undefined) {
      v = make(db);
      made.set(db, v);
    }
    return v;
  };
}
