#!/usr/bin/env node
/**
 * Module boundaries, checked on every `npm run check` (docs/architecture.md, "Dependency rules"):
 *
 *   app-contracts    `app/` reaches outside itself only into `modules/contracts/`.
 *   feature-feature  a feature module never imports another feature; a platform module never
 *                    imports a feature; every folder under `modules/` is classified below.
 *   modules-workers  `modules/` never imports `workers/` (the composition root wires modules,
 *                    not the reverse). Integration tests beside a module may drive the composed
 *                    Worker: that is what they test.
 *   contracts-leaf   `modules/contracts/` imports no other module, so the dashboard pulls in
 *                    nothing but zod schemas.
 *   app-values       `app/` imports only types from contracts, except from the import-free
 *                    `*-values.ts` files: zod and the schemas stay out of the browser bundle.
 *   auth-tables      only `modules/identity/` (and the schema that defines them) touches Better
 *                    Auth's tables; everyone else asks `UserDirectory`.
 *
 * Imports are read with the TypeScript parser (static, `export … from`, dynamic `import()`,
 * `import("…")` types), so comments and strings cannot fool it. Every run first proves on fixture
 * strings that each rule fires (`--self-test` runs only that), then checks the tree.
 *
 * @example node scripts/boundaries.mjs            # self-test, then the tree; exit 1 on a violation
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const FEATURES = new Set(["content", "leads", "outreach", "guardrails", "notifications"]);
const PLATFORM = new Set(["core", "jobs", "identity", "contracts", "ai"]);
const AUTH_TABLES = new Set(["user", "session", "account", "verification"]);

/**
 * Violations we live with for now, each with its reason. An entry that no longer matches a
 * violation fails the check, so the list can only shrink.
 */
const ALLOWED = [];

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const isTest = (file) => /\.test\.tsx?$/.test(file) || file.startsWith("test/");
const moduleOf = (file) => (file.startsWith("modules/") ? file.split("/")[1] : undefined);

/** The repo-relative target of a relative specifier; undefined for packages. */
function resolve(from, spec) {
  if (!spec.startsWith(".")) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

const isSchema = (target) =>
  target !== undefined && /^drizzle\/schema(\/(index|identity)(\.ts)?)?$/.test(target);

/** Every import in the file: {spec, line, names (imported names, for named imports)}. */
function importsOf(file, text) {
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const line = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const found = [];
  const namespaces = new Set();
  const authUses = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const spec = ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : "";
      const names = [];
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const bindings = clause?.namedBindings;
      const typeOnly = ts.isImportDeclaration(node)
        ? !!clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              !!bindings &&
              ts.isNamedImports(bindings) &&
              bindings.elements.every((e) => e.isTypeOnly)))
        : node.isTypeOnly ||
          (!!node.exportClause &&
            ts.isNamedExports(node.exportClause) &&
            node.exportClause.elements.every((e) => e.isTypeOnly));
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
      }
      if (bindings && ts.isNamespaceImport(bindings) && isSchema(resolve(file, spec))) {
        namespaces.add(bindings.name.text);
      }
      if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) names.push((el.propertyName ?? el.name).text);
      }
      found.push({ spec, line: line(node), names, typeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ spec: node.arguments[0].text, line: line(node), names: [], typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ spec: node.argument.literal.text, line: line(node), names: [], typeOnly: true });
    } else if (ts.isPropertyAccessExpression(node) && AUTH_TABLES.has(node.name.text)) {
      // `db.query.user…` (drizzle's relational API) or `schema.user` through a namespace import.
      const base = node.expression;
      const viaQuery = ts.isPropertyAccessExpression(base) && base.name.text === "query";
      const viaNamespace = ts.isIdentifier(base) && namespaces.has(base.text);
      if (viaQuery || viaNamespace) authUses.push({ line: line(node), text: node.getText(sf) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports: found, authUses };
}

/**
 * The rule violations in one file (repo-relative, `/`-separated path).
 * @returns {{file: string, line: number, rule: string, message: string}[]}
 */
export function check(file, text) {
  const out = [];
  const add = (line, rule, message) => out.push({ file, line, rule, message });
  const { imports, authUses } = importsOf(file, text);
  const own = moduleOf(file);
  if (own && !FEATURES.has(own) && !PLATFORM.has(own)) {
    add(1, "feature-feature", `modules/${own} is neither a feature nor a platform module: classify it`);
  }
  for (const { spec, line, names, typeOnly } of imports) {
    const target = resolve(file, spec);
    if (target === undefined) continue;
    const other = moduleOf(target);
    if (file.startsWith("app/") && !target.startsWith("app/") && !target.startsWith("modules/contracts/")) {
      add(line, "app-contracts", `app/ may import only modules/contracts, not ${target}`);
    } else if (file.startsWith("app/") && target.startsWith("modules/contracts/") && !typeOnly) {
      if (!/-values(\.ts)?$/.test(target)) {
        add(line, "app-values", `app/ imports only types from ${target} (values: a *-values.ts file)`);
      }
    }
    if (own && other && other !== own) {
      if (own === "contracts") {
        add(line, "contracts-leaf", `modules/contracts imports no other module (${target})`);
      } else if (FEATURES.has(other)) {
        const who = FEATURES.has(own) ? "feature" : "platform module";
        add(line, "feature-feature", `${who} ${own} imports feature ${other} (${target})`);
      }
    }
    if (own && target.startsWith("workers/") && !isTest(file)) {
      add(line, "modules-workers", `modules/ never imports workers/ (${target})`);
    }
    if (isSchema(target) && own !== "identity" && !file.startsWith("drizzle/")) {
      for (const n of names.filter((n) => AUTH_TABLES.has(n))) {
        add(line, "auth-tables", `only modules/identity reads the auth table \`${n}\`: use UserDirectory`);
      }
    }
  }
  if (own !== "identity" && !file.startsWith("drizzle/")) {
    for (const u of authUses) {
      add(u.line, "auth-tables", `only modules/identity reads auth tables (${u.text}): use UserDirectory`);
    }
  }
  return out;
}

/** Fixture strings: each rule must fire on its bad case and stay quiet on its good one. */
const FIXTURES = [
  ["app/app/leads/x.tsx", `import type { Lead } from "../../../modules/leads/schema";`, ["app-contracts"]],
  ["app/app/leads/x.tsx", `import type { Lead } from "../../../modules/contracts/leads";`, []],
  ["app/app/leads/x.tsx", `import { type Lead } from "../../../modules/contracts/leads";`, []],
  ["app/app/leads/x.tsx", `export type { Lead } from "../../../modules/contracts/leads";`, []],
  ["app/app/leads/x.tsx", `import { HEATS } from "../../../modules/contracts/leads-values";`, []],
  ["app/app/leads/x.tsx", `import { Lead } from "../../../modules/contracts/leads";`, ["app-values"]],
  [
    "app/app/leads/x.tsx",
    `import { type Lead, Heat } from "../../../modules/contracts/leads";`,
    ["app-values"],
  ],
  ["app/app/leads/x.tsx", `export { Lead } from "../../../modules/contracts/leads";`, ["app-values"]],
  ["app/app/x.ts", `export { user } from "../../drizzle/schema";`, ["app-contracts", "auth-tables"]],
  ["app/app/x.ts", `const m = await import("../../modules/jobs/schema");`, ["app-contracts"]],
  ["app/app/x.ts", `type J = import("../../modules/jobs/schema").Job;`, ["app-contracts"]],
  ["app/app/x.ts", `import { Link } from "react-router"; import { t } from "./i18n";`, []],
  ["app/app/x.ts", `// import x from "../../modules/jobs/schema"\nconst s = "../../modules/x";`, []],
  ["modules/leads/x.ts", `import { OutreachService } from "../outreach/service";`, ["feature-feature"]],
  ["modules/leads/x.ts", `import type { JobType } from "../jobs/types"; import { a } from "./a";`, []],
  ["modules/jobs/x.ts", `import { leadsImport } from "../leads/jobs";`, ["feature-feature"]],
  ["modules/billing/x.ts", `export const a = 1;`, ["feature-feature"]],
  ["modules/contracts/x.ts", `import { Role } from "../core/actor";`, ["contracts-leaf"]],
  ["modules/contracts/x.ts", `import { z } from "zod"; import { Job } from "./jobs";`, []],
  ["modules/content/x.ts", `import { services } from "../../workers/services";`, ["modules-workers"]],
  ["modules/content/x.int.test.ts", `import { services } from "../../workers/services";`, []],
  ["modules/leads/x.ts", `import { leads, user } from "../../drizzle/schema";`, ["auth-tables"]],
  ["modules/leads/x.ts", `import { user as u } from "../../drizzle/schema/identity";`, ["auth-tables"]],
  ["workers/api/x.ts", `const u = await db.query.user.findFirst();`, ["auth-tables"]],
  ["modules/jobs/x.ts", `import * as s from "../../drizzle/schema";\nconst t = s.session;`, ["auth-tables"]],
  ["modules/leads/x.ts", `import { leads } from "../../drizzle/schema"; const q = db.query.leads;`, []],
  ["modules/identity/x.ts", `import { user } from "../../drizzle/schema"; db.query.user;`, []],
];

function selfTest() {
  const failures = [];
  for (const [file, text, expected] of FIXTURES) {
    const got = [...new Set(check(file, text).map((v) => v.rule))].sort();
    const want = [...expected].sort();
    if (got.join() !== want.join()) failures.push(`${file}: ${text}\n    expected [${want}], got [${got}]`);
  }
  return failures;
}

function checkTree(root) {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => SOURCE.test(f) && !f.endsWith(".d.ts") && !f.startsWith("python-service/"));
  const violations = files.flatMap((f) => check(f, readFileSync(path.join(root, f), "utf8")));
  const allowed = (v) => ALLOWED.some((a) => a.file === v.file && a.rule === v.rule);
  const stale = ALLOWED.filter((a) => !violations.some((v) => v.file === a.file && v.rule === a.rule));
  return { files: files.length, violations: violations.filter((v) => !allowed(v)), stale };
}

const main = () => {
  const failures = selfTest();
  if (failures.length > 0) {
    console.error(`boundaries self-test failed:\n  ${failures.join("\n  ")}`);
    return 1;
  }
  if (process.argv.includes("--self-test")) {
    console.log(`boundaries self-test: ${FIXTURES.length} fixtures ok`);
    return 0;
  }
  const root = path.resolve(import.meta.dirname, "..");
  const { files, violations, stale } = checkTree(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  ${v.rule}  ${v.message}`);
  for (const a of stale) console.error(`${a.file}  ${a.rule}  allow-list entry matches nothing: remove it`);
  if (violations.length > 0 || stale.length > 0) return 1;
  console.log(`boundaries: ${files} files, ${FIXTURES.length} self-test fixtures, ${ALLOWED.length} allowed`);
  return 0;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
