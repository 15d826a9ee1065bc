// `npm run bench -- profile-cpu` (issue #10: "find where the time goes"): a V8 CPU profile of the
// Worker's isolate while clients enqueue pings through the public API (10 at a time;
// BENCH_PROFILE_CLIENTS=300 BENCH_PROFILE_JOBS=300 profiles the burst). It starts its own stack
// (the peers bench's ports, plus a fixed inspector port), attaches to workerd's inspector with the
// DevTools protocol, and reports how busy the isolate was and where its CPU went. Locally the
// Durable Objects and every D1 round trip's client side run on that same isolate, so "busy" is
// the ceiling on jobs per second. Samples far apart mean the thread was elsewhere (the D1 and
// queue simulators share it): self times are then only a share of the process's CPU.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { ours, withStack } from "./peers.mjs";

const INSPECTOR = process.env.LIFETREK_INSPECTOR_PORT ?? "31229";
process.env.LIFETREK_INSPECTOR_PORT = INSPECTOR;

/** Our functions whose inclusive time is worth a line (the hot path of one ping). */
const OURS = [
  "enqueue",
  "create",
  "claim",
  "claimRow",
  "runQueueJob",
  "completeAttempt",
  "transition",
  "move",
  "publishSafely",
  "publish",
  "loadGuardrails",
  "beforeEnqueue",
  "getSession",
  // drizzle: building the relational config of a new handle, and building SQL.
  "extractTablesRelationalConfig",
  "sqlToQuery",
];

async function inspector() {
  const targets = await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json();
  // wrangler's inspector proxy only upgrades connections from its DevTools origin.
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl, {
    headers: { origin: "https://devtools.devprod.cloudflare.dev" },
  });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  let next = 0;
  const pending = new Map();
  ws.addEventListener("message", (e) => {
    const m = JSON.parse(String(e.data));
    // wrangler's proxy may echo a request back before its answer: a waiter that needs the
    // answer's content says so (`until`).
    const waiter = m.id && pending.get(m.id);
    if (waiter && (!waiter.until || waiter.until(m.result))) {
      waiter.resolve(m.result ?? {});
      pending.delete(m.id);
    }
  });
  const send = (method, params = {}, until = undefined) =>
    new Promise((resolve) => {
      const id = ++next;
      pending.set(id, { resolve, until });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

/**
 * Where a frame of our bundle comes from (`modules/jobs/registry.ts:30`), read from the bundle's
 * source map (`scripts/api-dev.mjs` builds into `.wrangler/tmp/api-<port>/`); undefined elsewhere.
 */
function sourceLocator(api) {
  const map = path.resolve(import.meta.dirname, "..", `.wrangler/tmp/api-${new URL(api).port}/index.js.map`);
  if (!existsSync(map)) return () => undefined;
  const sm = new SourceMap(JSON.parse(readFileSync(map, "utf8")));
  return (f) => {
    if (f.url !== "index.js" || f.lineNumber < 0) return undefined;
    const e = sm.findEntry(f.lineNumber, f.columnNumber);
    if (!e?.originalSource) return undefined;
    const src = e.originalSource.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+(main\/)?/, "");
    return `${src}:${e.originalLine + 1}`;
  };
}

/**
 * Self and inclusive time per function from a CPU profile (ms). A frame of our bundle is named
 * with its source location: V8 folds inlined callees into their caller, so a name alone misled
 * (issue #10's tenth session found its hot spots by location and caller).
 */
function summarise(profile, locate = () => undefined) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // An anonymous frame (an arrow function, a callback) is named after its nearest named caller.
  const name = (id) => {
    const f = byId.get(id).callFrame;
    if (f.url.startsWith("cloudflare-internal:"))
      return `${f.functionName || "(anonymous)"} [${f.url.replace("cloudflare-internal:", "")}]`;
    const at = locate(f);
    if (at) return `${f.functionName || "(anonymous)"} @ ${at}`;
    if (f.functionName || !f.url) return f.functionName || "(anonymous)";
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const caller = byId.get(up).callFrame.functionName;
      if (caller) return `(anonymous) in ${caller}`;
    }
    return "(anonymous)";
  };
  const names = new Map();
  const incl = new Map();
  const selfByName = new Map();
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    if (!names.has(sample)) names.set(sample, name(sample));
    const k = names.get(sample);
    selfByName.set(k, (selfByName.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let cur = sample; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur).callFrame.functionName;
      if (!seen.has(fn)) incl.set(fn, (incl.get(fn) ?? 0) + dt);
      seen.add(fn);
    }
  });
  const idle = selfByName.get("(idle)") ?? 0;
  const top = [...selfByName]
    .filter(([k]) => k !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([k, ms]) => ({ fn: k, ms: Math.round(ms), share: Math.round((ms / (total - idle)) * 1000) / 10 }));
  const inclusive = Object.fromEntries(
    OURS.filter((k) => incl.has(k)).map((k) => [k, Math.round(incl.get(k))]),
  );
  return { profiledMs: Math.round(total), busyMs: Math.round(total - idle), top, inclusive };
}

/**
 * @param {number} jobs pings to enqueue while profiling
 * @param {number} clients how many at once (BENCH_PROFILE_CLIENTS=300 with 300 jobs: the burst)
 */
export async function profileCpu(
  jobs = Number(process.env.BENCH_PROFILE_JOBS ?? 600),
  clients = Number(process.env.BENCH_PROFILE_CLIENTS ?? 10),
) {
  return withStack(async (api) => {
    const engine = await ours(api);
    const close = await engine.subscribe(() => {});
    for (let i = 0; i < 50; i++) await engine.post(); // warm-up
    await new Promise((r) => setTimeout(r, 2000));
    const cdp = await inspector();
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
    const t0 = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (sent < jobs) {
          sent++;
          await engine.post();
        }
      }),
    );
    const wallMs = performance.now() - t0;
    const { profile } = await cdp.send("Profiler.stop", {}, (r) => Boolean(r?.profile));
    cdp.close();
    close();
    // The raw profile, for DevTools' Performance panel or a closer look at who calls what.
    if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    const s = summarise(profile, sourceLocator(api));
    return {
      jobs,
      wallMs: Math.round(wallMs),
      postsPerS: Math.round((jobs / wallMs) * 10000) / 10,
      busyShare: Math.round((s.busyMs / s.profiledMs) * 1000) / 10,
      cpuMsPerJob: Math.round((s.busyMs / jobs) * 10) / 10,
      load: execFileSync("uptime", { encoding: "utf8" })
        .trim()
        .replace(/.*load averages?: /, ""),
      ...s,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await profileCpu(), null, 2));
  process.exit(0);
}
