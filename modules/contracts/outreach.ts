// Wire shapes of the outreach API (accounts, rules, usage, actions, audit log): outreach's
// routes, the OpenAPI document and the dashboard share them.
import { z } from "@hono/zod-openapi";
import { OUTREACH_KINDS, OUTREACH_STATUSES, OUTREACH_TIERS } from "../../drizzle/schema/outreach";
import { orNull } from "./absent";

/** True for an IANA time zone name the runtime knows ("America/Sao_Paulo"). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM (24 h)");

/** How connecting a LinkedIn account goes on this deployment (`GET /api/outreach/accounts`). */
export const ConnectMode = z.enum(["unipile", "demo", "unavailable"]).openapi("OutreachConnectMode");
export type ConnectMode = z.infer<typeof ConnectMode>;

export const Account = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    name: z.string(),
    tier: z.enum(OUTREACH_TIERS),
    timeZone: z.string(),
    status: z.enum(["connecting", "active", "paused", "disconnected"]),
    pausedUntil: z.string().nullable(),
    pauseReason: z.string().nullable(),
    unipileAccountId: z.string().nullable(),
    demo: z.boolean(),
  })
  .openapi("OutreachAccount");
export type Account = z.infer<typeof Account>;

export const AccountCreate = z
  .object({
    name: z.string().trim().min(1).max(120).nullish(),
    tier: z.enum(OUTREACH_TIERS).nullish(),
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown IANA time zone").nullish(),
  })
  .openapi("OutreachAccountCreate");

export const RulesBody = z
  .object({
    activeFrom: HHMM,
    activeTo: HHMM,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    dailyMin: z.number().int().min(1),
    dailyMax: z.number().int().min(1),
    weeklyCap: z.number().int().min(1),
    gapMinutes: z.number().int().min(1),
    gapJitterMinutes: z.number().int().min(1, "The gap must vary: jitter of at least 1 minute"),
    warmupDays: orNull(z.number().int().min(0).max(30).optional()),
  })
  .openapi("AutomationRules");
export type RulesBody = z.infer<typeof RulesBody>;

export const Usage = z
  .object({
    day: z.string(),
    drawnLimit: z.number(),
    tierCap: z.number(),
    today: z.number(),
    week: z.number(),
    weeklyCap: z.number(),
    nextSlotAt: z.string().nullable(),
    pausedUntil: z.string().nullable(),
    /** The governor's "now": the wall clock, or development's time-lapse. */
    now: z.string(),
    /** 1 on the wall clock; the time-lapse factor in development. */
    clockSpeed: z.number(),
  })
  .openapi("OutreachUsage");
export type Usage = z.infer<typeof Usage>;

/** One line of an action's own log. */
const LogEntry = z.object({ at: z.string(), decision: z.string(), reason: z.string() });

/** One line of an account's audit log (`GET /api/outreach/accounts/{id}/log`). */
export const AuditLogEntry = z
  .object({
    at: z.string(),
    actionId: z.string().nullable(),
    decision: z.string(),
    reason: z.string(),
    actorId: z.string().nullable(),
  })
  .openapi("OutreachAuditLogEntry");
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;
/** `GET /api/outreach/accounts/{id}/log`: the latest 100 lines, newest first. */
export const AuditLog = z.object({ items: z.array(AuditLogEntry) }).openapi("OutreachAuditLog");

/** `POST /api/outreach/webhooks`: one webhook per Unipile source (`webhookId` null if Unipile named none). */
export const RegisteredWebhooks = z
  .object({
    items: z.array(
      z.object({
        source: z.enum(["users", "messaging", "account_status"]),
        webhookId: z.string().nullable(),
      }),
    ),
  })
  .openapi("OutreachWebhooks");

export const Action = z
  .object({
    id: z.string(),
    accountId: z.string(),
    leadId: z.string().nullable(),
    /** The lead's company, so a queue or timeline says who the action is for. */
    leadName: z.string().nullable(),
    kind: z.enum(OUTREACH_KINDS),
    target: z.string().nullable(),
    targetName: z.string().nullable(),
    text: z.string().nullable(),
    status: z.enum(OUTREACH_STATUSES),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    scheduledFor: z.string().nullable(),
    jitterMinutes: z.number().nullable(),
    executedAt: z.string().nullable(),
    /** An invitation: when Unipile told us it was accepted (`new_relation`). */
    acceptedAt: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    log: z.array(LogEntry),
  })
  .openapi("OutreachAction");
export type Action = z.infer<typeof Action>;

export const ActionCreate = z
  .object({
    accountId: z.string().min(1).max(64),
    leadId: z.string().min(1).max(64),
    kind: z.enum(["send_invite", "send_message"]),
    language: z.enum(["pt-BR", "en"]).nullish(),
    personaId: z.string().max(64).nullish(),
  })
  .openapi("OutreachActionCreate");
export type ActionCreate = z.infer<typeof ActionCreate>;

export const ActionPatch = z.object({ text: z.string().min(1).max(8000) }).openapi("OutreachActionPatch");

export const RejectBody = z.object({ reason: z.string().trim().min(1).max(500) }).openapi("OutreachReject");

export const ListActionsQuery = z.object({
  status: z.enum(OUTREACH_STATUSES).optional(),
  accountId: z.string().max(64).optional(),
  leadId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const BulkApprove = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) })
  .openapi("OutreachBulkApprove");
