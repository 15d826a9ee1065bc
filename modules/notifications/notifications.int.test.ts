import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, notificationOutbox } from "../../drizzle/schema";
import { as, db, waitFor } from "../../test/helpers";
import { registry, services } from "../../workers/services";
import type { Job } from "../jobs/schema";
import type { NotifyMessage } from "./schema";
import { NotificationService } from "./service";

type Received = Array<{
  path: string;
  body: { text?: string; subject?: string; to?: string[] };
  status: number;
}>;
const received = async (): Promise<Received> => (await fetch(`${env.FAKE_HOOKS_URL}/__requests`)).json();

async function rankJob(): Promise<Job> {
  const res = await as("sales", "/api/jobs", { method: "POST", json: { type: "leads.rank", input: {} } });
  const { job } = (await res.json()) as { job: Job };
  return waitFor(async () => {
    const j = ((await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: Job }).job;
    return j.status === "succeeded" ? j : undefined;
  });
}

const outboxOf = (jobId: string) =>
  db().select().from(notificationOutbox).where(eq(notificationOutbox.jobId, jobId));

describe("away notifications", () => {
  it("delivers a batch job's outcome by email and Slack, retrying a failed Slack call, once", async () => {
    const tag = crypto.randomUUID();
    const saved = await as("sales", "/api/me/notifications", {
      method: "PUT",
      json: {
        enabled: true,
        email: "marcio@lifetrek.local",
        slackWebhookUrl: `${env.FAKE_HOOKS_URL}/slack/fail-once/${tag}`,
      },
    });
    expect(saved.status).toBe(200);
    const job = await rankJob();
    const rows = await waitFor(
      async () => {
        const r = await outboxOf(job.id);
        return r.length === 2 && r.every((x) => x.status === "sent") ? r : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(rows.find((r) => r.channel === "slack")?.attempts).toBe(2);
    expect(rows.find((r) => r.channel === "email")?.attempts).toBe(1);
    const slack = (await received()).filter((r) => r.path.endsWith(tag));
    expect(slack.map((r) => r.status)).toEqual([500, 200]);
    expect(slack[1]?.body.text).toContain("Ranqueamento de leads concluído");
    expect(slack[1]?.body.text).toContain(`/jobs/${job.id}`);
    const email = (await received()).filter((r) => r.path === "/email" && r.body.text?.includes(job.id));
    expect(email).toHaveLength(1);
    expect(email[0]?.body.to).toEqual(["marcio@lifetrek.local"]);

    // The same outcome reported again (a redelivered hook) sends nothing new.
    const [row] = await db().select().from(jobs).where(eq(jobs.id, job.id));
    if (row) await services(env).notifications.onFinished(row);
    expect(await outboxOf(job.id)).toHaveLength(2);
    const outbox = (await (await as("sales", "/api/me/notifications/outbox")).json()) as { items: unknown[] };
    expect(outbox.items.length).toBeGreaterThanOrEqual(2);
  });

  it("never blocks the job when Slack keeps failing, and honours 'only failures'", async () => {
    await as("sales", "/api/me/notifications", {
      method: "PUT",
      json: { enabled: true, slackWebhookUrl: `${env.FAKE_HOOKS_URL}/slack/fail` },
    });
    const job = await rankJob();
    expect(job.status).toBe("succeeded");
    const [pending] = await waitFor(async () => {
      const r = await outboxOf(job.id);
      return r[0] && r[0].attempts >= 1 ? r : undefined;
    });
    expect(pending?.status).toBe("pending");
    expect(pending?.lastError).toContain("500");

    await as("sales", "/api/me/notifications", {
      method: "PUT",
      json: { enabled: true, onlyFailures: true, slackWebhookUrl: `${env.FAKE_HOOKS_URL}/slack/ok` },
    });
    const quiet = await rankJob();
    await new Promise((r) => setTimeout(r, 300));
    expect(await outboxOf(quiet.id)).toHaveLength(0);
  });

  it("accepts only Slack webhook URLs (no SSRF through settings)", async () => {
    const res = await as("marketing", "/api/me/notifications", {
      method: "PUT",
      json: { enabled: true, slackWebhookUrl: "https://internal.example/admin" },
    });
    expect(res.status).toBe(400);
    const ok = await as("marketing", "/api/me/notifications", {
      method: "PUT",
      json: { enabled: true, slackWebhookUrl: "https://hooks.slack.com/services/T000/B000/XXXX" },
    });
    expect(ok.status).toBe(200);
  });

  it("re-sends from the cron sweep a row whose queue send failed, once", async () => {
    const tag = crypto.randomUUID();
    await as("sales", "/api/me/notifications", {
      method: "PUT",
      json: { enabled: true, onlyFailures: false, slackWebhookUrl: `${env.FAKE_HOOKS_URL}/slack/ok/${tag}` },
    });
    const job = await rankJob();
    await waitFor(async () => (await outboxOf(job.id)).some((r) => r.status === "sent"));
    // The same outcome recorded by a runtime whose queue send failed: the row stays pending.
    await db().delete(notificationOutbox).where(eq(notificationOutbox.jobId, job.id));
    const s = services(env);
    const broken = new NotificationService(
      s.db,
      { send: () => Promise.reject(new Error("queue down")) } as unknown as Queue<NotifyMessage>,
      s.config.appUrl,
      true,
      registry,
    );
    const [row] = await db().select().from(jobs).where(eq(jobs.id, job.id));
    if (!row) throw new Error("job row missing");
    await expect(broken.onFinished(row)).rejects.toThrow("queue down");
    const before = (await received()).filter((r) => r.path.endsWith(tag)).length;
    expect((await outboxOf(job.id)).map((r) => r.status)).toEqual(["pending"]);
    // Not yet overdue: nothing is sent twice while a message may still be on its way.
    expect((await s.notifications.sweep()).resent).toBe(0);
    const later = await s.notifications.sweep(Date.now() + 121_000);
    expect(later.resent).toBeGreaterThanOrEqual(1);
    const [sent] = await waitFor(async () => {
      const r = await outboxOf(job.id);
      return r[0]?.status === "sent" ? r : undefined;
    });
    expect(sent?.attempts).toBe(1);
    expect((await received()).filter((r) => r.path.endsWith(tag)).length).toBe(before + 1);
  });
});
