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
