import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { BadRequest } from "./errors";

/** Keyset cursor over (createdAt, id), serialised as base64url JSON so clients treat it as opaque. */
export interface Cursor {
  at: number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify([c.at, c.id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeCursor(raw: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(atob(raw.replace(/-/g, "+").replace(/_/g, "/")));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isSafeInteger(parsed[0]) &&
      typeof parsed[1] === "string"
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the precise error below
  }
  throw new BadRequest("The cursor is not valid.", [
    { path: "cursor", message: "Not a cursor returned by this API" },
  ]);
}

/**
 * Rows after `c` in (key, id) order, newest first unless `ascending`. The first term repeats the
 * key's bound on its own: SQLite cannot tell that the OR's bound parameters are equal, and without
 * it every later page scans the order's index from its top instead of seeking to the cursor.
 */
export function afterCursor(key: SQLWrapper, id: SQLWrapper, c: Cursor, ascending = false): SQL {
  return ascending
    ? sql`(${key} >= ${c.at} and (${key} > ${c.at} or (${key} = ${c.at} and ${id} > ${c.id})))`
    : sql`(${key} <= ${c.at} and (${key} < ${c.at} or (${key} = ${c.at} and ${id} < ${c.id})))`;
}
