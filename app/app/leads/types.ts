// Wire types of the Leads API: types from the zod contracts (erased), values from the
// import-free `leads-values.ts` (nothing else from the backend is bundled).
import type { EngagementKind, Lead } from "../../../modules/contracts/leads";

export type {
  ChangesPage as LeadChanges,
  Lead,
  LeadDetail,
  LeadVersion,
} from "../../../modules/contracts/leads";
export { HEATS } from "../../../modules/contracts/leads-values";

export type Heat = Lead["heat"];

export type UserLite = { id: string; name: string; role: string };

export type LeadSummary = {
  byHeat: Partial<Record<Heat, number>>;
  matrix: Array<{ fit: number; engagement: number; n: number }>;
  segments: string[];
  changedThisWeek: Lead[];
};

export type ImportResult = {
  created: number;
  merged: number;
  unchanged: number;
  invalid: number;
  ranked: number;
  rows: Array<{ row: number; status: string; errors?: Array<{ path: string; message: string }> }>;
};

/** Every engagement kind, strongest signal first (the order the picker lists them). */
export const ENGAGEMENT_KINDS = [
  "rfq",
  "meeting_booked",
  "message_reply",
  "pricing_page",
  "content_download",
  "linkedin_comment",
  "invite_accepted",
  "email_click",
  "site_visit",
  "linkedin_like",
  "email_open",
  "unsubscribe",
  "bounce",
] as const satisfies readonly EngagementKind[];
/** Compiles only while ENGAGEMENT_KINDS holds every kind the API knows (a new one must be placed). */
type Complete<Missing extends never> = Missing;
/** @public A compile-time check, used by nothing at run time. */
export type EngagementKindsComplete = Complete<Exclude<EngagementKind, (typeof ENGAGEMENT_KINDS)[number]>>;

/** Sales and admins may change leads; marketing only reads. */
export const canWriteLeads = (role: string) => role === "admin" || role === "sales";
