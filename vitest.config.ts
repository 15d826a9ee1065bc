import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const unitTests = ["modules/**/*.unit.test.ts", "workers/**/*.unit.test.ts", "app/app/**/*.unit.test.ts"];

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "drizzle/migrations"));
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        main: "./workers/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ENVIRONMENT: "test",
            TEST_MIGRATIONS: migrations,
            // Started by test/global-setup.ts on free ports (integration tests only: unit tests
            // call nothing across the network, so they get empty strings).
            PYTHON_SERVICE_URL: inject("pythonServiceUrl") ?? "",
            FAKE_UNIPILE_URL: inject("fakeUnipileUrl") ?? "",
            FAKE_HOOKS_URL: inject("fakeHooksUrl") ?? "",
            EMAIL_API_URL: `${inject("fakeHooksUrl") ?? ""}/email`,
          },
        },
      })),
    ],
    test: {
      // Two workerd workers on two cores: most tests wait on queues, retries and timers, so a
      // second file running meanwhile roughly halves the suite (vitest's default is cores − 1).
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 30_000,
      projects: [
        {
          // Unit tests touch no binding and keep no state between files, so they share one
          // workerd per worker: isolated, each of the 28 files started its own runtime and loaded
          // the whole Worker again (285 s for 0.6 s of tests; 43 s shared).
          extends: true,
          test: { name: "unit", include: unitTests, isolate: false },
        },
        {
          // Integration tests get a fresh runtime, D1 and queues per file: a file's jobs still in
          // flight must not run into the next file's counts.
          extends: true,
          test: {
            name: "integration",
            include: ["modules/**/*.test.ts", "workers/**/*.test.ts"],
            exclude: unitTests,
            setupFiles: ["./test/apply-migrations.ts"],
            globalSetup: ["./test/global-setup.ts"],
          },
        },
      ],
    },
  };
});
