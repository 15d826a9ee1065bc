import { z } from "@hono/zod-openapi";
import { Heat } from "./schema";

/** What made a version: the job or the person behind it (issue #13, "what changed this week"). */
export const CAUSES = ["import", "rank", "enrichment", "engagement", "decay", "person"] as const;
export type Cause = (typeof CAUSES)[number];

/** Version reasons are written by this module's own code paths; the prefix names the cause. */
export function causeOf(reason: string): Cause {
  if (reason.startsWith("import")) return "import";
  if (reason.startsWith("rank")) return "rank";
  if (reason.startsWith("enrich")) return "enrichment";
  if (reason.startsWith("engagement decayed")) return "decay";
  if (reason.startsWith("engagement")) return "engagement";
  // "edited by <user>" and "revert vN" are a person's hand.
  return "person";
}

export const ChangesQuery = z.object({
  /** Start of the window (default: 7 days ago); the window ends now. */
  since: z.iso.datetime().optional(),
  heat: Heat.optional(),
  /** `me`, `unassigned` or a user id, as in the leads list. */
  owner: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

export const FieldChange = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  causes: z.array(z.enum(CAUSES)),
  /** Who, when a person changed it (user ids). */
  people: z.array(z.string()),
  changes: z.number().int(),
});
const VersionChange = z.object({
  version: z.number().int(),
  cause: z.enum(CAUSES),
  reason: z.string(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  jobId: z.string().nullable(),
  at: z.iso.datetime(),
});
export const LeadChange = z
  .object({
    lead: z.object({
      id: z.string(),
      company: z.string(),
      heat: Heat,
      heatLabel: z.string(),
      leadScore: z.number(),
      priority: z.number(),
      ownerId: z.string().nullable(),
    }),
    /** The lead itself was created inside the window. */
    created: z.boolean(),
    /** Net change per field over the window: the first version's "before", the last one's "after". */
    fields: z.array(FieldChange),
    versions: z.array(VersionChange),
    lastChangedAt: z.iso.datetime(),
  })
  .openapi("LeadChange");
export const ChangesPage = z
  .object({
    since: z.iso.datetime(),
    until: z.iso.datetime(),
    items: z.array(LeadChange),
    nextCursor: z.string().nullable(),
  })
  .openapi("LeadChanges");
export type ChangesPage = z.infer<typeof ChangesPage>;
