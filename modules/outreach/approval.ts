import { OUTREACH_STATUSES } from "../../drizzle/schema/outreach";
import type { ActionKind } from "./governor";

/** Max characters of a LinkedIn invitation note (domain.md §5.5). */
export { INVITE_NOTE_MAX } from "../contracts/outreach-values";

/**
 * What a human approves: the exact text, the action kind and its target. The executor recomputes
 * it from what it is about to send; anything that differs by one byte is refused.
 */
export async function approvalHash(a: {
  kind: ActionKind;
  target: string | null;
  text: string | null;
}): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([a.kind, a.target ?? "", a.text ?? ""]));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One list with the table's column (drizzle/schema/outreach.ts). */
const ACTION_STATUSES = OUTREACH_STATUSES;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses the governor may still pick: approved and waiting for its turn. */
export const PENDING_STATUSES = ["approved", "scheduled", "blocked_limit", "blocked_time"] as const;
/** Past the point of no return: edits, approval, rejection and cancel answer 409. */
const LOCKED_STATUSES = ["executing", "completed", "failed", "cancelled"] as const;

export const isLocked = (s: ActionStatus): boolean => (LOCKED_STATUSES as readonly string[]).includes(s);
