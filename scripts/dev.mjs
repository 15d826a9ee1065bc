#!/usr/bin/env node
// `npm run dev`: the whole system locally with seeded demo data, until Ctrl-C.
import path from "node:path";
import { createStack, root } from "./stack.mjs";

const log = (msg) => console.log(`\x1b[36m[dev]\x1b[0m ${msg}`);
const stack = createStack({
  ports: { api: "8787", app: "5173", python: "8000", unipile: process.env.FAKE_UNIPILE_PORT ?? "8790" },
  // Inside the project, so another checkout's `wrangler dev` is not picked up by the binding.
  registry: path.join(root, ".dev-registry"),
  log,
  onExit: (code) => process.exit(code),
});
process.on("SIGINT", () => stack.stop(0));
process.on("SIGTERM", () => stack.stop(0));

try {
  await stack.run();
  log(`API ready on ${stack.api}`);
  log(`Dashboard: ${stack.app} — sign in as admin@lifetrek.local / lifetrek-dev-password`);
} catch (err) {
  log(String(err));
  stack.stop(1);
}
