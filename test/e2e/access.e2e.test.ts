import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiPost, launch, newPage, screenshot, signIn } from "./helpers";

let browser: Browser;
let adminJobId: string;
const SECRET = 4321;

beforeAll(async () => {
  browser = await launch();
  const { context, page } = await newPage(browser);
  await signIn(page, "admin");
  const res = await apiPost<{ job: { id: string } }>(page, "/api/jobs", {
    type: "system.ping",
    input: { sleepMs: SECRET },
  });
  expect(res.status).toBe(202);
  adminJobId = res.body.job.id;
  await context.close();
});
afterAll(async () => {
  await browser?.close();
});

describe("access control", () => {
  it("a marketing user cannot open the Job Monitor", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "marketing");
    await page.goto("/admin/jobs");
    await page.getByRole("heading", { name: "Sem permissão" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    expect(await page.getByRole("region", { name: "Job de diagnóstico" }).count()).toBe(0);
    expect(await page.content()).not.toContain(adminJobId);
    await screenshot(page, "08-forbidden");
    await context.close();
  });

  it("a marketing user cannot open another user's job, and nothing of it leaks", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "marketing");
    const res = await page.goto(`/jobs/${adminJobId}`);
    expect(res?.status()).toBe(404);
    await page.getByRole("heading", { name: "Job não encontrado" }).waitFor();
    // Visible content says nothing about the job; the page's data (HTML + hydration) has none of it.
    const main = (await page.getByRole("main").textContent()) ?? "";
    expect(main).not.toContain(adminJobId);
    expect(main).not.toContain("system.ping");
    const html = await page.content();
    expect(html).not.toContain(String(SECRET));
    const api = await page.request.get(`/api/jobs/${adminJobId}`);
    expect(api.status()).toBe(404);
    await screenshot(page, "09-job-not-found");
    await context.close();
  });

  it("an admin opening a marketing user's job sees whose it is by name", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "marketing");
    const mine = await apiPost<{ job: { id: string; userId: string } }>(page, "/api/jobs", {
      type: "system.ping",
      input: {},
    });
    expect(mine.status).toBe(202);
    const me = ((await (await page.request.get("/api/me")).json()) as { user: { name: string } }).user;
    await context.close();
    const admin = await newPage(browser);
    await signIn(admin.page, "admin");
    await admin.page.goto(`/jobs/${mine.body.job.id}`);
    await admin.page.getByText(`${me.name} (${mine.body.job.userId})`).waitFor();
    await screenshot(admin.page, "09b-admin-sees-owner");
    await admin.context.close();
  });
});
