import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { user } from "./identity";

export const OUTREACH_TIERS = ["founder", "growth", "sales_machine"] as const;
export const OUTREACH_ACCOUNT_STATUSES = ["connecting", "active", "paused", "disconnected"] as const;
export const OUTREACH_KINDS = ["send_invite", "send_message", "withdraw_invite", "view_profile"] as const;
export const OUTREACH_STATUSES = [
  "draft",
  "approved",
  "scheduled",
  "executing",
  "completed",
  "failed",
  "blocked_limit",
  "blocked_time",
  "cancelled",
] as const;

/** A salesperson's LinkedIn account connected through Unipile. */
export const outreachAccounts = sqliteTable(
  "outreach_accounts",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id),
    unipileAccountId: text("unipile_account_id"),
    name: text("name").notNull(),
    tier: text("tier", { enum: OUTREACH_TIERS }).notNull().default("growth"),
    timeZone: text("time_zone").notNull().default("America/Sao_Paulo"),
    status: text("status", { enum: OUTREACH_ACCOUNT_STATUSES }).notNull().default("connecting"),
    pausedUntil: integer("paused_until"),
    pauseReason: text("pause_reason"),
    /** The governor skips the account until then (hours, day, week or gap): keeps ticks cheap. */
    nextCheckAt: integer("next_check_at").notNull().default(0),
    demo: integer("demo", { mode: "boolean" }).notNull().default(false),
    connectedAt: integer("connected_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("outreach_accounts_unipile_uq").on(t.unipileAccountId),
    index("outreach_accounts_owner_idx").on(t.ownerId),
    index("outreach_accounts_due_idx").on(t.status, t.nextCheckAt),
  ],
);

/** One row per account: the human-simulation rules (domain.md §6), edited within bounds. */
export const automationRules = sqliteTable("automation_rules", {
  accountId: text("account_id")
    .primaryKey()
    .references(() => outreachAccounts.id),
  activeFrom: text("active_from").notNull(),
  activeTo: text("active_to").notNull(),
  weekdays: text("weekdays", { mode: "json" }).$type<number[]>().notNull(),
  dailyMin: integer("daily_min").notNull(),
  dailyMax: integer("daily_max").notNull(),
  weeklyCap: integer("weekly_cap").notNull(),
  gapMinutes: integer("gap_minutes").notNull(),
  gapJitterMinutes: integer("gap_jitter_minutes").notNull(),
  warmupDays: integer("warmup_days").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: integer("updated_at").notNull(),
});

/** Outreach actions: drafted by AI, approved by a person, executed by the governor. */
export const linkedinAutomation = sqliteTable(
  "linkedin_automation",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => outreachAccounts.id),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id),
    leadId: text("lead_id"),
    kind: text("kind", { enum: OUTREACH_KINDS }).notNull(),
    /** LinkedIn provider id (or profile URL) of the person. */
    target: text("target"),
    targetName: text("target_name"),
    text: text("text"),
    status: text("status", { enum: OUTREACH_STATUSES }).notNull().default("draft"),
    /** SHA-256 of [kind, target, text] at approval; the executor refuses anything else. */
    approvalHash: text("approval_hash"),
    approvedBy: text("approved_by"),
    approvedAt: integer("approved_at"),
    scheduledFor: integer("scheduled_for"),
    jitterMinutes: integer("jitter_minutes"),
    executedAt: integer("executed_at"),
    error: text("error", { mode: "json" }).$type<{ code: string; message: string } | null>(),
    /** Unipile's invitation or chat id once sent (a withdrawal holds the invitation's). */
    providerRef: text("provider_ref"),
    /** For a withdrawal: the invitation action it withdraws. */
    parentId: text("parent_id"),
    withdrawalId: text("withdrawal_id"),
    acceptedAt: integer("accepted_at"),
    jobId: text("job_id"),
    rejectReason: text("reject_reason"),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("li_auto_account_status_idx").on(t.accountId, t.status, t.scheduledFor),
    index("li_auto_owner_idx").on(t.ownerId, t.createdAt),
    index("li_auto_lead_idx").on(t.leadId),
    index("li_auto_target_idx").on(t.accountId, t.target),
  ],
);

/** Every governor decision and human step, with its reason: the audit log. */
export const outreachDecisions = sqliteTable(
  "outreach_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id").notNull(),
    actionId: text("action_id"),
    at: integer("at").notNull(),
    decision: text("decision").notNull(),
    reason: text("reason").notNull(),
    actorId: text("actor_id"),
  },
  (t) => [
    index("outreach_decisions_action_idx").on(t.actionId, t.at),
    index("outreach_decisions_account_idx").on(t.accountId, t.at),
  ],
);

/** Unipile webhook events already handled (redeliveries are answered 200 and ignored). */
export const outreachWebhookEvents = sqliteTable("outreach_webhook_events", {
  id: text("id").primaryKey(),
  event: text("event").notNull(),
  receivedAt: integer("received_at").notNull(),
});
