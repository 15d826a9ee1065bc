// `npm run bench -- peers` (issue #10): the same workload (bench/peers-workload.mjs) against our
// stack, BullMQ and pg-boss, one engine at a time (the others stopped), each behind HTTP.
// Writes its section of docs/benchmarks.md. Ports are in the 31xxx range, away from `npm run dev`.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createStack } from "../scripts/stack.mjs";
import { startServices } from "./peers-services.mjs";
import { runWorkload } from "./peers-workload.mjs";

const PORTS = { api: "31787", app: "31173", python: "31800", unipile: "31790", bullmq: 31401, pgboss: 31402 };
const n = {
  sequential: Number(process.env.BENCH_PEERS_SEQUENTIAL ?? 200),
  alone: Number(process.env.BENCH_PEERS_ALONE ?? 50),
  burst: 300,
  throughput: Number(process.env.BENCH_PEERS_JOBS ?? 5000),
};
const BODY = JSON.stringify({ type: "system.ping", input: {} });
// What to stop if the run is interrupted (Ctrl-C, timeout): only what this bench started.
const cleanups = new Set();
const onSignal = () => {
  for (const stop of cleanups) stop();
  process.exit(130);
};
/** The 1/5/15-minute load averages from `uptime`. */
const load = () =>
  execFileSync("uptime", { encoding: "utf8" })
    .trim()
    .replace(/.*load averages?: /, "");

/** Our public API: a signed-in admin, POST /api/jobs, `succeeded` seen on /api/realtime. */
export async function ours(api) {
  const res = await fetch(`${api}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: api },
    body: JSON.stringify({ email: "admin@lifetrek.local", password: "lifetrek-dev-password" }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const headers = { cookie, origin: api, "content-type": "application/json" };
  return {
    headers,
    post: async () => {
      const r = await fetch(`${api}/api/jobs`, { method: "POST", headers, body: BODY });
      return { status: r.status, id: (await r.json())?.job?.id };
    },
    subscribe: (onDone) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${api.replace("http", "ws")}/api/realtime`, { headers: { cookie } });
        ws.addEventListener("message", (e) => {
          const msg = JSON.parse(String(e.data));
          if (msg.type === "job" && msg.job.status === "succeeded") onDone(msg.job.id);
        });
        ws.addEventListener("open", () => resolve(() => ws.close()));
        ws.addEventListener("error", reject);
      }),
  };
}

/** A peer behind bench/peers-server.mjs: POST /jobs, completed ids read from the SSE stream. */
export function peer(base) {
  return {
    post: async () => {
      const r = await fetch(`${base}/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: BODY,
      });
      return { status: r.status, id: (await r.json())?.id };
    },
    subscribe: async (onDone) => {
      const abort = new AbortController();
      const res = await fetch(`${base}/events`, { signal: abort.signal });
      if (!res.body) throw new Error("no event stream");
      (async () => {
        let buf = "";
        for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
          buf += chunk;
          const events = buf.split("\n\n");
          buf = events.pop() ?? "";
          for (const ev of events)
            for (const l of ev.split("\n")) if (l.startsWith("data:")) onDone(l.slice(5).trim());
        }
      })().catch(() => {}); // aborted at close
      return () => abort.abort();
    },
  };
}

export async function withStack(fn) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "peers-stack-"));
  let exited;
  const stopped = new Promise((r) => {
    exited = r;
  });
  const stack = createStack({
    ports: PORTS,
    registry: path.join(tmp, "registry"),
    persist: path.join(tmp, "wrangler"),
    quiet: true,
    dashboard: false,
    log: (m) => console.error(`[peers] stack: ${m}`),
    onExit: () => exited(),
  });
  const stop = () => stack.stop(0);
  cleanups.add(stop);
  try {
    await stack.run();
    return await fn(stack.api);
  } finally {
    cleanups.delete(stop);
    stack.stop(0);
    await stopped;
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function withPeerServer(engine, url, fn) {
  const port = PORTS[engine];
  const child = spawn(process.execPath, ["bench/peers-server.mjs", engine, String(port), url], {
    cwd: path.resolve(import.meta.dirname, ".."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = () => child.kill("SIGTERM");
  cleanups.add(stop);
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on("data", (d) => String(d).includes("ready") && resolve(undefined));
      child.on("exit", (code) => reject(new Error(`${engine} server exited (${code})`)));
    });
    return await fn(`http://127.0.0.1:${port}`);
  } finally {
    cleanups.delete(stop);
    stop();
  }
}

export async function benchPeers(root) {
  const versions = { node: process.version, ...readVersions(root) };
  const services = await startServices({ redisPort: 31379, pgPort: 31432 });
  cleanups.add(services.stop);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  Object.assign(versions, services.versions);
  const results = {};
  const loads = {};
  try {
    loads.ours = load();
    results.ours = await withStack(async (api) => runWorkload(await ours(api), { ...n, name: "ours" }));
    loads.bullmq = load();
    results.bullmq = await withPeerServer("bullmq", services.redisUrl, (b) =>
      runWorkload(peer(b), { ...n, name: "bullmq" }),
    );
    loads.pgboss = load();
    results.pgboss = await withPeerServer("pgboss", services.pgUrl, (b) =>
      runWorkload(peer(b), { ...n, name: "pgboss" }),
    );
  } finally {
    services.stop();
  }
  const out = { n, versions, loads, results };
  writeSection(root, out);
  return out;
}

function readVersions(root) {
  const v = (pkg) =>
    JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version;
  return {
    bullmq: v("bullmq"),
    pgBoss: v("pg-boss"),
    hono: v("hono"),
    honoNodeServer: v("@hono/node-server"),
  };
}

const HEADING = "## Job engine side by side (`npm run bench -- peers`)";

/** Replaces this section of docs/benchmarks.md (or inserts it before the crash drills). */
function writeSection(root, { n: size, versions, loads, results: r }) {
  const file = path.join(root, "docs", "benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const fmt = (v) => (Number.isFinite(v) ? v.toLocaleString("en", { maximumFractionDigits: 1 }) : "—");
  // Two significant digits below 1 (0.024×), two decimals below 10, whole numbers above.
  const ratio = (a, b) => {
    const q = a / b;
    if (!Number.isFinite(q)) return "—";
    return `${q < 1 ? q.toPrecision(2) : q.toFixed(q < 10 ? 2 : 0)}×`;
  };
  const rows = [
    ["`POST` enqueue, sequential, p50 (ms)", (x) => x.enqueueSequentialMs.p50],
    ["`POST` enqueue, sequential, p95 (ms)", (x) => x.enqueueSequentialMs.p95],
    ["`POST` enqueue, jobs 50 ms apart, p50 (ms)", (x) => x.aloneAnswerMs.p50],
    ["`POST` enqueue, jobs 50 ms apart, p95 (ms)", (x) => x.aloneAnswerMs.p95],
    ["one job alone, enqueue → done, p50 (ms)", (x) => x.aloneEnqueueToDoneMs.p50],
    ["one job alone, enqueue → done, p95 (ms)", (x) => x.aloneEnqueueToDoneMs.p95],
    ["pings under steady load (20/s), enqueue → done, p50 (ms)", (x) => x.steadyEnqueueToDoneMs.p50],
    ["pings under steady load (20/s), enqueue → done, p95 (ms)", (x) => x.steadyEnqueueToDoneMs.p95],
    [`${size.burst} concurrent \`POST\`s, p50 of the answers (ms)`, (x) => x.burstAnswerMs.p50],
    [`${size.burst} concurrent, first enqueue → last done (ms)`, (x) => x.burstFirstToLastMs],
    [
      `throughput, ${size.throughput.toLocaleString("en")} jobs from 10 clients (jobs/s)`,
      (x) => x.throughput.jobsPerS,
    ],
  ];
  const lines = [
    HEADING,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${versions.node}; 1/5/15-minute load averages (\`uptime\`) as each engine's run began: ours ${loads.ours}; BullMQ ${loads.bullmq}; pg-boss ${loads.pgboss} (the machine is shared with other sessions: above 2, they were busy too).`,
    "",
    `Method: \`bench/peers.mjs\` runs one engine at a time, each behind HTTP on this machine, with the identical client workload (\`bench/peers-workload.mjs\`): 30 warm-up jobs; ${size.sequential} sequential \`POST\`s, each after the previous job is done; ${size.alone} lone jobs 50 ms apart; 300 jobs at a steady 20 per second, each timed enqueue → done; ${size.burst} \`POST\`s at once; ${size.throughput.toLocaleString("en")} jobs from 10 concurrent clients, rate = jobs ÷ (first enqueue → last done). A job is a no-op ping; "done" is when the client sees the completion pushed to it. **Ours**: \`scripts/stack.mjs\` without the dashboard on fresh local state (\`scripts/api-dev.mjs\`: the Worker in Miniflare, D1, Queues, Durable Objects in one workerd process), \`POST /api/jobs\` \`system.ping\` as a signed-in admin (session checked on every request), done = \`succeeded\` on the \`/api/realtime\` WebSocket. **BullMQ ${versions.bullmq}** on Redis ${versions.redis} (no snapshots) and **pg-boss ${versions.pgBoss}** on PostgreSQL ${versions.postgres} (default durability, LISTEN/NOTIFY on, 0.5 s poll backstop), each in one Node process with Hono ${versions.hono} on \`@hono/node-server\` ${versions.honoNodeServer} (\`bench/peers-server.mjs\`, no auth): \`POST /jobs\` answers 202 with the job id, and a worker in the same process runs 10 jobs at a time (BullMQ: \`concurrency: 10\`; pg-boss: batches of 10, fetched back to back while they come back full), done = the job's id on a server-sent event stream, sent once the engine has recorded it completed (BullMQ's \`completed\` event; pg-boss has none, so its handler calls \`complete()\` and then reports). Redis and PostgreSQL are Debian packages started by the bench on ports 31379/31432 in temp folders. One run per engine: repeat runs on a shared machine can differ by 2× or more, so read the ratios as orders of magnitude. Ratios are ours ÷ theirs: above 1 means ours takes longer (latency rows) or does more (throughput row).`,
    "",
    "Reading it: before answering, each of our `POST`s checks the session in D1, runs the guardrail hooks, writes the job and its first event in one D1 batch, publishes to the realtime Durable Object and sends a queue message; the job then claims, completes and publishes through D1 and the Durable Object, all in one local workerd process on the same two cores as the client. A peer's enqueue is one Redis script or one `INSERT`. Our done can arrive before our `POST` is answered (a request that is its isolate's only one starts the job directly; beside others, the queue consumer runs it in a batch), so enqueue → done can be shorter than the answer.",
    "",
    "| Measure | ours | BullMQ | pg-boss | ours ÷ BullMQ | ours ÷ pg-boss |",
    "|---|---|---|---|---|---|",
    ...rows.map(([label, get]) => {
      const [o, b, p] = [get(r.ours), get(r.bullmq), get(r.pgboss)];
      return `| ${label} | ${fmt(o)} | ${fmt(b)} | ${fmt(p)} | ${ratio(o, b)} | ${ratio(o, p)} |`;
    }),
    `| non-202 answers / jobs never done | ${r.ours.burstAnswerMs.non202} / ${r.ours.neverDone} | ${r.bullmq.burstAnswerMs.non202} / ${r.bullmq.neverDone} | ${r.pgboss.burstAnswerMs.non202} / ${r.pgboss.neverDone} | | |`,
    "",
  ];
  const start = doc.indexOf(HEADING);
  const next = start >= 0 ? doc.indexOf("\n## ", start + HEADING.length) : -1;
  const at = doc.indexOf("## Crash drills");
  const updated =
    start >= 0
      ? doc.slice(0, start) + lines.join("\n") + (next >= 0 ? `\n${doc.slice(next + 1)}` : "")
      : at >= 0
        ? `${doc.slice(0, at)}${lines.join("\n")}\n${doc.slice(at)}`
        : `${doc}\n${lines.join("\n")}`;
  writeFileSync(file, updated);
  // Biome formats Markdown too (aligned tables): keep `npm run lint` green after a run.
  execFileSync(path.join(root, "node_modules", ".bin", "biome"), ["format", "--write", file], {
    stdio: "ignore",
  });
}
