import { defineConfig } from "vitest/config";
import base from "../vitest.config";

// The Worker test setup (bindings, migrations, Python service, fake Unipile) for the governor
// benchmark alone: test/bench/*.workerd.ts is not part of `npm test`.
export default defineConfig(async (env) => {
  const config = await (typeof base === "function" ? base(env) : base);
  return { ...config, test: { ...config.test, include: ["test/bench/*.workerd.ts"] } };
});
