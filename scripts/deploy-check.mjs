#!/usr/bin/env node
// `npm run deploy:check`: everything a deploy would trip over, offline, without an account.
//  1. the secrets list in modules/core/config.ts equals each env's `secrets.required`;
//  2. `wrangler types --check` (worker-configuration.d.ts matches wrangler.toml);
//  3. both Workers built and `wrangler deploy --dry-run` for staging and production;
//  4. the D1 migrations applied to an empty local database, then the admin bootstrap run on it.
// Without Docker (these machines) the Container image is not built: `--containers-rollout=none`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unstable_readConfig } from "wrangler";

const root = resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "lifetrek-deploy-check-"));
const ENVS = ["staging", "production"];
let failed = false;

function run(title, cmd, args, { cwd = root, env = {}, expectFail = false } = {}) {
  process.stdout.write(`• ${title} … `);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  const ok = expectFail ? r.status !== 0 : r.status === 0;
  console.log(`${ok ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) {
    failed = true;
    console.log(`${r.stdout}\n${r.stderr}`.trim().split("\n").slice(-40).join("\n"));
  }
  return r;
}

try {
  // 1. One list of secrets.
  const { SECRETS } = await import(join(root, "modules/core/config.ts"));
  for (const env of ENVS) {
    const config = unstable_readConfig({ config: join(root, "wrangler.toml"), env }, { hideWarnings: true });
    const declared = [...(config.secrets?.required ?? [])].sort();
    const wanted = [...SECRETS.required].sort();
    const same = JSON.stringify(declared) === JSON.stringify(wanted);
    console.log(`• ${env}: secrets.required matches modules/core/config.ts … ${same ? "ok" : "FAILED"}`);
    if (!same) {
      failed = true;
      console.log(`  wrangler.toml: ${declared.join(", ")}\n  config.ts:     ${wanted.join(", ")}`);
    }
    const vars = Object.keys(config.vars ?? {});
    const leaked = vars.filter((v) => [...SECRETS.required, ...SECRETS.optional].includes(v));
    if (leaked.length) {
      failed = true;
      console.log(`  ${env}: secrets written as plain vars: ${leaked.join(", ")}`);
    }
  }

  // 2. Generated types in step with wrangler.toml.
  run("wrangler types drift", "npx", [
    "wrangler",
    "types",
    "--env-interface",
    "Env",
    "worker-configuration.d.ts",
    "--check",
  ]);

  // 3. Both Workers, both environments.
  const docker = spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;
  const rollout = docker ? [] : ["--containers-rollout=none"];
  if (!docker)
    console.log("  (no Docker here: the Python Container image is not built; CI with Docker builds it)");
  for (const env of ENVS) {
    run(`API dry-run (${env})`, "npx", [
      "wrangler",
      "deploy",
      "--dry-run",
      "--env",
      env,
      ...rollout,
      "--outdir",
      join(tmp, `api-${env}`),
    ]);
    run(`dashboard build (${env})`, "npm", ["run", "build", "-w", "app"], { env: { CLOUDFLARE_ENV: env } });
    const app = run(
      `dashboard dry-run (${env})`,
      "npx",
      ["wrangler", "deploy", "--dry-run", "--outdir", join(tmp, `app-${env}`)],
      {
        cwd: join(root, "app"),
      },
    );
    const binding = `lifetrek-api-${env}`;
    if (app.status === 0 && !app.stdout.includes(binding)) {
      failed = true;
      console.log(`  the ${env} dashboard is not bound to ${binding}:\n${app.stdout}`);
    }
  }

  // 4. Migrations on an empty database, and the documented first-admin command on it.
  const persist = join(tmp, "d1");
  run("migrations on an empty D1", "npx", [
    "wrangler",
    "d1",
    "migrations",
    "apply",
    "DB",
    "--local",
    "--persist-to",
    persist,
  ]);
  const boot = ["scripts/admin-bootstrap.mjs", "--local", "--persist-to", persist];
  run("admin bootstrap (first admin)", process.execPath, [...boot, "--email", "first@lifetrek.example"]);
  run(
    "admin bootstrap refuses a second admin",
    process.execPath,
    [...boot, "--email", "second@lifetrek.example"],
    {
      expectFail: true,
    },
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? "\ndeploy:check FAILED" : "\ndeploy:check passed");
process.exit(failed ? 1 : 0);
