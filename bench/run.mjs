// `npm run bench`: runs against `npm run dev` (starting it if nothing answers on :8787) and
// writes docs/benchmarks.md.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchContent } from "./content.mjs";
import { cpuPerJob } from "./cpu-per-job.mjs";
import { cpuSplit } from "./cpu-split.mjs";
import { benchDashboard } from "./dashboard.mjs";
import { benchEngine } from "./engine.mjs";
import { benchExport } from "./export.mjs";
import { benchFloor } from "./floor.mjs";
import { benchJobs } from "./jobs.mjs";
import { benchLeads } from "./leads.mjs";
import { API, waitUntil } from "./lib.mjs";
import { benchOutreach } from "./outreach.mjs";
import { benchPeers } from "./peers.mjs";
import { profileCpu } from "./profile-cpu.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

async function up() {
  try {
    return (await fetch(`${API}/api/health`)).ok;
  } catch {
    return false;
  }
}

let dev = null;
// The outreach bench runs in workerd on its own (vitest): it needs no dev stack.
// `peers` starts its own stack, Redis and PostgreSQL (on 31xxx ports), and only when asked for.
const needsDev =
  only.length === 0 ||
  only.some((n) => !["outreach", "peers", "profile-cpu", "cpu-per-job", "cpu-split", "floor"].includes(n));
if (needsDev && !(await up())) {
  console.log("starting npm run dev …");
  dev = spawn(process.execPath, ["scripts/dev.mjs"], { cwd: root, stdio: "ignore", detached: true });
  await waitUntil(up, 180_000, 500);
  await waitUntil(
    async () => (await fetch("http://127.0.0.1:5173/login").catch(() => null))?.ok,
    180_000,
    500,
  ).catch(() => {});
}

const results = {};
try {
  if (want("jobs")) results.jobs = await benchJobs();
  if (want("engine")) results.engine = await benchEngine();
  if (want("leads")) results.leads = await benchLeads(root);
  if (want("content")) results.content = await benchContent();
  if (want("dashboard")) results.dashboard = await benchDashboard(root);
  if (want("outreach")) results.outreach = await benchOutreach(root);
  if (only.includes("peers")) results.peers = await benchPeers(root);
  if (only.includes("profile-cpu")) results.profileCpu = await profileCpu();
  if (only.includes("cpu-per-job")) results.cpuPerJob = await cpuPerJob();
  if (only.includes("cpu-split")) results.cpuSplit = await cpuSplit();
  if (only.includes("floor")) results.floor = await benchFloor();
  if (only.includes("export")) results.export = await benchExport();
} finally {
  if (dev) process.kill(-dev.pid, "SIGTERM");
}
console.log(JSON.stringify(results, null, 2));

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const j = results.jobs;
const row = (name, p, target) =>
  `| ${name} | ${p?.p50 ?? "—"} | ${p?.p95 ?? "—"} | ${p?.p99 ?? "—"} | ${target} |`;
const md = [
  "# Benchmarks",
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, against \`npm run dev\` (the Worker in Miniflare with local D1/Queues/Workflows/DOs, \`scripts/api-dev.mjs\`, uvicorn, the offline AI provider and the offline Unipile fake). Regenerate with \`npm run bench\`; \`npm run bench -- jobs\` runs one part without rewriting this file.`,
  "",
  ...(j
    ? [
        "## Job engine",
        "",
        "| Measure (ms) | p50 | p95 | p99 | Target |",
        "|---|---|---|---|---|",
        row(
          "`POST /api/jobs`, 500 sequential (API and consumers share one local process)",
          j.enqueueSequentialMs,
          "p95 < 50 (req. 500)",
        ),
        row(
          "`POST /api/jobs`, 100 spaced out (API not also running the jobs)",
          j.enqueueIsolatedMs,
          "p95 < 50",
        ),
        row("`POST /api/jobs`, 50 concurrent", j.enqueueConcurrent50Ms, "—"),
        row("enqueue → `succeeded` seen on the WebSocket (`system.ping`)", j.enqueueToFinishMs, "—"),
        row("state change → WebSocket delivery", j.stateChangeToWebSocketMs, "p95 < 100 (req. 2,000)"),
        "",
        `Jobs: ${j.jobs}, lost: ${j.lost}, duplicated: ${j.duplicated} (target 0 / 0).`,
        "",
      ]
    : []),
  ...(results.engine
    ? [
        "## Job engine, issue #10 measures (`npm run bench -- engine`)",
        "",
        "| Measure | Result | Target |",
        "|---|---|---|",
        `| \`POST /api/jobs\`, sequential, p95 | ${results.engine.enqueueSequentialMs.p95} ms | ≤ 25 ms |`,
        `| one ping alone, enqueue → \`succeeded\` on the WebSocket, p50 | ${results.engine.aloneEnqueueToDoneMs.p50} ms | ≤ 50 ms |`,
        `| pings under steady load (20/s), enqueue → \`succeeded\`, p50 / p95 | ${results.engine.steadyEnqueueToDoneMs.p50} / ${results.engine.steadyEnqueueToDoneMs.p95} ms | ≤ 50 / 150 ms |`,
        `| 300 concurrent \`POST /api/jobs\`, p50 of the answers | ${results.engine.burst300AnswerMs.p50} ms (${results.engine.burst300AnswerMs.non202} not 202) | ≤ 1,000 ms, all 202 |`,
        `| 300 pings, first enqueue → last \`succeeded\` | ${results.engine.burst300FirstToLastMs} ms | ≤ 3,000 ms |`,
        `| sustained throughput, ${results.engine.throughput.jobs} pings from 10 clients | ${results.engine.throughput.jobsPerS} jobs/s | ≥ 100 jobs/s |`,
        "",
      ]
    : []),
  ...(results.leads
    ? [
        "## Leads",
        "",
        `- Ranking in the Python service: ${results.leads.ranking.map((r) => `${r.leadsPerSecond.toLocaleString("en")} leads/s in-process, ${r.http?.leadsPerSecond.toLocaleString("en")} leads/s over HTTP (${r.leads.toLocaleString("en")} leads)`).join("; ")}.`,
        `- Enrichment job overhead per lead, Unipile's own time excluded: ${results.leads.enrichment.overheadPerLeadMs} ms (${results.leads.enrichment.leads} leads, ${results.leads.enrichment.unipileCalls} Unipile calls, wall ${results.leads.enrichment.wallMs} ms of which ${results.leads.enrichment.unipileSpacingMs} ms is the configured call spacing of the offline fake; real Unipile needs ≥ 2 s between calls, so a real batch is dominated by that spacing).`,
        "",
      ]
    : []),
  ...(results.content
    ? [
        "## Content",
        "",
        `- Carousel job, offline provider, enqueue → succeeded: p50 ${results.content.carouselJobMs?.p50} ms, p95 ${results.content.carouselJobMs?.p95} ms (n = ${results.content.carouselJobMs?.n}).`,
        `- Slide render (satori + resvg, 1080×1350 PNG): p50 ${results.content.slideRenderMs?.p50} ms, p95 ${results.content.slideRenderMs?.p95} ms per slide (n = ${results.content.slideRenderMs?.n}).`,
        "",
      ]
    : []),
  ...(results.dashboard
    ? [
        "## Dashboard (local production build, `vite preview`, headless Chromium)",
        "",
        `- JavaScript: ${results.dashboard.jsGzipKB} KB gzipped in ${results.dashboard.jsFiles} files, chunks loaded on demand included (budget 250 KB); the sign-in page loads ${results.dashboard.signInPageJsGzipKB} KB in ${results.dashboard.signInPageJsFiles}.`,
        `- First load of /sign-in (load event): cold ${results.dashboard.firstLoadMs?.cold} ms, median ${results.dashboard.firstLoadMs?.median} ms (budget 1,500 ms).`,
        "",
      ]
    : []),
  ...(results.outreach
    ? [
        "## Outreach governor",
        "",
        `One cron tick of the governor over ${results.outreach.accounts} LinkedIn accounts and ${results.outreach.actions.toLocaleString("en")} approved invitations, in workerd on the real D1 and per-account budget Durable Objects, executing through the Python service and the fake Unipile (\`test/bench/outreach-tick.workerd.ts\`):`,
        "",
        "| Tick | ms | accounts due | decisions | sent |",
        "|---|---|---|---|---|",
        ...results.outreach.ticks.map(
          (t, i) =>
            `| ${["first (every account sends one)", "+1 min (every account waits its gap)", "+2 min (no account due)"][i] ?? i} | ${t.ms} | ${t.accounts} | ${t.decisions} | ${t.executed} |`,
        ),
        `| first, executor answering at once (the governor's own cost) | ${results.outreach.governorOnly.ms} | ${results.outreach.governorOnly.accounts} | ${results.outreach.governorOnly.decisions} | ${results.outreach.governorOnly.executed} |`,
        "",
      ]
    : []),
  "## Raw results",
  "",
  "```json",
  JSON.stringify(results, null, 2),
  "```",
  "",
].join("\n");
if (only.length === 0) writeFileSync(path.join(root, "docs", "benchmarks.md"), md);
