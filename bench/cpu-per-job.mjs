// `npm run bench -- cpu-per-job` (issue #10): CPU seconds the local stack spends per ping, read
// from /proc for every workerd and Node process (the bench's own process excluded) while 10
// clients enqueue N pings through the public API and the WebSocket reports each one done. Unlike
// wall-clock rates, CPU per job barely moves with what else the machine runs, so it compares two
// versions of the engine on a shared machine; run them interleaved, several times each.
import { readdirSync, readFileSync } from "node:fs";
import { ours, withStack } from "./peers.mjs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms so far of every workerd and Node process but this one. */
export function cpuMs() {
  const out = { workerd: 0, node: 0 };
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
    if (comm.includes("workerd")) out.workerd += ms;
    else if (comm.includes("node") || comm === "MainThread") out.node += ms;
  }
  return out;
}

export async function cpuPerJob(n = Number(process.env.BENCH_CPU_JOBS ?? 1000)) {
  return withStack(async (api) => {
    const engine = await ours(api);
    const done = new Set();
    const close = await engine.subscribe((id) => done.add(id));
    for (let i = 0; i < 50; i++) await engine.post(); // warm-up
    await new Promise((r) => setTimeout(r, 2000));
    const c0 = cpuMs();
    const t0 = performance.now();
    const ids = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (ids.length < n) {
          const slot = ids.push("") - 1;
          ids[slot] = (await engine.post()).id;
        }
      }),
    );
    const end = Date.now() + 600_000;
    while (ids.some((id) => !done.has(id)) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    const wallMs = performance.now() - t0;
    const c1 = cpuMs();
    close();
    const perJob = (k) => Math.round(((c1[k] - c0[k]) / n) * 10) / 10;
    return {
      jobs: n,
      neverDone: ids.filter((id) => !done.has(id)).length,
      jobsPerS: Math.round((n / wallMs) * 10000) / 10,
      cpuMsPerJob: { workerd: perJob("workerd"), node: perJob("node") },
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await cpuPerJob()));
  process.exit(0);
}
