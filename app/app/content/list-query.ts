import type { ContentKind, ContentStatus } from "./types";

/** The Studio's "Tipo" filter: a content kind, or "sequence" for the drafts of a series. */
export type KindFilter = ContentKind | "sequence";

/** The API query of a Studio filter set (a "sequence" kind is the API's `series=true`). */
export function listQuery(
  profile: string,
  f: { kind: KindFilter | null; status: ContentStatus | null; cursor?: string | null },
  limit = 24,
): URLSearchParams {
  const qs = new URLSearchParams({ profile, limit: String(limit) });
  if (f.kind === "sequence") qs.set("series", "true");
  else if (f.kind) qs.set("kind", f.kind);
  if (f.status) qs.set("status", f.status);
  if (f.cursor) qs.set("cursor", f.cursor);
  return qs;
}
