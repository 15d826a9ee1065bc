// The job-engine measures of issue #10, through the public API with one signed-in user:
// sequential enqueue latency, one ping alone, steady load, a 300-way burst, 300 pings end to end
// and 5,000-ping throughput at concurrency 10. "Done" is when the WebSocket says `succeeded`.
import { API, client, percentiles, signIn, waitUntil } from "./lib.mjs";

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const ALONE = Number(process.env.BENCH_ALONE ?? 50);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function benchEngine({ throughputJobs = 5000 } = {}) {
  const cookie = await signIn("admin@lifetrek.local");
  const call = client(cookie);
  const ping = () => call("/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } });

  const done = new Map();
  const waiters = new Map();
  const ws = new WebSocket(`${API.replace("http", "ws")}/api/realtime`, { headers: { cookie } });
  ws.addEventListener("message", (e) => {
    const msg = JSON.parse(String(e.data));
    if (msg.type !== "job" || msg.job.status !== "succeeded" || done.has(msg.job.id)) return;
    done.set(msg.job.id, performance.now());
    waiters.get(msg.job.id)?.();
  });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  // A missed socket message must not hang the run: after 20 s, ask the API instead.
  const finished = (id) =>
    done.has(id)
      ? Promise.resolve()
      : new Promise((r) => {
          waiters.set(id, r);
          setTimeout(async () => {
            if (done.has(id)) return;
            const j = (await call(`/api/jobs/${id}`)).body?.job;
            if (j?.status === "succeeded")
              done.set(id, Date.parse(j.updatedAt) - Date.now() + performance.now());
            r();
          }, 20_000);
        });
  // As `finished`: ids still unseen after 20 s quiet are read from the API (a missed message).
  const allDone = async (ids, timeoutMs) => {
    const end = Date.now() + timeoutMs;
    let seen = -1;
    let quietSince = Date.now();
    for (;;) {
      const missing = ids.filter((id) => !done.has(id));
      if (missing.length === 0) return;
      if (missing.length !== seen) [seen, quietSince] = [missing.length, Date.now()];
      if (Date.now() - quietSince > 20_000 || Date.now() > end) {
        for (const id of missing) {
          const j = (await call(`/api/jobs/${id}`)).body?.job;
          if (j?.status === "succeeded")
            done.set(id, Date.parse(j.updatedAt) - Date.now() + performance.now());
        }
        if (Date.now() > end) return;
        quietSince = Date.now();
      }
      await sleep(20);
    }
  };
  const enqueue = async () => {
    const t = performance.now();
    const res = await ping();
    if (res.status !== 202) throw new Error(`enqueue answered ${res.status}`);
    return { id: res.body.job.id, t, ms: performance.now() - t };
  };

  const step = (what, result) =>
    console.error(
      `[bench] ${what} (${Math.round(performance.now() / 1000)} s) ${JSON.stringify(result ?? "")}`,
    );
  for (let i = 0; i < 30; i++) await finished((await enqueue()).id); // warm-up
  step("warm");

  // 1. Sequential enqueues, each after the previous job finished (the API alone).
  const sequential = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const e = await enqueue();
    sequential.push(e.ms);
    await finished(e.id);
  }
  step("sequential", percentiles(sequential));
  // 2. One ping alone: enqueue → succeeded, nothing else running.
  const alone = [];
  for (let i = 0; i < ALONE; i++) {
    const e = await enqueue();
    await finished(e.id);
    alone.push(done.get(e.id) - e.t);
    await sleep(50);
  }
  step("alone", percentiles(alone));
  // 3. Steady load: 20 pings/s for 15 s.
  const steady = [];
  const steadyIds = [];
  for (let i = 0; i < 300; i++) {
    enqueue().then((e) => steadyIds.push(e));
    await sleep(50);
  }
  await waitUntil(() => steadyIds.length === 300, 60_000, 20);
  await allDone(
    steadyIds.map((e) => e.id),
    120_000,
  );
  for (const e of steadyIds) steady.push(done.get(e.id) - e.t);
  step("steady", percentiles(steady));
  await sleep(1000);
  // 4/5. 300 concurrent enqueues: answer times, then first enqueue → last succeeded.
  const t0 = performance.now();
  const burst = await Promise.all(Array.from({ length: 300 }, () => enqueue().catch((err) => ({ err }))));
  const burstOk = burst.filter((b) => b.id);
  await allDone(
    burstOk.map((b) => b.id),
    180_000,
  );
  const burstLast = Math.max(...burstOk.map((b) => done.get(b.id))) - t0;
  step("burst", { answers: percentiles(burstOk.map((b) => b.ms)), lastMs: Math.round(burstLast) });
  await sleep(1000);
  // 6. Throughput: N pings from 10 concurrent clients; first enqueue → last succeeded.
  const tp0 = performance.now();
  const tpIds = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < throughputJobs) {
        next++;
        tpIds.push((await enqueue()).id);
      }
    }),
  );
  const enqueuedS = (performance.now() - tp0) / 1000;
  await allDone(tpIds, 600_000);
  const tpS = (Math.max(...tpIds.map((id) => done.get(id))) - tp0) / 1000;
  ws.close();

  // Every job exactly once: one attempt each.
  const ids = [...steadyIds.map((e) => e.id), ...burstOk.map((b) => b.id), ...tpIds];
  let notOnce = 0;
  for (let i = 0; i < ids.length; i += 50) {
    const rows = await Promise.all(ids.slice(i, i + 50).map((id) => call(`/api/jobs/${id}`)));
    for (const r of rows) if (r.body?.job?.status !== "succeeded" || r.body.job.attempts !== 1) notOnce++;
  }
  return {
    enqueueSequentialMs: percentiles(sequential),
    aloneEnqueueToDoneMs: percentiles(alone),
    steadyEnqueueToDoneMs: percentiles(steady),
    burst300AnswerMs: { ...percentiles(burstOk.map((b) => b.ms)), non202: burst.length - burstOk.length },
    burst300FirstToLastMs: Math.round(burstLast),
    throughput: {
      jobs: tpIds.length,
      enqueuedInS: Math.round(enqueuedS * 10) / 10,
      lastDoneS: Math.round(tpS * 10) / 10,
      jobsPerS: Math.round(tpIds.length / tpS),
    },
    checkedJobs: ids.length,
    notExactlyOnce: notOnce,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 5000);
  console.log(JSON.stringify(await benchEngine({ throughputJobs: n }), null, 2));
}
