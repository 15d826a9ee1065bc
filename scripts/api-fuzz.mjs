#!/usr/bin/env node
// Schemathesis over the served OpenAPI document with a signed-in session (#12): no answer may be a
// server error, and every status the API answers must be documented for its operation.
// `node scripts/api-fuzz.mjs [API origin]` runs it against a running stack (default
// http://127.0.0.1:8787); `scripts/e2e.mjs` runs it on the browser tests' stack after them.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Left out: Better Auth's own sign-in/sign-out (signing out would end the very session the
// fuzzer runs with, and every later call would test nothing but the 401), and the realtime
// socket (a WebSocket upgrade, not a request/response operation).
const EXCLUDE_PATH_REGEX = "^/api/(auth/|realtime$)";

async function signIn(api, email, password) {
  const res = await fetch(`${api}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: api },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/**
 * Runs schemathesis once per dev user given (each a real role), bounded in time.
 * @returns {Promise<number>} 0 when every run passed
 */
export async function fuzz({
  api,
  users = ["marketing@lifetrek.local", "admin@lifetrek.local"],
  password = "lifetrek-dev-password",
  maxSeconds = Number(process.env.API_FUZZ_SECONDS ?? 30),
  log = console.log,
}) {
  const reports = mkdtempSync(path.join(tmpdir(), "lifetrek-fuzz-"));
  try {
    for (const email of users) {
      const cookie = await signIn(api, email, password);
      log(`schemathesis as ${email} (at most ${maxSeconds} s)`);
      // Asynchronous, so the stack's local cron keeps firing meanwhile.
      const child = spawn(
        process.execPath,
        [
          path.join(root, "scripts", "python.mjs"),
          "schemathesis",
          "run",
          `${api}/api/openapi.json`,
          "--url",
          api,
          "--checks",
          "not_a_server_error,status_code_conformance",
          "--phases",
          "examples,coverage,fuzzing",
          "--max-examples",
          "8",
          "--max-time",
          String(maxSeconds),
          "--seed",
          "20261202",
          "--exclude-path-regex",
          EXCLUDE_PATH_REGEX,
          "--header",
          `Cookie: ${cookie}`,
          "--header",
          `Origin: ${api}`,
          // No example database left behind in the working tree.
          "--generation-database",
          "none",
          "--report-dir",
          reports,
          "--no-color",
        ],
        { cwd: root, stdio: "inherit" },
      );
      const status = await new Promise((resolve) => {
        child.on("error", () => resolve(1));
        child.on("exit", (code) => resolve(code ?? 1));
      });
      if (status !== 0) return status;
    }
    return 0;
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(await fuzz({ api: process.argv[2] ?? "http://127.0.0.1:8787" }));
}
