// `npm run bench -- floor` (issue #10): how fast can this runtime, on this machine, answer the
// 300-request burst at all? A bare Worker (bench/floor/worker.js) in the same Miniflare, on a
// direct socket like our API (decision 0032), answers it step by step: the HTTP request alone,
// plus the user read, plus the job's insert batch, plus a Durable Object call and the queue send
// (its consumer running meanwhile). Our whole stack answers the same burst in the same rounds,
// interleaved with the floor's, so both see the same machine.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ours, withStack } from "./peers.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const { Miniflare, convertV4MiniflareOptions } = createRequire(require.resolve("wrangler/package.json"))(
  "miniflare",
);
const BODY = JSON.stringify({ type: "system.ping", input: {} });
const STEPS = ["http", "read", "insert", "full"];
const PORT = 31797;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 300 requests at once; the p50 of their answer times, and how many were not 202. */
async function burst(post, n = 300) {
  const answers = await Promise.all(
    Array.from({ length: n }, async () => {
      const t = performance.now();
      const status = await post();
      return { ms: performance.now() - t, status };
    }),
  );
  return { p50: median(answers.map((a) => a.ms)), non202: answers.filter((a) => a.status !== 202).length };
}

export async function benchFloor(rounds = Number(process.env.BENCH_FLOOR_ROUNDS ?? 4)) {
  const date = readFileSync(path.join(root, "wrangler.toml"), "utf8").match(
    /compatibility_date\s*=\s*"([^"]+)"/,
  )?.[1];
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      workers: [
        {
          name: "floor",
          modules: true,
          scriptPath: path.join(root, "bench", "floor", "worker.js"),
          compatibilityDate: date,
          d1Databases: ["DB"],
          durableObjects: { HUB: "Hub" },
          queueProducers: { QUEUE: "floor-jobs" },
          queueConsumers: { "floor-jobs": { maxBatchSize: 10, maxBatchTimeout: 0 } },
          unsafeDirectSockets: [{ host: "127.0.0.1", port: PORT }],
        },
      ],
    }),
  );
  try {
    await mf.ready;
    const floor = `http://127.0.0.1:${PORT}`;
    await (await fetch(`${floor}/setup`)).text();
    const poster = (step) => async () => {
      const r = await fetch(`${floor}/jobs?step=${step}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: BODY,
      });
      await r.arrayBuffer();
      return r.status;
    };
    return await withStack(async (api) => {
      const engine = await ours(api);
      const oursPost = async () => (await engine.post()).status;
      const runs = [...STEPS.map((s) => [s, poster(s)]), ["ours", oursPost]];
      const p50s = Object.fromEntries(runs.map(([name]) => [name, []]));
      let non202 = 0;
      // Warm both (JIT, prepared statements, connections) before anything is measured.
      for (const [, post] of runs) for (let i = 0; i < 100; i++) await post();
      for (let round = 0; round < rounds; round++) {
        for (const [name, post] of runs) {
          // Let the previous burst's queued work finish first.
          await new Promise((r) => setTimeout(r, 3000));
          const b = await burst(post);
          p50s[name].push(Math.round(b.p50));
          non202 += b.non202;
        }
      }
      return {
        rounds,
        non202,
        burst300AnswerP50Ms: Object.fromEntries(
          Object.entries(p50s).map(([name, xs]) => [name, { median: median(xs), each: xs }]),
        ),
      };
    });
  } finally {
    await mf.dispose();
  }
}
