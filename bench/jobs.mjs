// Enqueue latency, enqueue→finish latency, state-change→WebSocket latency, lost/duplicate check.
import { API, client, percentiles, signIn, waitUntil } from "./lib.mjs";

export async function benchJobs() {
  const cookie = await signIn("admin@lifetrek.local");
  const call = client(cookie);
  const ping = () => call("/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } });

  // Realtime: the admin hub sees every job; record when each change arrives.
  const ws = new WebSocket(`${API.replace("http", "ws")}/api/realtime`, { headers: { cookie } });
  const deliveries = [];
  const finishedAt = new Map();
  ws.addEventListener("message", (e) => {
    const now = Date.now();
    const msg = JSON.parse(String(e.data));
    if (msg.type !== "job") return;
    deliveries.push(now - Date.parse(msg.job.updatedAt));
    if (msg.job.status === "succeeded" && !finishedAt.has(msg.job.id)) finishedAt.set(msg.job.id, now);
  });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });

  for (let i = 0; i < 20; i++) await ping(); // warm-up
  const sequential = [];
  const started = new Map();
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    const t0 = Date.now();
    const res = await ping();
    sequential.push(performance.now() - t);
    if (res.status !== 202) throw new Error(`enqueue answered ${res.status}`);
    started.set(res.body.job.id, t0);
  }
  const concurrent = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const t = performance.now();
      const t0 = Date.now();
      const res = await ping();
      started.set(res.body.job.id, t0);
      return performance.now() - t;
    }),
  );
  // The same, spaced out so the local runtime is not also running the previous jobs: locally one
  // workerd process serves the API *and* runs every consumer, which production does not.
  const isolated = [];
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const t = performance.now();
    const t0 = Date.now();
    const res = await ping();
    isolated.push(performance.now() - t);
    started.set(res.body.job.id, t0);
  }
  const ids = [...started.keys()];
  await waitUntil(() => ids.every((id) => finishedAt.has(id)), 180_000, 200);
  const endToEnd = ids.map((id) => finishedAt.get(id) - started.get(id));

  // Every job exactly once: succeeded, one attempt.
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < ids.length; i += 25) {
    const batch = await Promise.all(ids.slice(i, i + 25).map((id) => call(`/api/jobs/${id}`)));
    for (const r of batch) {
      if (r.body?.job?.status !== "succeeded") lost++;
      else if (r.body.job.attempts !== 1) duplicated++;
    }
  }
  ws.close();
  return {
    enqueueSequentialMs: percentiles(sequential),
    enqueueConcurrent50Ms: percentiles(concurrent),
    enqueueIsolatedMs: percentiles(isolated),
    enqueueToFinishMs: percentiles(endToEnd),
    stateChangeToWebSocketMs: percentiles(deliveries),
    jobs: ids.length,
    lost,
    duplicated,
  };
}
