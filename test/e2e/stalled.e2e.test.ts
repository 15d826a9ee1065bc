import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, screenshot, signIn } from "./helpers";

// #17.9: a job stuck in the queue for 25 minutes and one whose worker vanished are flagged as
// stalled in the Job Monitor, with the reason, and handled in bulk. No API can make a job that
// old, so the rows are written into the stack's local D1, with the stack's cron held meanwhile.

let browser: Browser;
let context: BrowserContext;
let page: Page;
const root = path.resolve(import.meta.dirname, "../..");

function sql(command: string) {
  const persist = process.env.E2E_D1_PERSIST;
  if (!persist) throw new Error("E2E_D1_PERSIST is not set (run through scripts/e2e.mjs)");
  execFileSync(
    path.join(root, "node_modules/.bin/wrangler"),
    ["d1", "execute", "DB", "--local", "--persist-to", persist, "--command", command],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      // wrangler needs the pinned Node 22 from node_modules/.bin, as every npm script gets.
      env: {
        ...process.env,
        CI: "1",
        PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH}`,
      },
    },
  );
}

beforeAll(async () => {
  // The stack's cron runs the sweeper (every 10 s in the browser tests), which would recover the
  // planted jobs: it is held while this file looks at them, and the run in flight may finish.
  const pause = process.env.E2E_CRON_PAUSE_FILE;
  if (!pause) throw new Error("E2E_CRON_PAUSE_FILE is not set (run through scripts/e2e.mjs)");
  writeFileSync(pause, "");
  await new Promise((r) => setTimeout(r, 3000));
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "admin", "/admin/jobs");
});
afterAll(async () => {
  rmSync(process.env.E2E_CRON_PAUSE_FILE ?? "", { force: true });
  await context?.close();
  await browser?.close();
});

describe("stalled jobs in the Job Monitor", () => {
  it("flags them with the reason and requeues or cancels them in bulk", async () => {
    const me = (await (await page.request.get("/api/me")).json()) as { user: { id: string } };
    const table = page.getByRole("table", { name: "Jobs" });
    // The cron is held (see beforeAll); should a sweep still slip in and recover a planted job,
    // a fresh pair is planted.
    let planted: [string, string] | null = null;
    for (let attempt = 0; attempt < 3 && !planted; attempt++) {
      const now = Date.now();
      const [waiting, stuck] = [ulid(), ulid()];
      const row = (id: string, status: string, at: number, lease: number | null, progress: string | null) =>
        `('${id}','system.ping','${status}','{"sleepMs":0}',${status === "running" ? 1 : 0},3,'${me.user.id}','queue',${at},${at},${status === "running" ? at : "NULL"},${at},${lease ?? "NULL"},${progress ? `'${progress}'` : "NULL"},${now})`;
      sql(
        "INSERT INTO jobs (id,type,status,input,attempts,max_attempts,user_id,runner,created_at,updated_at,started_at,run_at,lease_until,progress,dispatched_at) VALUES " +
          [
            row(waiting, "queued", now - 25 * 60_000, null, null),
            row(
              stuck,
              "running",
              now - 30 * 60_000,
              now - 20 * 60_000,
              '{"percent":23,"stage":"sleep","message":"Dormindo 1/4"}',
            ),
          ].join(","),
      );
      await page.goto("/admin/jobs?status=stalled");
      const shown = await Promise.all([
        table
          .locator(`tr[data-job-id="${waiting}"] [data-stalled="queue_wait"]`)
          .getByText(/na fila além do previsto/)
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          ),
        table
          .locator(`tr[data-job-id="${stuck}"] [data-stalled="lease_expired"]`)
          .getByText(/sem sinal do worker/)
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          ),
      ]);
      if (shown.every(Boolean)) planted = [waiting, stuck];
    }
    if (!planted) throw new Error("the planted stalled jobs were never shown as stalled");
    const [waiting, stuck] = planted;
    // Only stalled jobs are listed under this filter (earlier tests may have left some too).
    const ids = await table
      .locator("tbody tr[data-job-id]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-job-id")));
    expect(ids).toEqual(expect.arrayContaining([waiting, stuck]));
    expect(await table.locator("tbody tr[data-job-id]:not(:has([data-stalled]))").count()).toBe(0);
    const n = ids.length;
    await screenshot(page, "stalled-01-monitor");

    // The overview counts them. (That a 25-minute wait reaches the queue-wait p95 is asserted in
    // modules/jobs/stalled.int.test.ts: here, hundreds of the suite's quick jobs share the hour.)
    const m = (await (await page.request.get("/api/admin/metrics?hours=1")).json()) as { stalled: number };
    expect(m.stalled).toBeGreaterThanOrEqual(2);

    await page.getByRole("button", { name: `Cancelar parados (${n})` }).click();
    const dialog = page.getByRole("dialog", { name: `Cancelar ${n} jobs parados?` });
    await dialog.getByRole("button", { name: "Confirmar" }).click();
    await page.locator("[data-sonner-toast]").getByText(`${n} de ${n} jobs parados tratados.`).waitFor();
    for (const id of [waiting, stuck]) {
      const job = (await (await page.request.get(`/api/jobs/${id}`)).json()) as {
        job: { status: string; stalled: unknown };
      };
      expect(job.job.status).toBe("cancelled");
      expect(job.job.stalled).toBe(null);
    }
  }, 120_000);
});
