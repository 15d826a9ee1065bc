import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Every paid AI call: who, which job, which model, tokens, USD. */
export const costLedger = sqliteTable(
  "cost_ledger",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    jobId: text("job_id"),
    jobType: text("job_type"),
    model: text("model").notNull(),
    kind: text("kind", { enum: ["text", "image", "search", "embedding"] }).notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    images: integer("images").notNull().default(0),
    usd: real("usd").notNull(),
    day: text("day").notNull(),
    month: text("month").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("cost_user_day_idx").on(t.userId, t.day), index("cost_day_idx").on(t.day)],
);

export const guardrailAlerts = sqliteTable(
  "guardrail_alerts",
  {
    id: text("id").primaryKey(),
    kind: text("kind", {
      enum: ["limit_exceeded", "warning_80", "kill_switch", "budget_exceeded"],
    }).notNull(),
    scope: text("scope").notNull(),
    userId: text("user_id"),
    message: text("message").notNull(),
    data: text("data", { mode: "json" }).$type<unknown>(),
    day: text("day").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("alerts_day_idx").on(t.day, t.kind)],
);

export const notificationSettings = sqliteTable("notification_settings", {
  userId: text("user_id").primaryKey(),
  email: text("email"),
  slackWebhookUrl: text("slack_webhook_url"),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  onlyFailures: integer("only_failures", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull(),
});

/** One row per (job outcome, channel): the unique key suppresses duplicate messages. */
export const notificationOutbox = sqliteTable(
  "notification_outbox",
  {
    id: text("id").primaryKey(),
    dedupeKey: text("dedupe_key").notNull(),
    userId: text("user_id").notNull(),
    jobId: text("job_id").notNull(),
    channel: text("channel", { enum: ["email", "slack"] }).notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // `undeliverable`: the channel is not configured on this deployment; nothing was sent.
    status: text("status", { enum: ["pending", "sent", "failed", "undeliverable"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_uq").on(t.dedupeKey),
    index("outbox_status_idx").on(t.status, t.nextAttemptAt),
  ],
);
