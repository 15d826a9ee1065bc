// The floor for issue #10's burst (`npm run bench -- floor`): a bare Worker doing, step by step,
// only the I/O an accepted job needs — the caller's user read, the job's insert batch, then a
// realtime Durable Object call and the queue send — with a consumer that claims, completes and
// publishes each job. No auth, validation, guardrails or framework: what is left is the runtime.
import { DurableObject } from "cloudflare:workers";

export class Hub extends DurableObject {
  async publish(update) {
    this.sent = (this.sent ?? 0) + 1;
    return update ? this.sent : 0;
  }
}

const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, role TEXT NOT NULL, active INTEGER NOT NULL)",
  "CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL, attempts INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
  "CREATE TABLE IF NOT EXISTS job_events (id INTEGER PRIMARY KEY, job_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL)",
  "INSERT OR IGNORE INTO users VALUES ('u1', 'admin', 1)",
];
const accepted = (body) => Response.json(body, { status: 202 });

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/setup") {
      await env.DB.batch(SCHEMA.map((s) => env.DB.prepare(s)));
      return new Response("ok");
    }
    if (url.pathname === "/succeeded") {
      return Response.json(
        await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'succeeded'").first(),
      );
    }
    const step = url.searchParams.get("step");
    const input = await request.json();
    if (step === "http") return accepted({});
    const user = await env.DB.prepare("SELECT role, active FROM users WHERE id = ?").bind("u1").first();
    if (!user?.active) return new Response(null, { status: 401 });
    if (step === "read") return accepted({});
    const id = crypto.randomUUID();
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO jobs VALUES (?, 'u1', 'system.ping', 'queued', ?, 0, ?)").bind(
        id,
        JSON.stringify(input),
        now,
      ),
      env.DB.prepare("INSERT INTO job_events (job_id, kind, at) VALUES (?, 'queued', ?)").bind(id, now),
    ]);
    if (step === "insert") return accepted({ id });
    const hub = env.HUB.get(env.HUB.idFromName("u1"));
    await Promise.all([hub.publish({ id, status: "queued" }), env.QUEUE.send({ id })]);
    return accepted({ id });
  },

  async queue(batch, env) {
    const hub = env.HUB.get(env.HUB.idFromName("u1"));
    for (const message of batch.messages) {
      const { id } = message.body;
      const now = Date.now();
      await env.DB.prepare(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'",
      )
        .bind(now, id)
        .run();
      await env.DB.batch([
        env.DB.prepare("UPDATE jobs SET status = 'succeeded', updated_at = ? WHERE id = ?").bind(now, id),
        env.DB.prepare("INSERT INTO job_events (job_id, kind, at) VALUES (?, 'succeeded', ?)").bind(id, now),
      ]);
      await hub.publish({ id, status: "succeeded" });
      message.ack();
    }
  },
};
