// `npm run bench -- cpu-split` (issue #10): where a ping's CPU goes, by subtraction. The local
// stack's CPU (workerd and Node, from /proc) per request for requests that do a growing share of a
// ping's work: the bare request path (`GET /api/health`), plus the session (`GET /api/me`), plus
// the job route refusing an unknown type (validation, no write), and a whole ping (enqueue, run,
// publishes, its queue delivery). 10 clients, N requests each kind, after a warm-up.
import { cpuMs } from "./cpu-per-job.mjs";
import { ours, withStack } from "./peers.mjs";

async function measure(n, request) {
  for (let i = 0; i < 30; i++) await request();
  await new Promise((r) => setTimeout(r, 1500));
  const c0 = cpuMs();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (sent < n) {
        sent++;
        await request();
      }
    }),
  );
  // Let queued work (a ping's delivery to the consumer, its publishes) settle before reading.
  await new Promise((r) => setTimeout(r, 3000));
  const c1 = cpuMs();
  const per = (k) => Math.round(((c1[k] - c0[k]) / n) * 10) / 10;
  return { workerd: per("workerd"), node: per("node") };
}

export async function cpuSplit(n = Number(process.env.BENCH_CPU_JOBS ?? 600)) {
  return withStack(async (api) => {
    const engine = await ours(api);
    const headers = engine.headers;
    const get = (p) => async () => {
      const r = await fetch(`${api}${p}`, { headers });
      await r.arrayBuffer();
    };
    const unknown = async () => {
      const r = await fetch(`${api}/api/jobs`, {
        method: "POST",
        headers,
        body: JSON.stringify({ type: "system.nope", input: {} }),
      });
      await r.arrayBuffer();
    };
    const close = await engine.subscribe(() => {});
    const out = {
      health: await measure(n, get("/api/health")),
      me: await measure(n, get("/api/me")),
      unknownType: await measure(n, unknown),
      ping: await measure(n, engine.post),
    };
    close();
    return out;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await cpuSplit()));
  process.exit(0);
}
