// The local API runtime for `npm run dev`, the browser tests, the crash drills and the benches:
// the Worker in Miniflare (the runtime `wrangler dev` uses), configured from wrangler.toml by
// wrangler itself, without `wrangler dev`'s proxy Worker in front (decision 0031).
//
//   node scripts/api-dev.mjs --port 8787 [--ip 127.0.0.1] [--persist-to DIR] [--inspector-port N]
//                            [--trigger-port N] [--var KEY:VALUE ...]
//
// Production has no proxy in front of a Worker; locally that proxy (a second workerd with its own
// request log sent back to Node) cost more CPU per request than our whole health route. It exists
// to hold requests while `wrangler dev` reloads; here a reload is rare (a source save): the old
// build answers while the new one bundles, and a request may be refused for the moment Miniflare
// restarts its runtime.
//
// The API port is a direct socket into our Worker (decision 0032): Miniflare's own entry Worker,
// a second Worker every request passed through before ours, listens on --trigger-port (random when
// not given) for what only it serves, the local cron's /cdn-cgi/local/scheduled.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, watch } from "node:fs";
import { createRequire, SourceMap } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { root } from "./stack.mjs";

const require = createRequire(import.meta.url);
// The Miniflare wrangler itself depends on: the one whose workerd accepts our compatibility date.
const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = createRequire(
  require.resolve("wrangler/package.json"),
)("miniflare");
const { unstable_getMiniflareWorkerOptions, unstable_readConfig } = require("wrangler");

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    ip: { type: "string", default: "127.0.0.1" },
    "persist-to": { type: "string" },
    "inspector-port": { type: "string" },
    "trigger-port": { type: "string", default: "0" },
    var: { type: "string", multiple: true, default: [] },
  },
});

const configPath = path.join(root, "wrangler.toml");
// One folder per port: the crash drills and the benches may run a second stack from this checkout.
const outdir = path.join(root, ".wrangler", "tmp", `api-${values.port}`);

/** The bundle's source map, read on the first stack trace after a build (it is 9 MB). */
let sourceMap;

/** Bundles the Worker exactly as a deploy would (wrangler's own esbuild setup), without deploying. */
function bundle() {
  // Fresh each time: hashed module names (WebAssembly, fonts) from an older build must not linger.
  rmSync(outdir, { recursive: true, force: true });
  const r = spawnSync(
    path.join(root, "node_modules", ".bin", "wrangler"),
    [
      "deploy",
      "--dry-run",
      "--env",
      "",
      "--outdir",
      outdir,
      "--containers-rollout=none",
      // index.js.map: stack traces in the log point at the TypeScript (`sourceMapped`).
      "--upload-source-maps",
    ],
    { cwd: root, env: { ...process.env, CI: "1" }, encoding: "utf8" },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    return false;
  }
  sourceMap = undefined;
  return true;
}

const bundleUrl = pathToFileURL(path.join(outdir, "index.js")).href;
const escaped = bundleUrl.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`, "g");

/** A log line with each bundle position in it replaced by its source file, line and column. */
function sourceMapped(message) {
  if (!message.includes(bundleUrl)) return message;
  try {
    sourceMap ??= new SourceMap(JSON.parse(readFileSync(path.join(outdir, "index.js.map"), "utf8")));
  } catch {
    return message;
  }
  return message.replace(frame, (whole, line, column) => {
    const e = sourceMap.findEntry(Number(line) - 1, Number(column) - 1);
    if (!e?.originalSource) return whole;
    const file = path.relative(root, path.resolve(outdir, e.originalSource));
    return `${file}:${e.originalLine + 1}:${e.originalColumn + 1}`;
  });
}

/**
 * The bundle's modules: the entry point, then what it imports (WebAssembly, fonts as data), each
 * typed by the first of wrangler's module rules (`rules` plus its defaults) that matches it.
 */
function modules(rules) {
  const typeOf = (f) => rules.find((r) => r.include.some((g) => path.matchesGlob(f, g)))?.type;
  const others = readdirSync(outdir).flatMap((f) => {
    const type = f === "index.js" ? undefined : typeOf(f);
    return type ? [{ type, path: path.join(outdir, f) }] : [];
  });
  return [{ type: "ESModule", path: path.join(outdir, "index.js") }, ...others];
}

function options() {
  const config = unstable_readConfig({ config: configPath });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config, undefined, {
    overrides: { enableContainers: false },
  });
  const vars = Object.fromEntries(
    values.var.map((kv) => {
      const i = kv.indexOf(":");
      return [kv.slice(0, i), kv.slice(i + 1)];
    }),
  );
  return convertV4MiniflareOptions({
    host: values.ip,
    port: Number(values["trigger-port"]),
    inspectorPort: values["inspector-port"] ? Number(values["inspector-port"]) : undefined,
    // Where `wrangler d1 migrations apply --local` wrote the database, and `wrangler dev` keeps
    // state: the same folder, so either tool sees the other's data.
    resourcePersistencePath: path.join(values["persist-to"] ?? path.join(root, ".wrangler", "state"), "v3"),
    // The dashboard's service binding finds the API through the same registry `wrangler dev` uses.
    unsafeDevRegistryPath: process.env.WRANGLER_REGISTRY_PATH,
    // /cdn-cgi/local/scheduled: the local cron (scripts/stack.mjs) fires the scheduled handler.
    unsafeTriggerHandlers: true,
    log: new Log(LogLevel.INFO),
    // Our own log line records every request (request id, status, time); Miniflare's would repeat it.
    logRequests: false,
    // No request.cf lookup over the network: the placeholder is enough offline.
    cf: false,
    handleStructuredLogs: ({ level, message }) =>
      level === "error" || level === "warn" ? console.error(sourceMapped(message)) : console.log(message),
    workers: [
      {
        ...workerOptions,
        name: config.name,
        modulesRules: undefined,
        modulesRoot: outdir,
        modules: modules(workerOptions.modulesRules),
        bindings: { ...workerOptions.bindings, ...vars },
        // Production has nothing between the client and the Worker; locally Miniflare's entry
        // Worker (request.cf, pretty error pages, encoding negotiation, triggers) cost each request
        // a second Worker's dispatch. A 300-request burst answered about a fifth sooner without it.
        unsafeDirectSockets: [{ host: values.ip, port: Number(values.port) }],
      },
    ],
  });
}

if (!bundle()) process.exit(1);
const mf = new Miniflare(options());
const triggers = await mf.ready;
console.log(`API ready on http://${values.ip}:${values.port} (triggers on ${triggers.origin})`);

// Rebuild and reload on a source change, as `wrangler dev` does (state on disk survives).
let timer = null;
let reloading = Promise.resolve();
const onChange = (_event, file) => {
  if (!file || /(^|\/)(node_modules|\.wrangler)(\/|$)/.test(file) || file.endsWith("~")) return;
  clearTimeout(timer);
  timer = setTimeout(() => {
    reloading = reloading.then(async () => {
      console.log(`${file} changed: rebuilding the API`);
      try {
        if (!bundle()) return;
        await mf.setOptions(options());
        console.log("API reloaded");
      } catch (err) {
        // A broken edit must not end the dev session: the next save tries again.
        console.error(`API reload failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }, 200);
};
for (const dir of ["workers", "modules", "drizzle"]) {
  watch(path.join(root, dir), { recursive: true }, onChange);
}
watch(configPath, onChange);

const stop = async () => {
  await mf.dispose();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
