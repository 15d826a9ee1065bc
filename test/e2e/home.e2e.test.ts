import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiPost, launch, newPage, screenshot, signIn } from "./helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("home: what is waiting for you", () => {
  it("shows a marketer the draft a job just made, live, and opens it", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "marketing");
    const drafts = page.getByRole("region", { name: "Rascunhos para revisar" });
    await expect(drafts.isVisible()).resolves.toBe(true);
    // A marketer sees no sales lists.
    await expect(
      page.getByRole("region", { name: /Leads quentes|Outreach para aprovar/ }).count(),
    ).resolves.toBe(0);

    const topic = "Passivação de parafusos ósseos de titânio";
    const res = await apiPost<{ job: { id: string } }>(page, "/api/jobs", {
      type: "content.carousel",
      input: { topic, profile: "company", slideCount: 3 },
    });
    expect(res.status).toBe(202);
    const job = res.body.job.id;
    for (let i = 0; i < 120; i++) {
      const { status } = (
        (await (await page.request.get(`/api/jobs/${job}`)).json()) as { job: { status: string } }
      ).job;
      if (status === "succeeded") break;
      expect(["queued", "running"]).toContain(status);
      await page.waitForTimeout(500);
    }
    const [newest] = (
      (await (await page.request.get("/api/content?status=draft&limit=1")).json()) as {
        items: { id: string; jobId: string | null }[];
      }
    ).items;
    expect(newest?.jobId).toBe(job);
    // No reload: the job's completion over the socket refreshes the list.
    const item = drafts.locator(`a[href="/content/${newest?.id}"]`);
    await item.waitFor();
    await screenshot(page, "home-01-marketing-drafts");
    await item.click();
    await page.waitForURL((u) => u.pathname === `/content/${newest?.id}`);
    await context.close();
  });

  it("shows a salesperson their hottest leads and the outreach to approve, as the API lists them", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "sales");
    const leads = page.getByRole("region", { name: "Seus leads quentes" });
    const outreach = page.getByRole("region", { name: "Outreach para aprovar" });
    await leads.waitFor();
    await expect(page.getByRole("region", { name: "Rascunhos para revisar" }).count()).resolves.toBe(0);

    const api = async <T>(path: string) =>
      ((await (await page.request.get(path)).json()) as { items: T[] }).items;
    const hot = await api<{ id: string; company: string }>(
      "/api/leads?heat=HOT&owner=me&sort=-priority&limit=5",
    );
    const shown = await leads.getByRole("listitem").allTextContents();
    expect(shown).toHaveLength(hot.length);
    hot.forEach((l, i) => {
      expect(shown[i]).toContain(l.company);
    });
    if (hot.length === 0) await expect(leads.textContent()).resolves.toContain("Nenhum lead quente seu");
    const drafts = await api<{ id: string }>("/api/outreach/actions?status=draft&limit=5");
    await expect(outreach.getByRole("listitem").count()).resolves.toBe(drafts.length);

    await leads.getByRole("link", { name: /Ver todos/ }).click();
    await page.waitForURL((u) => u.pathname === "/leads" && u.searchParams.get("heat") === "HOT");
    await page.goBack();
    await leads.waitFor();
    await screenshot(page, "home-02-sales");
    await context.close();
  });

  it("shows an admin all three lists, the team's hot leads rather than their own", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "admin");
    for (const name of ["Rascunhos para revisar", "Leads quentes", "Outreach para aprovar"])
      await page.getByRole("region", { name, exact: true }).waitFor();
    const hot = (
      (await (await page.request.get("/api/leads?heat=HOT&sort=-priority&limit=5")).json()) as {
        items: { company: string }[];
      }
    ).items;
    const shown = await page
      .getByRole("region", { name: "Leads quentes", exact: true })
      .getByRole("listitem")
      .allTextContents();
    expect(shown.map((s, i) => s.includes(hot[i]?.company ?? "\u0000"))).toEqual(hot.map(() => true));
    await screenshot(page, "home-03-admin");
    await context.close();
  });
});
