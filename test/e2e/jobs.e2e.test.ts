import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyPanel, launch, newPage, screenshot, signIn, waitLive } from "./helpers";

let browser: Browser;
let context: BrowserContext;
let page: Page;
const sockets: string[] = [];

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  page.on("websocket", (ws) => {
    // Vite's HMR socket shows up too; only count ours.
    if (new URL(ws.url()).pathname !== "/api/realtime") return;
    sockets.push(ws.url());
    if (process.env.E2E_CONSOLE) {
      console.log(`[ws] open ${Date.now()}`);
      ws.on("close", () => console.log(`[ws] close ${Date.now()}`));
      ws.on("framereceived", (f) => console.log(`[ws] ${String(f.payload).slice(0, 120)}`));
    }
  });
  await signIn(page, "admin", "/admin/jobs");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Records every status each history item shows, so short-lived states are not missed. */
async function recordHistoryStatuses(p: Page) {
  await p.evaluate(() => {
    const w = window as unknown as { __statuses: Record<string, string[]> };
    w.__statuses = {};
    const record = () => {
      for (const li of document.querySelectorAll<HTMLElement>("#job-history li[data-job-id]")) {
        const id = li.dataset.jobId ?? "";
        const seen = w.__statuses[id] ?? [];
        w.__statuses[id] = seen;
        const status = li.dataset.status ?? "";
        if (seen.at(-1) !== status) seen.push(status);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
}

async function statusesOf(p: Page, id: string): Promise<string[]> {
  return p.evaluate(
    (jobId) => (window as unknown as { __statuses: Record<string, string[]> }).__statuses[jobId] ?? [],
    id,
  );
}

async function startPing(p: Page, sleepMs: number, failTimes: number): Promise<string> {
  const before = new Set(
    await p
      .locator("#job-history li[data-job-id]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-job-id"))),
  );
  const form = p.getByRole("region", { name: "Job de diagnóstico" });
  await form.getByLabel("Duração (ms)").fill(String(sleepMs));
  await form.getByLabel("Falhas simuladas").fill(String(failTimes));
  await form.getByRole("button", { name: "Ping", exact: true }).click();
  const handle = await p.waitForFunction(
    (known) =>
      [...document.querySelectorAll<HTMLElement>("#job-history li[data-job-id]")]
        .map((li) => li.dataset.jobId)
        .find((id) => id && !known.includes(id)),
    [...before],
  );
  return String(await handle.jsonValue());
}

describe("jobs, live", () => {
  it("a diagnostic ping goes queued → running → done in the history without a reload", async () => {
    await recordHistoryStatuses(page);
    const navigations: string[] = [];
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    const id = await startPing(page, 3000, 0);
    const item = historyPanel(page).locator(`li[data-job-id="${id}"]`);
    await item.locator('[data-status="running"]').waitFor();
    await item.getByRole("progressbar").waitFor();
    await screenshot(page, "03-job-monitor-running");
    await item.locator('[data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await item.getByText("Concluído").waitFor();
    expect(await statusesOf(page, id)).toEqual(["queued", "running", "succeeded"]);
    await page
      .getByRole("region", { name: /Notifications|Notificações/ })
      .getByText("Job concluído: Ping")
      .waitFor();
    expect(navigations).toEqual([]);
    expect(sockets.length).toBeGreaterThanOrEqual(1);

    // The monitor's row updated live too; the detail page lists the job's events.
    const row = page.getByRole("table", { name: "Jobs" }).locator(`tr[data-job-id="${id}"]`);
    await row.locator('[data-status="succeeded"]').waitFor();
    await screenshot(page, "04-job-monitor-done");
    await item.getByRole("link").click();
    await page.waitForURL((u) => u.pathname === `/jobs/${id}`);
    await page.getByRole("heading", { name: "Ping", exact: true }).waitFor();
    const log = page.getByRole("list", { name: /Eventos/ });
    await log.getByText("Aguardando · 4/4").waitFor();
    expect(await log.getByRole("listitem").count()).toBeGreaterThanOrEqual(4);
    await page.getByText('"pong": true').waitFor();
    await screenshot(page, "05-job-detail");
  });

  it("the job page shows each log line as it happens, without a reload (#15)", async () => {
    await page.goto("/admin/jobs");
    await waitLive(page);
    const id = await startPing(page, 8000, 0);
    await page.goto(`/jobs/${id}`);
    await waitLive(page);
    const navigations: string[] = [];
    const onNav = (f: import("playwright-core").Frame) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    };
    page.on("framenavigated", onNav);
    const log = page.getByRole("list", { name: /Eventos/ });
    // The page opened before the last slices ran: their lines arrive over the socket.
    expect(await log.getByText("Aguardando · 4/4").count()).toBe(0);
    await log.getByText("Aguardando · 3/4").waitFor({ timeout: 20_000 });
    await log.getByText("Aguardando · 4/4").waitFor({ timeout: 20_000 });
    await page.getByText('"pong": true').waitFor({ timeout: 20_000 });
    expect(navigations).toEqual([]);
    page.off("framenavigated", onNav);
  });

  it("a failing ping shows an error toast whose Retry makes it succeed", async () => {
    await page.goto("/admin/jobs");
    await waitLive(page);
    await recordHistoryStatuses(page);
    // 4 failures: the first run fails after its 3 attempts; the retry succeeds on attempt 4.
    const id = await startPing(page, 0, 4);
    const toasts = page.getByRole("region", { name: /Notifications|Notificações/ });
    // This ping's toast: another test's failing ping (10 failures, 6 attempts) may end meanwhile
    // and raise its own "Job falhou: Ping".
    const toast = toasts
      .locator("[data-sonner-toast]")
      .filter({ hasText: "Job falhou: Ping" })
      .filter({ hasText: /tentativa 3 de 4/i });
    await toast.waitFor({ timeout: 30_000 });
    await historyPanel(page).locator(`li[data-job-id="${id}"] [data-status="failed"]`).waitFor();
    await screenshot(page, "06-failure-toast");
    await toast.getByRole("button", { name: "Tentar novamente" }).click();
    await historyPanel(page)
      .locator(`li[data-job-id="${id}"] [data-status="succeeded"]`)
      .waitFor({ timeout: 30_000 });
    const seen = await statusesOf(page, id);
    expect(seen[0]).toBe("queued");
    expect(seen).toContain("failed");
    expect(seen.at(-1)).toBe("succeeded");
    await toasts.getByText("Job concluído: Ping").waitFor();
  });

  it("cancels a queued job from the monitor after confirming", async () => {
    await page.goto("/admin/jobs");
    await waitLive(page);
    const id = await startPing(page, 10_000, 0);
    const row = page.getByRole("table", { name: "Jobs" }).locator(`tr[data-job-id="${id}"]`);
    await row.getByRole("button", { name: "Cancelar job" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancelar o job?" });
    await dialog.waitFor();
    await screenshot(page, "07-confirm-cancel");
    await dialog.getByRole("button", { name: "Confirmar" }).click();
    await row.locator('[data-status="cancelled"]').waitFor();
    await historyPanel(page).locator(`li[data-job-id="${id}"] [data-status="cancelled"]`).waitFor();
  });
  it('"Ping com falha" takes the form\'s fields (#17.10)', async () => {
    await page.goto("/admin/jobs");
    await waitLive(page);
    const form = page.getByRole("region", { name: "Job de diagnóstico" });
    await form.getByLabel("Duração (ms)").fill("0");
    await form.getByLabel("Falhas simuladas").fill("2");
    const newest = async () => {
      const res = await page.request.get("/api/jobs?type=system.ping&limit=1");
      return ((await res.json()) as { items: { id: string; input: unknown }[] }).items[0];
    };
    const before = (await newest())?.id;
    await form.getByRole("button", { name: "Ping com falha" }).click();
    await expect.poll(async () => (await newest())?.id).not.toBe(before);
    expect((await newest())?.input).toEqual({ sleepMs: 0, failTimes: 2 });
  });
});
