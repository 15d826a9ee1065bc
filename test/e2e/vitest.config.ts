import { defineConfig } from "vitest/config";

// Browser tests against the running dev stack (started by scripts/e2e.mjs). Plain Node, not the
// workers pool; files run one after another because they share one backend.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
