// `npm run bench`: runs against `npm run dev` (starting it if nothing answers on :8787) and
// writes docs/benchmarks.md.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchContent } from "./content.mjs";
import { benchDashboard } from "./dashboard.mjs";
import { benchJobs } from "./jobs.mjs";
import { benchLeads } from "./leads.mjs";
import { API, waitUntil } from "./lib.mjs";

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
if (!(await up())) {
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
  if (want("leads")) results.leads = await benchLeads(root);
  if (want("content")) results.content = await benchContent();
  if (want("dashboard")) results.dashboard = await benchDashboard(root);
} finally {
  if (dev) process.kill(-dev.pid, "SIGTERM");
}
console.log(JSON.stringify(results, null, 2));

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const md = [
  "# Benchmarks",
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, against \`npm run dev\` (wrangler dev + local D1/Queues/DOs, uvicorn). Re-run with \`npm run bench\` (or \`npm run bench -- jobs\`).`,
  "",
  "Raw results:",
  "",
  "```json",
  JSON.stringify(results, null, 2),
  "```",
  "",
].join("\n");
if (only.length === 0) writeFileSync(path.join(root, "docs", "benchmarks.raw.md"), md);
void spawnSync;
