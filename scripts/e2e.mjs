#!/usr/bin/env node
// `npm run test:e2e`: browser tests against the real stack on a fresh, throw-away local state.
// Ports are configurable (E2E_*_PORT) so a test stack can run beside `npm run dev`.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fuzz } from "./api-fuzz.mjs";
import { createStack, root } from "./stack.mjs";

const state = mkdtempSync(path.join(tmpdir(), "lifetrek-e2e-"));
const keep = process.env.LIFETREK_E2E_KEEP_STATE === "1";
const log = (msg) => console.log(`\x1b[35m[e2e]\x1b[0m ${msg}`);
const ports = {
  api: process.env.E2E_API_PORT ?? "8787",
  app: process.env.E2E_APP_PORT ?? "5173",
  python: process.env.E2E_PYTHON_PORT ?? "8000",
  unipile: process.env.E2E_UNIPILE_PORT ?? "8790",
};
const stack = createStack({
  // The dashboard as it is deployed (a production build); E2E_APP_MODE=dev uses Vite's dev server.
  built: process.env.E2E_APP_MODE !== "dev",
  ports,
  registry: path.join(state, "registry"),
  persist: path.join(state, "wrangler"),
  quiet: process.env.LIFETREK_E2E_VERBOSE !== "1",
  // Outreach's browser test watches the governor send on the cron: a tick every 10 s on a clock
  // running 60× (a tick is 10 governor minutes, so the shortest 15 min gap always shows as a wait;
  // 30 ± 15 min gaps pass in 15–45 s). The sweeper's thresholds are durations, so ticking it more
  // often only shortens its latency.
  cronMs: 10_000,
  outreachClockSpeed: 60,
  cronPauseFile: path.join(state, "cron-paused"),
  log,
  onExit: (code) => {
    if (!keep) rmSync(state, { recursive: true, force: true });
    process.exit(code);
  },
});
process.on("SIGINT", () => stack.stop(130));
process.on("SIGTERM", () => stack.stop(143));

for (const url of [`${stack.api}/api/health`, stack.app]) {
  if (await stack.up(url)) {
    console.error(`${url} is already answering: stop it first, or choose other E2E_*_PORT values.`);
    process.exit(1);
  }
}

const started = Date.now();
try {
  await stack.run();
} catch (err) {
  log(String(err));
  stack.stop(1);
  await new Promise(() => {});
}
log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (state: ${state})`);

const tests = spawn(
  path.join(root, "node_modules", ".bin", "vitest"),
  ["run", "--config", "test/e2e/vitest.config.ts", ...process.argv.slice(2)],
  {
    cwd: root,
    env: {
      ...stack.env,
      E2E_BASE_URL: stack.app,
      FAKE_UNIPILE_URL: `http://127.0.0.1:${ports.unipile}`,
      // Where the stack's local D1 lives, for tests that must set up states no API can make
      // (e.g. a job stalled for half an hour).
      E2E_D1_PERSIST: path.join(state, "wrangler"),
      // Created by a test to hold the stack's cron while it looks at states the sweeper repairs.
      E2E_CRON_PAUSE_FILE: path.join(state, "cron-paused"),
    },
    stdio: "inherit",
  },
);
tests.on("exit", async (code, signal) => {
  let status = code ?? (signal ? 1 : 0);
  // The API fuzz (#12) shares the stack: after a green browser run, unless a file was chosen.
  if (status === 0 && process.argv.length <= 2 && process.env.E2E_SKIP_FUZZ !== "1") {
    status = await fuzz({ api: stack.api, log }).catch((err) => {
      log(String(err));
      return 1;
    });
  }
  stack.stop(status);
});
