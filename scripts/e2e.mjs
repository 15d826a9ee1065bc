#!/usr/bin/env node
// `npm run test:e2e`: browser tests against the real stack. Migrates a fresh, throw-away local
// state (D1, DOs, queues) and starts the Python service, the API Worker (`wrangler dev`) and the
// dashboard (`vite dev`), waits for both, runs test/e2e with vitest, then stops every process
// group it started and exits with the tests' code.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
// Ports are configurable so a test stack can run beside `npm run dev` (or another test stack).
const PORTS = {
  api: process.env.E2E_API_PORT ?? "8787",
  app: process.env.E2E_APP_PORT ?? "5173",
  python: process.env.E2E_PYTHON_PORT ?? "8000",
  unipile: process.env.E2E_UNIPILE_PORT ?? "8790",
};
const API = `http://127.0.0.1:${PORTS.api}`;
const APP = `http://127.0.0.1:${PORTS.app}`;
const keep = process.env.LIFETREK_E2E_KEEP_STATE === "1";
const state = mkdtempSync(path.join(tmpdir(), "lifetrek-e2e-"));
const env = {
  ...process.env,
  PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
  // A private dev registry, so the app's service binding finds *this* API and nothing else.
  WRANGLER_REGISTRY_PATH: path.join(state, "registry"),
  MINIFLARE_REGISTRY_PATH: path.join(state, "registry"),
  WRANGLER_SEND_METRICS: "false",
  CI: "1",
  APP_PORT: PORTS.app,
  PYTHON_PORT: PORTS.python,
  E2E_BASE_URL: APP,
  // Enrichment talks to the offline fake Unipile, as in `npm run dev` without a key.
  UNIPILE_BASE_URL: `http://127.0.0.1:${PORTS.unipile}/api/v1`,
  UNIPILE_API_KEY: "test-unipile-key",
  UNIPILE_MIN_INTERVAL_SECONDS: "0.05",
  FAKE_UNIPILE_URL: `http://127.0.0.1:${PORTS.unipile}`,
};

const log = (msg) => console.log(`\x1b[35m[e2e]\x1b[0m ${msg}`);

async function up(url) {
  try {
    const res = await fetch(url, { redirect: "manual" });
    return res.status < 500;
  } catch {
    return false;
  }
}

for (const url of [`${API}/api/health`, APP]) {
  if (await up(url)) {
    console.error(`${url} is already answering: stop the running dev stack first (npm run dev).`);
    process.exit(1);
  }
}

// The API runs from a snapshot of the backend sources, so edits made while the tests run (wrangler
// watches its sources and reloads, dropping sockets and queued retries) cannot disturb them.
// LIFETREK_E2E_SNAPSHOT=0 runs it from the working tree instead.
const apiDir = process.env.LIFETREK_E2E_SNAPSHOT === "0" ? root : path.join(state, "api");
if (apiDir !== root) {
  for (const entry of [
    "workers",
    "modules",
    "drizzle",
    "wrangler.toml",
    "package.json",
    "tsconfig.json",
    ".dev.vars",
  ]) {
    const from = path.join(root, entry);
    if (existsSync(from)) cpSync(from, path.join(apiDir, entry), { recursive: true });
  }
  for (const entry of ["node_modules", "python-service"])
    symlinkSync(path.join(root, entry), path.join(apiDir, entry));
}

const persist = path.join(state, "wrangler");
const migrate = spawnSync(
  bin("wrangler"),
  ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist],
  {
    cwd: apiDir,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  },
);
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const verbose = process.env.LIFETREK_E2E_VERBOSE === "1";
const children = [];
function start(name, cmd, args, { required = true } = {}) {
  const child = spawn(cmd, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", verbose ? "inherit" : "ignore", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping && required) {
      log(`${name} exited (${signal ?? code}) before the tests finished`);
      stop(1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  setTimeout(() => {
    for (const c of children) {
      try {
        process.kill(-c.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    if (!keep) rmSync(state, { recursive: true, force: true });
    process.exit(code);
  }, 1500);
}
process.on("uncaughtException", (err) => {
  console.error(err);
  stop(1);
});
process.on("SIGINT", () => stop(130));
process.on("SIGTERM", () => stop(143));

const started = Date.now();
// Not needed by the dashboard tests, but part of the stack; its failure does not stop the run.
start("fake-unipile", process.execPath, ["test/fakes/serve-unipile.ts", PORTS.unipile]);
start("python", process.execPath, ["scripts/python.mjs", "serve"]);
start(
  "api",
  bin("wrangler"),
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    PORTS.api,
    "--var",
    `PUBLIC_ORIGIN:${API}`,
    "--var",
    `TRUSTED_ORIGINS:${APP},${API}`,
    "--var",
    `PUBLIC_APP_URL:${APP}`,
    "--var",
    `PYTHON_SERVICE_URL:http://127.0.0.1:${PORTS.python}`,
    "--enable-containers=false",
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
  ],
  { cwd: apiDir },
);
start("app", "npm", ["run", "dev", "-w", "app"]);

const deadline = Date.now() + 120_000;
while (!(await up(`${API}/api/health`)) || !(await up(`${APP}/sign-in`))) {
  if (stopping) await new Promise(() => {});
  if (Date.now() > deadline) {
    log("the stack did not start within 120 s");
    stop(1);
    await new Promise(() => {});
  }
  await new Promise((r) => setTimeout(r, 500));
}
await fetch(`${API}/api/dev/seed`, { method: "POST" });
log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (state: ${state})`);

const tests = spawn(
  bin("vitest"),
  ["run", "--config", "test/e2e/vitest.config.ts", ...process.argv.slice(2)],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
tests.on("exit", (code, signal) => stop(code ?? (signal ? 1 : 0)));
