// The one workload `npm run bench -- peers` runs against every engine, through an adapter:
// `post()` sends one POST that enqueues a no-op ping and resolves to {status, id};
// `subscribe(onDone)` opens the engine's push channel, calls onDone(id) for each completed job and
// resolves to a close function. Times are the client's clock, from just before the POST is sent.
import { percentiles } from "./lib.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (what, result) =>
  console.error(
    `[peers] ${what} (${Math.round(performance.now() / 1000)} s) ${JSON.stringify(result ?? "")}`,
  );

/**
 * @param {{post: () => Promise<{status: number, id?: string}>,
 *   subscribe: (onDone: (id: string) => void) => Promise<() => void>}} engine
 * @param {{sequential: number, alone: number, burst: number, throughput: number, name: string,
 *   steadyRate?: number, steadySeconds?: number}} n
 */
export async function runWorkload(engine, n) {
  const done = new Map();
  const waiters = new Map();
  const close = await engine.subscribe((id) => {
    if (done.has(id)) return;
    done.set(id, performance.now());
    waiters.get(id)?.();
  });
  const enqueue = async () => {
    const t = performance.now();
    const res = await engine.post();
    if (res.status !== 202 || !res.id) throw new Error(`${n.name}: enqueue answered ${res.status}`);
    return { id: String(res.id), t, ms: performance.now() - t };
  };
  // The done event can arrive before the POST's answer: check the map first.
  const finished = (id) =>
    done.has(id) ? Promise.resolve() : new Promise((r) => waiters.set(id, () => r(undefined)));
  // Returns how many never completed within the timeout (reported, not hidden).
  const allDone = async (ids, timeoutMs) => {
    const end = Date.now() + timeoutMs;
    let missing = ids.filter((id) => !done.has(id));
    while (missing.length && Date.now() < end) {
      await sleep(10);
      missing = missing.filter((id) => !done.has(id));
    }
    return missing.length;
  };

  for (let i = 0; i < 30; i++) await finished((await enqueue()).id); // warm-up (JIT, pools, caches)

  // Sequential enqueues, each after the previous job is done: the POST alone, nothing else running.
  const sequential = [];
  for (let i = 0; i < n.sequential; i++) {
    const e = await enqueue();
    sequential.push(e.ms);
    await finished(e.id);
  }
  log(`${n.name} sequential`, percentiles(sequential));

  // One job alone, enqueue → done, with a pause so each starts on an idle engine.
  const alone = [];
  const aloneAnswer = [];
  for (let i = 0; i < n.alone; i++) {
    const e = await enqueue();
    await finished(e.id);
    alone.push((done.get(e.id) ?? Number.NaN) - e.t);
    aloneAnswer.push(e.ms);
    await sleep(50);
  }
  log(`${n.name} alone`, percentiles(alone));
  await sleep(1000);

  // Steady load: one ping every 1000/rate ms for `seconds`, each timed enqueue → done, with the
  // engine neither idle nor flooded (issue #10's "pings under steady load").
  const steadyRate = n.steadyRate ?? 20;
  const steadyN = steadyRate * (n.steadySeconds ?? 15);
  const steady = [];
  const s0 = performance.now();
  await Promise.all(
    Array.from({ length: steadyN }, async (_, i) => {
      await sleep(s0 + (i * 1000) / steadyRate - performance.now());
      const e = await enqueue();
      await finished(e.id);
      steady.push((done.get(e.id) ?? Number.NaN) - e.t);
    }),
  );
  log(`${n.name} steady`, percentiles(steady));
  await sleep(1000);

  // Burst: all POSTs at once; their answer times, then first enqueue → last done.
  const b0 = performance.now();
  const burst = await Promise.all(Array.from({ length: n.burst }, () => enqueue().catch((err) => ({ err }))));
  const burstOk = burst.filter((b) => "id" in b);
  const burstLost = await allDone(
    burstOk.map((b) => b.id),
    600_000,
  );
  const burstLastMs = Math.max(...burstOk.map((b) => done.get(b.id) ?? Number.NaN)) - b0;
  log(`${n.name} burst`, { lastMs: Math.round(burstLastMs), lost: burstLost });
  await sleep(1000);

  // Throughput: N jobs from 10 concurrent clients; jobs / (first enqueue → last done).
  const t0 = performance.now();
  const ids = [];
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (ids.length < n.throughput) {
        const slot = ids.push("") - 1; // reserve before awaiting so exactly N are sent
        ids[slot] = (await enqueue()).id;
      }
    }),
  );
  const enqueuedS = (performance.now() - t0) / 1000;
  const tpLost = await allDone(ids, 1_200_000);
  const lastS = (Math.max(...ids.map((id) => done.get(id) ?? Number.NaN)) - t0) / 1000;
  close();
  const r1 = (v) => Math.round(v * 10) / 10;
  const result = {
    enqueueSequentialMs: percentiles(sequential),
    aloneEnqueueToDoneMs: percentiles(alone),
    // The POST answer on an engine left idle for 50 ms, where the sequential one follows the
    // previous job's completion at once (and may meet work still trailing it).
    aloneAnswerMs: percentiles(aloneAnswer),
    steadyEnqueueToDoneMs: { ratePerS: steadyRate, ...percentiles(steady) },
    burstAnswerMs: { ...percentiles(burstOk.map((b) => b.ms)), non202: burst.length - burstOk.length },
    burstFirstToLastMs: Math.round(burstLastMs),
    throughput: {
      jobs: ids.length,
      enqueuedInS: r1(enqueuedS),
      lastDoneS: r1(lastS),
      jobsPerS: r1(ids.length / lastS),
    },
    neverDone: burstLost + tpLost,
  };
  log(`${n.name} done`, result.throughput);
  return result;
}
