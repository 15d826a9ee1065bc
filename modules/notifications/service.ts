import { and, desc, eq, lte } from "drizzle-orm";
import { notificationOutbox, notificationSettings } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { BadRequest } from "../core/errors";
import { newId } from "../core/ids";
import { UserDirectory } from "../identity/directory";
import type { JobRow } from "../jobs/store";
import type { AlertService } from "./alerts";
import { render } from "./message";
import type { NotificationSettings, NotifyMessage } from "./schema";

/** The channel has no provider on this deployment: nothing can be sent, so nothing is retried. */
export class ChannelNotConfigured extends Error {
  constructor(readonly channel: "email" | "slack") {
    super(`The ${channel} channel is not configured on this deployment.`);
  }
}

/** What notifications need to know of job types: their own declarations (name, notify). */
export interface JobTypeInfo {
  nameOf(type: string, locale: "pt-BR" | "en"): string;
  notifiesAlways(type: string): boolean;
}

const LONG_MS = 60_000;
const MAX_ATTEMPTS = 6;
/**
 * A pending row whose next attempt is this overdue lost its queue message (the send failed, or
 * the runtime died between the insert and the send): the sweeper sends it again. Generous, so a
 * message merely late in the queue is not doubled.
 */
const RESEND_AFTER_MS = 120_000;

export interface Transport {
  slack(url: string, text: string): Promise<void>;
  email(to: string, subject: string, text: string): Promise<void>;
}

/** Delivers through Slack's incoming-webhook JSON and an HTTP email API (or the dev sink). */
export function httpTransport(opts: {
  emailApiUrl: string | undefined;
  emailApiKey: string | undefined;
  from: string;
}): Transport {
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${new URL(url).host} answered ${res.status}`);
  };
  return {
    slack: (url, text) => post(url, { text }),
    email: async (to, subject, text) => {
      // Never pretend: without a provider the message is undeliverable, not `sent`.
      if (!opts.emailApiUrl) throw new ChannelNotConfigured("email");
      await post(
        opts.emailApiUrl,
        { from: opts.from, to: [to], subject, text },
        opts.emailApiKey ? { authorization: `Bearer ${opts.emailApiKey}` } : {},
      );
    },
  };
}

export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly queue: Queue<NotifyMessage>,
    private readonly appUrl: string,
    private readonly allowInsecureHooks: boolean,
    private readonly jobTypes: JobTypeInfo,
    private readonly alerts?: AlertService,
  ) {}

  async getSettings(userId: string): Promise<NotificationSettings> {
    const row = await this.db.query.notificationSettings.findFirst({
      where: eq(notificationSettings.userId, userId),
    });
    return {
      enabled: row?.enabled ?? false,
      onlyFailures: row?.onlyFailures ?? false,
      email: row?.email ?? null,
      slackWebhookUrl: row?.slackWebhookUrl ?? null,
    };
  }

  async saveSettings(userId: string, s: NotificationSettings): Promise<NotificationSettings> {
    if (s.slackWebhookUrl) {
      const u = new URL(s.slackWebhookUrl);
      const slack = u.protocol === "https:" && u.hostname === "hooks.slack.com";
      const local = this.allowInsecureHooks && ["127.0.0.1", "localhost"].includes(u.hostname);
      // Only Slack's own host: a user-supplied URL must not make the Worker call anything else.
      if (!slack && !local) {
        throw new BadRequest("Use a Slack incoming-webhook URL.", [
          { path: "slackWebhookUrl", message: "Must be https://hooks.slack.com/…" },
        ]);
      }
    }
    const values = { ...s, updatedAt: Date.now() };
    await this.db
      .insert(notificationSettings)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: values });
    return this.getSettings(userId);
  }

  async outbox(userId: string) {
    const rows = await this.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.userId, userId))
      .orderBy(desc(notificationOutbox.createdAt))
      .limit(50);
    return rows.map((r) => ({
      id: r.id,
      jobId: r.jobId,
      channel: r.channel,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      payload: r.payload,
      createdAt: new Date(r.createdAt).toISOString(),
      sentAt: r.sentAt ? new Date(r.sentAt).toISOString() : null,
    }));
  }

  /** The engine's onFinished hook: queue one message per channel per job outcome. */
  onFinished = async (job: JobRow): Promise<void> => {
    if (job.status !== "succeeded" && job.status !== "failed") return;
    const ranMs = (job.finishedAt ?? 0) - (job.startedAt ?? job.createdAt);
    const batch = this.jobTypes.notifiesAlways(job.type) || job.sequenceId !== null;
    if (!batch && ranMs <= LONG_MS) return;
    const s = await this.getSettings(job.userId);
    if (!s.enabled || (s.onlyFailures && job.status !== "failed")) return;
    const locale = await new UserDirectory(this.db).locale(job.userId);
    const { subject, text } = render(
      {
        jobId: job.id,
        label: this.jobTypes.nameOf(job.type, locale),
        status: job.status,
        durationS: Math.max(0, ranMs / 1000),
        costUsd: job.costUsd,
        error: job.error?.message ?? null,
        link: `${this.appUrl}/jobs/${job.id}`,
      },
      locale,
    );
    const channels = [
      ...(s.email ? [{ channel: "email" as const, payload: { to: s.email, subject, text } }] : []),
      ...(s.slackWebhookUrl
        ? [{ channel: "slack" as const, payload: { url: s.slackWebhookUrl, text } }]
        : []),
    ];
    const now = Date.now();
    for (const c of channels) {
      // One message per (job, outcome, run, channel): a repeated hook cannot send twice.
      const [row] = await this.db
        .insert(notificationOutbox)
        .values({
          id: newId(),
          dedupeKey: `${job.id}:${job.status}:${job.attempts}:${c.channel}`,
          userId: job.userId,
          jobId: job.id,
          channel: c.channel,
          payload: c.payload,
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: notificationOutbox.id });
      if (row) await this.queue.send({ outboxId: row.id });
    }
  };

  /** Cron: re-sends pending rows whose queue message never came (at most 100 per sweep). */
  async sweep(now = Date.now()): Promise<{ resent: number }> {
    const overdue = await this.db
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.status, "pending"),
          lte(notificationOutbox.nextAttemptAt, now - RESEND_AFTER_MS),
        ),
      )
      .limit(100);
    let resent = 0;
    for (const { id } of overdue) {
      try {
        await this.queue.send({ outboxId: id });
        // Not overdue again until this message has had its chance.
        await this.db
          .update(notificationOutbox)
          .set({ nextAttemptAt: now })
          .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.status, "pending")));
        resent++;
      } catch (err) {
        console.error(JSON.stringify({ msg: "outbox re-send failed", outboxId: id, err: String(err) }));
      }
    }
    return { resent };
  }

  /** Queue consumer: one delivery attempt. Returns the delay before the next try, if any. */
  async deliver(outboxId: string, transport: Transport): Promise<{ retryInS?: number }> {
    const row = await this.db.query.notificationOutbox.findFirst({
      where: eq(notificationOutbox.id, outboxId),
    });
    if (!row || row.status !== "pending") return {};
    const attempts = row.attempts + 1;
    try {
      const p = row.payload as { url?: string; to?: string; subject?: string; text: string };
      if (row.channel === "slack" && p.url) await transport.slack(p.url, p.text);
      if (row.channel === "email" && p.to) await transport.email(p.to, p.subject ?? "", p.text);
      await this.db
        .update(notificationOutbox)
        .set({ status: "sent", attempts, sentAt: Date.now(), lastError: null })
        .where(and(eq(notificationOutbox.id, outboxId), eq(notificationOutbox.status, "pending")));
      return {};
    } catch (err) {
      if (err instanceof ChannelNotConfigured) {
        await this.db
          .update(notificationOutbox)
          .set({ status: "undeliverable", attempts, lastError: err.message })
          .where(eq(notificationOutbox.id, outboxId));
        await this.alerts?.raise({
          kind: "channel_not_configured",
          message: `${err.message} Notifications on it are marked undeliverable.`,
          dedupeKey: `channel_not_configured:${err.channel}`,
        });
        return {};
      }
      const final = attempts >= MAX_ATTEMPTS;
      const retryInS = Math.min(600, 2 ** attempts);
      await this.db
        .update(notificationOutbox)
        .set({
          attempts,
          lastError: String(err).slice(0, 300),
          status: final ? "failed" : "pending",
          nextAttemptAt: Date.now() + retryInS * 1000,
        })
        .where(eq(notificationOutbox.id, outboxId));
      return final ? {} : { retryInS };
    }
  }
}
