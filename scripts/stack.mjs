// The local stack shared by `npm run dev` and the browser tests: migrated D1, the offline Unipile
// fake (when no key is set), the Python service, the API Worker and the dashboard, each in its own
// process group so stopping kills every descendant.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** A port free on 127.0.0.1 right now (the kernel picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {object} o
 * @param {{api: string, app: string, python: string, unipile: string}} o.ports
 * @param {string} o.registry  wrangler dev registry folder (the app's service binding looks there)
 * @param {string} [o.persist] local state folder (default: wrangler's .wrangler/state)
 * @param {boolean} [o.quiet]  hide the servers' stdout
 * @param {boolean} [o.dashboard] start the dashboard too (default true; drills need only the API)
 * @param {boolean} [o.built] serve the dashboard from a production build (`vite build` then
 *   `vite preview`, still in workerd) instead of Vite's dev server: the browser tests use it
 *   because a dev-server page load fetches hundreds of unbundled modules
 * @param {(msg: string) => void} o.log
 * @param {(code: number) => void} o.onExit called once everything has stopped
 * @param {number} [o.cronMs] how often to fire the Worker's scheduled handler (default 60 s, as
 *   the production cron; LIFETREK_CRON_INTERVAL_MS overrides)
 * @param {(status: number) => void} [o.onCron] told after each scheduled run (tests)
 * @param {string} [o.cronPauseFile] while this file exists, the local cron does not fire
 * @param {number} [o.outreachClockSpeed] run the outreach governor on a time-lapse this many times
 *   faster than real time, through active hours only (LIFETREK_OUTREACH_CLOCK_SPEED overrides;
 *   unset: the wall clock, as in production)
 */
export function createStack(o) {
  const api = `http://127.0.0.1:${o.ports.api}`;
  const app = `http://127.0.0.1:${o.ports.app}`;
  const env = {
    ...process.env,
    // Children (wrangler, vite) must run on the pinned Node 22 even when started outside npm.
    PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
    WRANGLER_REGISTRY_PATH: o.registry,
    MINIFLARE_REGISTRY_PATH: o.registry,
    WRANGLER_SEND_METRICS: "false",
    APP_PORT: o.ports.app,
    PYTHON_PORT: o.ports.python,
  };
  const children = [];
  let stopping = false;
  let cron = null;
  let triggers = "";

  function start(name, cmd, args) {
    const child = spawn(cmd, args, {
      cwd: root,
      env,
      detached: true,
      stdio: ["ignore", o.quiet ? "ignore" : "inherit", "inherit"],
    });
    child.on("exit", (code, signal) => {
      if (!stopping) {
        o.log(`${name} exited (${signal ?? code}); stopping everything`);
        stop(1);
      }
    });
    children.push(child);
  }

  function stop(code) {
    if (stopping) return;
    stopping = true;
    if (cron) clearInterval(cron);
    const kill = (sig) => {
      for (const c of children) {
        try {
          process.kill(-c.pid, sig);
        } catch {
          // already gone
        }
      }
    };
    kill("SIGTERM");
    setTimeout(() => {
      kill("SIGKILL");
      o.onExit(code);
    }, 1500);
  }

  async function up(url) {
    try {
      return (await fetch(url, { redirect: "manual" })).status < 500;
    } catch {
      return false;
    }
  }

  /** Migrates, starts everything, waits for API and dashboard, seeds development data. */
  async function run() {
    const persistArgs = o.persist ? ["--persist-to", o.persist] : [];
    const migrate = spawnSync(
      bin("wrangler"),
      ["d1", "migrations", "apply", "DB", "--local", ...persistArgs],
      {
        cwd: root,
        env: { ...env, CI: "1" },
        stdio: ["ignore", o.quiet ? "ignore" : "inherit", "inherit"],
      },
    );
    if (migrate.status !== 0) throw new Error("D1 migrations failed");

    // Without a Unipile key, enrichment uses the offline fake with invented people (demo data).
    if (!process.env.UNIPILE_API_KEY) {
      start("fake-unipile", process.execPath, ["test/fakes/serve-unipile.ts", o.ports.unipile]);
      Object.assign(env, {
        UNIPILE_BASE_URL: `http://127.0.0.1:${o.ports.unipile}/api/v1`,
        UNIPILE_API_KEY: "test-unipile-key",
        UNIPILE_MIN_INTERVAL_SECONDS: "0.05",
      });
      o.log(`No UNIPILE_API_KEY: enrichment uses offline demo data (http://127.0.0.1:${o.ports.unipile})`);
    }
    start("python", process.execPath, ["scripts/python.mjs", "serve"]);
    const vars = {
      PUBLIC_ORIGIN: api,
      TRUSTED_ORIGINS: `${app},http://localhost:${o.ports.app},${api}`,
      PUBLIC_APP_URL: app,
      PYTHON_SERVICE_URL: `http://127.0.0.1:${o.ports.python}`,
    };
    const lapse = Number(process.env.LIFETREK_OUTREACH_CLOCK_SPEED ?? o.outreachClockSpeed ?? 0);
    // The time-lapse starts now: the governor sees 30 ± 15 min gaps pass in seconds, at any hour.
    if (lapse >= 1) vars.OUTREACH_DEV_CLOCK = `${Date.now()}x${Math.round(lapse)}`;
    const triggerPort = await freePort();
    triggers = `http://127.0.0.1:${triggerPort}`;
    start("api", process.execPath, [
      "scripts/api-dev.mjs",
      "--ip",
      "127.0.0.1",
      "--port",
      o.ports.api,
      // Where Miniflare's entry Worker fires the scheduled handler; the API port itself goes
      // straight to our Worker (decision 0032).
      "--trigger-port",
      String(triggerPort),
      // A fixed inspector port for profiling (`bench/profile-cpu.mjs`).
      ...(process.env.LIFETREK_INSPECTOR_PORT
        ? ["--inspector-port", process.env.LIFETREK_INSPECTOR_PORT]
        : []),
      ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ...persistArgs,
    ]);
    if (o.dashboard !== false && o.built) {
      // Built first (the API starts meanwhile), then served like the deployed Worker is.
      const build = spawnSync("npm", ["run", "build", "-w", "app"], {
        cwd: root,
        env,
        stdio: ["ignore", o.quiet ? "ignore" : "inherit", "inherit"],
      });
      if (build.status !== 0) throw new Error("the dashboard build failed");
      start("app", "npm", ["run", "preview", "-w", "app"]);
    } else if (o.dashboard !== false) start("app", "npm", ["run", "dev", "-w", "app"]);

    const deadline = Date.now() + 120_000;
    while (!(await up(`${api}/api/health`)) || (o.dashboard !== false && !(await up(`${app}/sign-in`)))) {
      if (stopping) throw new Error("a process stopped during start-up");
      if (Date.now() > deadline) throw new Error("the stack did not start within 120 s");
      await new Promise((r) => setTimeout(r, 500));
    }
    const seed = await fetch(`${api}/api/dev/seed`, { method: "POST" });
    if (!seed.ok) o.log(`seeding answered ${seed.status}`);
    // The local queue is in memory: whatever it held died with the last run (production's is
    // durable), and so did that run's workers. Take their jobs over now instead of waiting for
    // the sweeper's redispatch delay and the dead leases.
    const requeue = await fetch(`${api}/api/dev/requeue`, { method: "POST" });
    if (!requeue.ok) o.log(`taking over a killed run's jobs answered ${requeue.status}`);
    startCron();
  }

  /**
   * The local runtime never fires cron triggers by itself, so locally the sweeper (lost
   * dispatches, expired leases) would never run. Fire the scheduled handler as production does:
   * once a minute, and once right away so a restart on old state recovers without waiting.
   */
  function startCron() {
    const everyMs = Number(process.env.LIFETREK_CRON_INTERVAL_MS ?? o.cronMs ?? 60_000);
    const fire = async () => {
      // A browser test that plants states the sweeper would repair (a stalled job) holds the
      // cron by creating this file, as an operator would pause a schedule.
      if (o.cronPauseFile && existsSync(o.cronPauseFile)) return;
      try {
        const res = await fetch(
          `${triggers}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("* * * * *")}`,
        );
        await res.text();
        if (!res.ok) o.log(`scheduled handler answered ${res.status}`);
        o.onCron?.(res.status);
      } catch (err) {
        if (!stopping) o.log(`scheduled handler unreachable: ${String(err)}`);
      }
    };
    void fire();
    cron = setInterval(fire, everyMs);
  }

  return { api, app, env, run, stop, up, isStopping: () => stopping };
}
