#!/usr/bin/env node
// Runs the Python service's tooling through uv, installing uv if needed.
// Usage: node scripts/python.mjs <setup|test|check|serve|bench> [extra args…]
// No dependencies: only node: built-ins. Exits with the child's exit code.
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), "..", "python-service");
const python = process.env.PYTHON ?? "python3";

// An activated outer virtualenv would make uv warn and look in the wrong place.
const childEnv = { ...process.env };
delete childEnv.VIRTUAL_ENV;

/** True when `cmd args` runs and exits 0 (output hidden). */
function works(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: "ignore", env: childEnv });
  return result.status === 0;
}

/** The argv prefix that runs uv: `uv`, else `python3 -m uv`, else install it for the user. */
function resolveUv() {
  if (works("uv", ["--version"])) return ["uv"];
  const viaPython = [python, "-m", "uv"];
  if (works(viaPython[0], [...viaPython.slice(1), "--version"])) return viaPython;
  console.error("uv not found; installing it with pip --user …");
  const pip = [python, "-m", "pip", "install", "--user", "--quiet", "uv"];
  if (!works(pip[0], pip.slice(1)) && !works(pip[0], [...pip.slice(1), "--break-system-packages"])) {
    console.error("Could not install uv. Install it manually: https://docs.astral.sh/uv/");
    process.exit(1);
  }
  if (!works(viaPython[0], [...viaPython.slice(1), "--version"])) {
    console.error("uv was installed but `python3 -m uv` still fails.");
    process.exit(1);
  }
  return viaPython;
}

function exitCodeOf(result) {
  if (result.error) {
    console.error(result.error.message);
    return 1;
  }
  if (result.signal) return 128 + (signalNumbers[result.signal] ?? 1);
  return result.status ?? 1;
}

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Run uv synchronously in the service folder; return its exit code. */
function uv(uvCmd, args) {
  const result = spawnSync(uvCmd[0], [...uvCmd.slice(1), ...args], {
    cwd: serviceDir,
    stdio: "inherit",
    env: childEnv,
  });
  return exitCodeOf(result);
}

function setup() {
  const uvCmd = resolveUv();
  const code = uv(uvCmd, ["sync", "--frozen", "--quiet"]);
  if (code !== 0) process.exit(code);
  return uvCmd;
}

/** Run a long-lived child like `exec`: forward SIGINT/SIGTERM, exit with its status. */
function execLike(uvCmd, args) {
  const child = spawn(uvCmd[0], [...uvCmd.slice(1), ...args], {
    cwd: serviceDir,
    stdio: "inherit",
    env: childEnv,
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("error", (error) => {
    console.error(error.message);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    process.exit(signal ? 128 + (signalNumbers[signal] ?? 1) : (code ?? 1));
  });
}

const SCHEMATHESIS = "4.32.5";
const [command, ...rest] = process.argv.slice(2);

switch (command) {
  case "setup":
    setup();
    break;
  case "test": {
    const uvCmd = setup();
    process.exit(uv(uvCmd, ["run", "--frozen", "pytest", "-q", ...rest]));
    break;
  }
  case "check": {
    const uvCmd = setup();
    const lint = uv(uvCmd, ["run", "--frozen", "ruff", "check", "."]);
    const format = uv(uvCmd, ["run", "--frozen", "ruff", "format", "--check", "."]);
    process.exit(lint || format);
    break;
  }
  case "serve": {
    const uvCmd = setup();
    const port = process.env.PYTHON_PORT || "8000";
    execLike(uvCmd, [
      "run",
      "--frozen",
      "uvicorn",
      "app.main:app",
      "--host",
      "127.0.0.1",
      "--port",
      port,
      ...rest,
    ]);
    break;
  }
  case "bench": {
    const uvCmd = setup();
    process.exit(uv(uvCmd, ["run", "--frozen", "python", "-m", "app.bench", ...rest]));
    break;
  }
  case "schemathesis": {
    // The API fuzzer, pinned, in uv's own tool environment (not a dependency of the service).
    const uvCmd = resolveUv();
    process.exit(uv(uvCmd, ["tool", "run", "--from", `schemathesis==${SCHEMATHESIS}`, "st", ...rest]));
    break;
  }
  default:
    console.error("Usage: node scripts/python.mjs <setup|test|check|serve|bench|schemathesis> [args…]");
    process.exit(command ? 2 : 1);
}
