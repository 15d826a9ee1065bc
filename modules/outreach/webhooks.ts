import { and, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import {
  linkedinAutomation,
  outreachAccounts,
  outreachDecisions,
  outreachWebhookEvents,
} from "../../drizzle/schema";
import type { Db } from "../core/db";
import type { EngagementPort } from "./service";
import { personProfileUrl } from "./target";

/**
 * Unipile's own webhook payloads (developer.unipile.com: "New relation", "New messages",
 * "Account status"). Only the fields we use are required; everything else passes through.
 */
const NewRelation = z.object({
  event: z.literal("new_relation"),
  account_id: z.string().min(1),
  account_type: z.string().optional(),
  webhook_name: z.string().optional(),
  user_full_name: z.string().nullish(),
  user_provider_id: z.string().min(1),
  user_public_identifier: z.string().nullish(),
  user_profile_url: z.string().nullish(),
  user_picture_url: z.string().nullish(),
});

const MessageReceived = z.object({
  event: z.literal("message_received"),
  account_id: z.string().min(1),
  account_type: z.string().optional(),
  account_info: z.object({ user_id: z.string().nullish() }).partial().nullish(),
  chat_id: z.string().nullish(),
  message_id: z.string().min(1),
  message: z.string().nullish(),
  timestamp: z.string().nullish(),
  sender: z.object({
    attendee_id: z.string().nullish(),
    attendee_name: z.string().nullish(),
    attendee_provider_id: z.string().min(1),
    attendee_profile_url: z.string().nullish(),
  }),
});

const AccountStatusEvent = z.object({
  AccountStatus: z.object({
    account_id: z.string().min(1),
    account_type: z.string().optional(),
    message: z.string(),
  }),
});

/** Constant-time string comparison (the secret header Unipile echoes on every call). */
export function sameSecret(expected: string, got: string): boolean {
  if (!expected) return false;
  const a = new TextEncoder().encode(expected);
  const b = new TextEncoder().encode(got);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i % Math.max(1, b.length)] ?? 0);
  return diff === 0;
}

const STATUS_MAP: Record<string, "active" | "disconnected" | "connecting"> = {
  OK: "active",
  RECONNECTED: "active",
  CREATION_SUCCESS: "active",
  SYNC_SUCCESS: "active",
  CONNECTING: "connecting",
  CREDENTIALS: "disconnected",
  ERROR: "disconnected",
  STOPPED: "disconnected",
  DELETED: "disconnected",
};

export type WebhookOutcome = {
  handled: string;
  leadId?: string | null;
  duplicate?: boolean;
  /** Whose screens to tell (not sent back to Unipile). */
  account?: { ownerId: string; accountId: string };
};

/** Applies one verified event. Redeliveries (same event id) change nothing the second time. */
export async function handleUnipileEvent(
  db: Db,
  engagements: EngagementPort,
  body: unknown,
  now = Date.now(),
): Promise<WebhookOutcome> {
  const status = AccountStatusEvent.safeParse(body);
  if (status.success) {
    const s = status.data.AccountStatus;
    const next = STATUS_MAP[s.message.toUpperCase()];
    if (!next) return { handled: "account_status_ignored" };
    const [acc] = await db
      .update(outreachAccounts)
      .set({ status: next, updatedAt: now, ...(next === "active" ? { nextCheckAt: 0 } : {}) })
      .where(eq(outreachAccounts.unipileAccountId, s.account_id))
      .returning();
    if (acc) {
      await db.insert(outreachDecisions).values({
        accountId: acc.id,
        at: now,
        decision: "account_status",
        reason: `Unipile: ${s.message}`,
      });
    }
    return {
      handled: "account_status",
      ...(acc ? { account: { ownerId: acc.ownerId, accountId: acc.id } } : {}),
    };
  }
  const rel = NewRelation.safeParse(body);
  const msg = MessageReceived.safeParse(body);
  if (!rel.success && !msg.success) return { handled: "ignored" };
  const accountId = rel.success ? rel.data.account_id : msg.success ? msg.data.account_id : "";
  const acc = await db.query.outreachAccounts.findFirst({
    where: eq(outreachAccounts.unipileAccountId, accountId),
  });
  if (!acc) return { handled: "unknown_account" };
  const person = rel.success
    ? rel.data.user_provider_id
    : msg.success
      ? msg.data.sender.attendee_provider_id
      : "";
  // Canonical, as a profile-URL target is stored (target.ts), whatever form Unipile sends.
  const rawProfileUrl = rel.success
    ? rel.data.user_profile_url
    : msg.success
      ? msg.data.sender.attendee_profile_url
      : null;
  const profileUrl = personProfileUrl(rawProfileUrl) ?? rawProfileUrl ?? null;
  if (msg.success && msg.data.account_info?.user_id && msg.data.account_info.user_id === person) {
    return { handled: "own_message" };
  }
  const eventId = rel.success
    ? `new_relation:${accountId}:${person}`
    : `message:${msg.success ? msg.data.message_id : ""}`;
  const fresh = await db
    .insert(outreachWebhookEvents)
    .values({ id: eventId, event: rel.success ? "new_relation" : "message_received", receivedAt: now })
    .onConflictDoNothing()
    .returning();
  if (fresh.length === 0) return { handled: "duplicate", duplicate: true };
  const [action] = await db
    .select()
    .from(linkedinAutomation)
    .where(
      and(
        eq(linkedinAutomation.accountId, acc.id),
        inArray(linkedinAutomation.kind, ["send_invite", "send_message"]),
        profileUrl
          ? or(eq(linkedinAutomation.target, person), eq(linkedinAutomation.target, profileUrl))
          : eq(linkedinAutomation.target, person),
      ),
    )
    .limit(1);
  if (!action?.leadId) return { handled: "no_matching_lead" };
  if (rel.success) {
    await db
      .update(linkedinAutomation)
      .set({ acceptedAt: now, updatedAt: now })
      .where(
        and(eq(linkedinAutomation.accountId, acc.id), eq(linkedinAutomation.target, action.target ?? person)),
      );
  }
  const occurredAt = msg.success && msg.data.timestamp ? Date.parse(msg.data.timestamp) || now : now;
  await engagements.record({
    leadId: action.leadId,
    kind: rel.success ? "invite_accepted" : "message_reply",
    occurredAt: Math.min(occurredAt, now),
    externalId: `unipile:${eventId}`,
  });
  await db.insert(outreachDecisions).values({
    accountId: acc.id,
    actionId: action.id,
    at: now,
    decision: rel.success ? "invite_accepted" : "message_reply",
    reason: rel.success
      ? "Unipile new_relation: invitation accepted"
      : "Unipile message_received: the lead replied",
  });
  return {
    handled: rel.success ? "new_relation" : "message_received",
    leadId: action.leadId,
    account: { ownerId: acc.ownerId, accountId: acc.id },
  };
}
