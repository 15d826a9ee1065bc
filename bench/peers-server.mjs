// A minimal Hono-on-Node front for BullMQ or pg-boss, so each peer pays for HTTP as our API does.
// POST /jobs enqueues a no-op "ping" and answers 202 {id}; GET /events is a server-sent event
// stream of the ids the engine has recorded as completed (the peers' equivalent of our
// /api/realtime WebSocket). HTTP and the worker (10 jobs at a time) share this one process, as our
// API and consumers share one workerd process locally.
// Usage: node bench/peers-server.mjs <bullmq|pgboss> <port> <redis or postgres URL>
import { serve } from "@hono/node-server";
import { Queue, Worker } from "bullmq";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { PgBoss } from "pg-boss";

const [engine, port, url] = process.argv.slice(2);
const CONCURRENCY = 10;
const subscribers = new Set();
const completed = (id) => {
  for (const send of subscribers) send(String(id));
};

async function bullmq() {
  const { hostname, port: p } = new URL(url ?? "");
  // BullMQ's workers block on Redis and must retry forever: maxRetriesPerRequest null.
  const connection = { host: hostname, port: Number(p), maxRetriesPerRequest: null };
  const queue = new Queue("ping", { connection });
  const worker = new Worker("ping", async () => {}, { connection, concurrency: CONCURRENCY });
  // Emitted after the job was moved to "completed" in Redis.
  worker.on("completed", (job) => completed(job.id));
  await worker.waitUntilReady();
  return async () => (await queue.add("ping", {})).id;
}

async function pgboss() {
  // LISTEN/NOTIFY wakes the worker the moment a job is created (otherwise it polls every 2 s);
  // pool sized so the worker and the HTTP sends do not wait for connections.
  const boss = new PgBoss({ connectionString: url, useListenNotify: true, max: 20 });
  boss.on("error", (err) => console.error("[pgboss]", err));
  await boss.start();
  await boss.createQueue("ping", { notify: true });
  // Concurrency 10 the pg-boss way: one worker fetching batches of up to 10 jobs, and fetching
  // again at once while batches come back full. (Ten workers of batch size 1 never enter that
  // burst mode: after a burst each idles 30 s, the NOTIFY backstop poll, per job left queued.)
  await boss.work(
    "ping",
    { batchSize: CONCURRENCY, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
    // pg-boss has no "completed" event, so the handler completes its jobs itself and then reports
    // them (pg-boss's own completion after the handler finds nothing left to do): "done" means
    // recorded as completed in PostgreSQL, as for the other two.
    async (jobs) => {
      const ids = jobs.map((j) => j.id);
      await boss.complete("ping", ids);
      for (const id of ids) completed(id);
    },
  );
  return async () => boss.send("ping", {});
}

const enqueue = engine === "bullmq" ? await bullmq() : await pgboss();
const app = new Hono();
app.post("/jobs", async (c) => {
  await c.req.json(); // the same body as ours, read as ours is
  return c.json({ id: await enqueue() }, 202);
});
app.get("/events", (c) =>
  streamSSE(c, async (stream) => {
    const send = (id) => void stream.writeSSE({ data: id });
    subscribers.add(send);
    await new Promise((resolve) => stream.onAbort(() => resolve(undefined)));
    subscribers.delete(send);
  }),
);
serve({ fetch: app.fetch, port: Number(port), hostname: "127.0.0.1" }, () => console.log("ready"));
