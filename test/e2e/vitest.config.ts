import { defineConfig } from "vitest/config";

// Browser tests against the running dev stack (started by scripts/e2e.mjs). Plain Node, not the
// workers pool; files run one after another because they share one backend.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    fileParallelism: false,
    // A file may sweep screens in two pages at once (describe.concurrent): one page leaves a core
    // idle while it waits on the backend, and two keep both busy; more only queue for the CPU.
    maxConcurrency: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
