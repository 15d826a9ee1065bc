import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../drizzle/schema";

export type Db = ReturnType<typeof createDb>;

/** One drizzle handle per D1 binding; cheap, so callers may create it per request. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
