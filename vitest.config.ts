import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

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
            // Started by test/global-setup.ts on free ports.
            PYTHON_SERVICE_URL: inject("pythonServiceUrl"),
            FAKE_UNIPILE_URL: inject("fakeUnipileUrl"),
            FAKE_HOOKS_URL: inject("fakeHooksUrl"),
            EMAIL_API_URL: `${inject("fakeHooksUrl")}/email`,
          },
        },
      })),
    ],
    test: {
      include: ["modules/**/*.test.ts", "workers/**/*.test.ts", "app/app/**/*.unit.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      globalSetup: ["./test/global-setup.ts"],
      // Two workerd workers on two cores: most tests wait on queues, retries and timers, so a
      // second file running meanwhile roughly halves the suite (vitest's default is cores − 1).
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});
