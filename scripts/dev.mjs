#!/usr/bin/env node
// `npm run dev`: migrate the local D1, then run the Python service, the API Worker and the
// dashboard together until Ctrl-C. Each child gets its own process group so nothing outlives us.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = {
  ...process.env,
  // Children (wrangler, vite) must run on the pinned Node 22 even when started outside npm.
  PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
  // Keep wrangler's dev registry inside the project so other checkouts don't collide.
  WRANGLER_REGISTRY_PATH: path.join(root, ".dev-registry"),
  MINIFLARE_REGISTRY_PATH: path.join(root, ".dev-registry"),
  WRANGLER_SEND_METRICS: "false",
};
const API = "http://127.0.0.1:8787";

function log(msg) {
  console.log(`\x1b[36m[dev]\x1b[0m ${msg}`);
}

const migrate = spawnSync(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], {
  cwd: root,
  env: { ...env, CI: "1" },
  stdio: "inherit",
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const children = [];
function start(name, cmd, args, opts = {}) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit", detached: true, ...opts });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

// Without a Unipile key, enrichment uses an offline fake with invented people (clearly demo data).
if (!process.env.UNIPILE_API_KEY) {
  const port = process.env.FAKE_UNIPILE_PORT ?? "8790";
  start("fake-unipile", process.execPath, ["test/fakes/serve-unipile.ts", port]);
  Object.assign(env, {
    UNIPILE_BASE_URL: `http://127.0.0.1:${port}/api/v1`,
    UNIPILE_API_KEY: "test-unipile-key",
    UNIPILE_MIN_INTERVAL_SECONDS: "0.05",
  });
  log(`No UNIPILE_API_KEY: enrichment uses offline demo data from http://127.0.0.1:${port}`);
}
start("python", process.execPath, ["scripts/python.mjs", "serve"]);
start("api", bin("wrangler"), ["dev", "--ip", "127.0.0.1", "--port", "8787", "--enable-containers=false"]);
if (existsSync(path.join(root, "app", "react-router.config.ts"))) {
  start("app", "npm", ["run", "dev", "-w", "app"]);
}

// Wait for the API, then touch it so development users and demo data are seeded.
const deadline = Date.now() + 120_000;
for (;;) {
  try {
    const res = await fetch(`${API}/api/health`);
    if (res.ok) {
      const seed = await fetch(`${API}/api/dev/seed`, { method: "POST" });
      log(`API ready on ${API} (seed: ${seed.status})`);
      log("Dashboard: http://127.0.0.1:5173 — sign in as admin@lifetrek.local / lifetrek-dev-password");
      break;
    }
  } catch {
    // not up yet
  }
  if (Date.now() > deadline) {
    log("API did not start within 120 s");
    stop(1);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
