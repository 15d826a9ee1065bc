#!/usr/bin/env node
// Creates the FIRST admin of an environment, once. Sign-up is closed, so this is the only way in;
// every later user is invited by an admin from Settings → Users.
//
//   npm run admin:bootstrap -- --email ana@lifetrek.com.br --name "Ana" --env production
//
// Options: --env development|staging|production (default development), --local (default for
// development) or --remote (default otherwise), --persist-to <dir> (with --local).
// Refuses when the database already has an admin. Prints a one-time password: sign in, then set
// your own with "Esqueci minha senha" (password reset by email).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "better-auth/crypto";
import { ulid } from "ulid";

const { values: opts } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string", default: "Admin" },
    env: { type: "string", default: "development" },
    local: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});
const email = opts.email?.trim().toLowerCase();
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
  console.error(
    "Usage: npm run admin:bootstrap -- --email <address> [--name <name>] --env <staging|production>",
  );
  process.exit(2);
}
if (!["development", "staging", "production"].includes(opts.env)) {
  console.error(`--env must be development, staging or production, not ${opts.env}`);
  process.exit(2);
}
const where = opts.local || (!opts.remote && opts.env === "development") ? "--local" : "--remote";

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const password = randomBytes(18).toString("base64url");
const userId = ulid();
const now = Date.now();
// Both inserts are guarded: with an admin already present, nothing is written.
const noAdmin = "NOT EXISTS (SELECT 1 FROM user WHERE role = 'admin')";
const sql = `
INSERT INTO user (id, name, email, email_verified, role, locale, banned, created_at, updated_at)
  SELECT ${q(userId)}, ${q(opts.name)}, ${q(email)}, 1, 'admin', 'pt-BR', 0, ${now}, ${now} WHERE ${noAdmin};
INSERT INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at)
  SELECT ${q(ulid())}, ${q(userId)}, 'credential', ${q(userId)}, ${q(await hashPassword(password))}, ${now}, ${now}
  WHERE EXISTS (SELECT 1 FROM user WHERE id = ${q(userId)});
`;

function d1(args) {
  const envArgs = opts.env === "development" ? [] : ["--env", opts.env];
  const persist = opts["persist-to"] ? ["--persist-to", opts["persist-to"]] : [];
  const r = spawnSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", ...envArgs, where, ...persist, "--json", ...args],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) {
    console.error(r.stderr || r.stdout);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

const dir = mkdtempSync(join(tmpdir(), "lifetrek-bootstrap-"));
try {
  const file = join(dir, "bootstrap.sql");
  writeFileSync(file, sql);
  d1(["--file", file]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const [check] = d1(["--command", `SELECT email FROM user WHERE id = ${q(userId)}`]);
if (!check?.results?.length) {
  console.error(`Refused: ${opts.env} already has an admin. Ask them to invite you (Settings → Users).`);
  process.exit(1);
}
console.log(`Admin ${email} created in ${opts.env} (${where.slice(2)}).`);
console.log(`One-time password (shown once, not stored anywhere): ${password}`);
console.log("Sign in, then set your own password with the reset link.");
