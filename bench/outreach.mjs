// The outreach governor: one cron tick over 50 accounts and 5,000 approved actions, measured in
// workerd on the real bindings (see test/bench/outreach-tick.workerd.ts).
import { spawnSync } from "node:child_process";
import path from "node:path";

export async function benchOutreach(root) {
  const run = spawnSync(
    path.join(root, "node_modules", ".bin", "vitest"),
    ["run", "--config", "bench/vitest.outreach.config.ts"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
  );
  const line = `${run.stdout}\n${run.stderr}`.split("\n").find((l) => l.includes("OUTREACH_BENCH "));
  if (run.status !== 0 || !line) {
    console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
    throw new Error("the outreach benchmark failed");
  }
  return JSON.parse(line.slice(line.indexOf("OUTREACH_BENCH ") + "OUTREACH_BENCH ".length));
}
