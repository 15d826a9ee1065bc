// Wire shapes of the platform routes: liveness, the development seed, sign-in, the realtime
// handshake, the people directory, usage against the guardrails and the notification log.
import { z } from "@hono/zod-openapi";

export const Health = z.object({ status: z.literal("ok"), environment: z.string() }).openapi("Health");

export const DevSeeded = z.object({ seeded: z.literal(true) });
export const DevRequeued = z.object({
  resent: z.number().int().nonnegative(),
  recovered: z.number().int().nonnegative(),
});

/** Better Auth's `POST /api/auth/sign-in/email` (its own endpoint; it reads the body itself). */
export const Credentials = z.object({ email: z.email(), password: z.string() }).openapi("Credentials");

export const RealtimeQuery = z.object({
  token: z.string().optional().describe("An API token, for clients that cannot send headers"),
});

/** `GET /api/users`: colleagues for owner pickers; e-mail addresses only for admins. */
export const UserList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.enum(["admin", "marketing", "sales"]),
        email: z.string().optional(),
      }),
    ),
  })
  .openapi("UserList");

const Spend = { usdToday: z.number(), usdMonth: z.number(), limitUsdDay: z.number() };

/** `GET /api/usage`: the caller's and the company's spend and counts against the limits. */
export const Usage = z
  .object({
    day: z.string(),
    month: z.string(),
    killSwitch: z.boolean(),
    user: z.object({
      ...Spend,
      jobsToday: z.record(z.string(), z.number()),
      limitedJobsToday: z.record(z.string(), z.object({ used: z.number(), limit: z.number() })),
    }),
    global: z.object({ ...Spend, limitUsdMonth: z.number() }),
    warning: z.boolean(),
    warnAtFraction: z.number(),
    resetsInSeconds: z.number(),
  })
  .openapi("GuardrailUsage");

/** `GET /api/me/notifications/outbox`: the caller's notifications and their delivery. */
export const OutboxList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        jobId: z.string(),
        channel: z.enum(["email", "slack"]),
        status: z.enum(["pending", "sent", "failed", "undeliverable"]),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        payload: z.record(z.string(), z.unknown()),
        createdAt: z.iso.datetime(),
        sentAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .openapi("NotificationOutbox");

/** `GET /api/admin/system-alerts`: operational problems, one per cause, newest first. */
export const SystemAlertList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        message: z.string(),
        count: z.number().int(),
        createdAt: z.iso.datetime(),
        lastSeenAt: z.iso.datetime(),
      }),
    ),
  })
  .openapi("SystemAlerts");

/** `GET/PUT /api/admin/prices`: USD per million tokens per model, and the search fee. */
export const PriceTableWire = z
  .object({
    models: z.record(
      z.string(),
      z.object({ inputPerMTok: z.number(), outputPerMTok: z.number(), estimateUsd: z.number() }),
    ),
    searchFeeUsd: z.number(),
  })
  .openapi("PriceTable");

/** `GET /api/admin/alerts`: guardrail alerts (limits hit, warnings, the kill switch), newest first. */
export const GuardrailAlertList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["limit_exceeded", "warning_80", "kill_switch", "budget_exceeded"]),
        scope: z.string(),
        userId: z.string().nullable(),
        message: z.string(),
        /** What the alert was about (the limit, the spend…); null when nothing more. */
        data: z.unknown(),
        day: z.string(),
        at: z.iso.datetime(),
      }),
    ),
  })
  .openapi("GuardrailAlerts");
