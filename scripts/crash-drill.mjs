#!/usr/bin/env node
// `npm run test:crash`: crash drills on the real local stack. For each of three kill points it
// starts the API (scripts/api-dev.mjs, persisted state) with the Python service, enqueues 300
// pings (every tenth sleeps 2 s) and a carousel through the public API, SIGKILLs the whole tree
// mid-flight, restarts on the same state and checks: every job ends `succeeded`; the carousel
// made exactly one content draft; nothing stays unfinished longer than one lease plus the
// redispatch delay plus one sweep after the restart; every event trail is complete (Queued …
// Running … Succeeded, seq 1..n without gaps).
// Ports: E2E_API_PORT / E2E_PYTHON_PORT / E2E_UNIPILE_PORT (so it can run beside `npm run dev`).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStack, root } from "./stack.mjs";

const PINGS = 300;
/** Drills sweep every 5 s instead of 60 s so a drill takes a minute, not several. */
const SWEEP_MS = 5_000;
/** Ping's lease (30 s) + the sweeper's redispatch delay (30 s) + one sweep + start-up slack. */
const PING_BOUND_MS = 30_000 + SWEEP_MS + 15_000;
/** The carousel's lease is 180 s; it needs that bound only if its Workflow does not resume. */
const CAROUSEL_BOUND_MS = 180_000 + SWEEP_MS + 15_000;

const ports = {
  api: process.env.E2E_API_PORT ?? "8787",
  app: process.env.E2E_APP_PORT ?? "5173",
  python: process.env.E2E_PYTHON_PORT ?? "8000",
  unipile: process.env.E2E_UNIPILE_PORT ?? "8790",
};
const API = `http://127.0.0.1:${ports.api}`;
const log = (msg) => console.log(`\x1b[33m[drill]\x1b[0m ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- child mode: one stack on a given state folder, until killed --------------------------------
if (process.argv[2] === "serve") {
  const state = process.argv[3] ?? "";
  process.env.LIFETREK_CRON_INTERVAL_MS = String(SWEEP_MS);
  const stack = createStack({
    ports,
    registry: path.join(state, "registry"),
    persist: path.join(state, "wrangler"),
    quiet: true,
    dashboard: false,
    log,
    onExit: (code) => process.exit(code),
  });
  process.on("SIGTERM", () => stack.stop(0));
  await stack.run().catch((err) => {
    log(String(err));
    stack.stop(1);
  });
  await new Promise(() => {});
}

/** Every process below `pid` (the stack's children run in their own process groups). */
function descendants(pid) {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out = [];
  const walk = (p) => {
    for (const [c, pp] of table) {
      if (pp === p) {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(pid);
  return out;
}

function startStack(state) {
  const child = spawn(process.execPath, [path.join(root, "scripts", "crash-drill.mjs"), "serve", state], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

async function up() {
  try {
    return (await fetch(`${API}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function waitFor(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function portsFree() {
  await waitFor(async () => !(await up()), 20_000, "the API port to be free");
}

async function signIn() {
  const res = await fetch(`${API}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: API },
    body: JSON.stringify({ email: "marketing@lifetrek.local", password: "lifetrek-dev-password" }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function client(cookie) {
  return async (p, json) => {
    const res = await fetch(`${API}${p}`, {
      method: json ? "POST" : "GET",
      headers: { cookie, origin: API, ...(json ? { "content-type": "application/json" } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

/** Every job of the drill, by idempotency key (a client re-sends unanswered requests with it). */
function workload(run) {
  const pings = Array.from({ length: PINGS }, (_, i) => ({
    type: "system.ping",
    input: { sleepMs: i % 10 === 0 ? 2000 : 0 },
    idempotencyKey: `drill-${run}-ping-${i}`,
  }));
  const carousel = {
    type: "content.carousel",
    input: { topic: `Crash drill ${run}: usinagem suíça de implantes`, profile: "company" },
    idempotencyKey: `drill-${run}-carousel`,
  };
  return [carousel, ...pings];
}

async function events(call, id) {
  const res = await call(`/api/jobs/${id}/events`);
  return res.body?.items ?? [];
}

function trailProblems(job, items) {
  const seqs = items.map((e) => e.seq);
  const problems = [];
  if (seqs.some((s, i) => s !== i + 1)) problems.push(`seq not 1..${seqs.length}`);
  const status = items.filter((e) => e.kind === "status").map((e) => e.message);
  if (status[0] !== "Queued") problems.push("does not start Queued");
  if (status.at(-1) !== "Succeeded") problems.push("does not end Succeeded");
  const runs = status.filter((m) => m === "Running").length;
  if (runs !== job.attempts) problems.push(`${runs} Running events for ${job.attempts} attempts`);
  if (status.filter((m) => m === "Succeeded").length !== 1) problems.push("not exactly one Succeeded");
  return problems;
}

/**
 * One drill: `killWhen(state)` decides the kill point from what has been accepted/finished.
 * Returns the failures found (empty = passed).
 */
async function drill(name, killWhen) {
  const state = mkdtempSync(path.join(tmpdir(), `lifetrek-drill-${name}-`));
  const failures = [];
  let stack = startStack(state);
  try {
    await waitFor(up, 120_000, "the API");
    const cookie = await signIn();
    const call = client(cookie);
    const jobs = workload(name);
    const accepted = new Map(); // idempotencyKey → job id
    const succeeded = new Set();
    const ws = new WebSocket(`${API.replace("http", "ws")}/api/realtime`, { headers: { cookie } });
    ws.addEventListener("message", (e) => {
      const msg = JSON.parse(String(e.data));
      if (msg.type === "job" && msg.job.status === "succeeded") succeeded.add(msg.job.id);
    });
    ws.addEventListener("error", () => {});

    // Enqueue with 20 clients; the kill may land while requests are in flight.
    let killed = false;
    let next = 0;
    const senders = Array.from({ length: 20 }, async () => {
      while (next < jobs.length && !killed) {
        const body = jobs[next++];
        try {
          const res = await call("/api/jobs", body);
          if (res.status === 202 || res.status === 200) accepted.set(body.idempotencyKey, res.body.job.id);
        } catch {
          // killed mid-request: re-sent after the restart
        }
      }
    });
    await waitFor(
      () => killWhen({ accepted: accepted.size, succeeded: succeeded.size }),
      300_000,
      "kill point",
    );
    const pids = [stack.pid, ...descendants(stack.pid)];
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
    killed = true;
    ws.close();
    log(
      `${name}: SIGKILL of ${pids.length} processes at ${accepted.size} accepted, ${succeeded.size} succeeded`,
    );
    await Promise.allSettled(senders);
    await portsFree();

    stack = startStack(state);
    await waitFor(up, 120_000, "the API after the restart");
    const restartedAt = Date.now();
    const call2 = client(await signIn());
    // What a client does after a crash: re-send every request not answered, same key.
    for (const body of jobs) {
      if (accepted.has(body.idempotencyKey)) continue;
      const res = await call2("/api/jobs", body);
      if (res.status !== 202 && res.status !== 200) failures.push(`re-send answered ${res.status}`);
      else accepted.set(body.idempotencyKey, res.body.job.id);
    }
    const ids = jobs.map((j) => accepted.get(j.idempotencyKey));
    const carouselId = ids[0];
    const pending = new Set(ids);
    const finishedAt = new Map();
    const deadline = restartedAt + CAROUSEL_BOUND_MS;
    while (pending.size && Date.now() < deadline) {
      const list = [...pending];
      for (let i = 0; i < list.length; i += 25) {
        const rows = await Promise.all(list.slice(i, i + 25).map((id) => call2(`/api/jobs/${id}`)));
        for (const r of rows) {
          const job = r.body?.job;
          if (job && ["succeeded", "failed", "cancelled"].includes(job.status)) {
            pending.delete(job.id);
            finishedAt.set(job.id, { at: Date.now(), job });
          }
        }
      }
      if (pending.size) await sleep(1000);
    }
    if (pending.size)
      failures.push(`${pending.size} jobs unfinished ${CAROUSEL_BOUND_MS / 1000} s after the restart`);
    // "Left behind" is measured on the server's own clock, for jobs that existed before the
    // restart (jobs re-sent afterwards simply run).
    for (const [id, { job }] of finishedAt) {
      const at = Date.parse(job.finishedAt ?? job.updatedAt);
      if (Date.parse(job.createdAt) >= restartedAt) continue;
      if (job.status !== "succeeded")
        failures.push(`${id} (${job.type}) ended ${job.status}: ${job.error?.message}`);
      const bound = id === carouselId ? CAROUSEL_BOUND_MS : PING_BOUND_MS;
      if (at - restartedAt > bound)
        failures.push(`${id} (${job.type}) took ${at - restartedAt} ms after restart`);
    }
    // Event trails, in parallel batches.
    for (let i = 0; i < ids.length; i += 25) {
      const slice = ids.slice(i, i + 25);
      const trails = await Promise.all(slice.map((id) => events(call2, id)));
      slice.forEach((id, k) => {
        const job = finishedAt.get(id)?.job;
        if (!job) return;
        const p = trailProblems(job, trails[k]);
        if (p.length) failures.push(`${id} (${job.type}) trail: ${p.join(", ")}`);
      });
    }
    // The carousel's side effect (its content draft) happened once.
    const content = await call2("/api/content?kind=carousel&limit=100");
    const drafts = (content.body?.items ?? []).filter((c) => c.jobId === carouselId);
    if (drafts.length !== 1) failures.push(`carousel made ${drafts.length} content drafts, expected 1`);
    const attempts = [...finishedAt.values()].map((f) => f.job.attempts);
    // Seconds after the restart, for the pings that were there before it and for the carousel:
    // how close each came to its bound.
    const doneS = (f) => Math.round((Date.parse(f.job.finishedAt ?? f.job.updatedAt) - restartedAt) / 1000);
    const before = [...finishedAt].filter(
      ([id, f]) => id !== carouselId && Date.parse(f.job.createdAt) < restartedAt,
    );
    const lastPing = Math.max(0, ...before.map(([, f]) => doneS(f)));
    const carousel = finishedAt.get(carouselId);
    log(
      `${name}: ${finishedAt.size}/${ids.length} finished, retried ${attempts.filter((a) => a > 1).length}, last ping done ${lastPing} s after restart (bound ${PING_BOUND_MS / 1000} s), carousel ${!carousel ? "not done" : doneS(carousel) < 0 ? "done before the kill" : `done ${doneS(carousel)} s after restart (bound ${CAROUSEL_BOUND_MS / 1000} s)`}, carousel attempts ${carousel?.job.attempts}`,
    );
  } catch (err) {
    failures.push(String(err));
  } finally {
    stack.kill("SIGTERM");
    await portsFree().catch(() => undefined);
    for (const pid of descendants(stack.pid)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    rmSync(state, { recursive: true, force: true });
  }
  return failures;
}

const drills = [
  ["enqueue", (s) => s.accepted >= 120],
  ["running", (s) => s.accepted >= PINGS + 1 && s.succeeded >= PINGS / 2],
  ["tail", (s) => s.accepted >= PINGS + 1 && s.succeeded >= PINGS - 35],
];
const only = process.argv.slice(2);
let failed = 0;
const t0 = Date.now();
for (const [name, when] of drills) {
  if (only.length && !only.includes(name)) continue;
  if (await up()) {
    console.error(`${API} is already answering: stop it first, or choose other E2E_*_PORT values.`);
    process.exit(1);
  }
  const failures = await drill(name, when);
  for (const f of failures.slice(0, 20)) log(`${name}: FAIL ${f}`);
  if (failures.length > 20) log(`${name}: … ${failures.length - 20} more failures`);
  if (failures.length) failed++;
  else log(`${name}: passed`);
}
log(`${failed ? "FAILED" : "passed"} in ${Math.round((Date.now() - t0) / 1000)} s`);
process.exit(failed ? 1 : 0);
