import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, launch, newPage, screenshot, signIn } from "./helpers";

let browser: Browser;
let context: BrowserContext;
let page: Page;
const tag = Math.random().toString(36).slice(2, 8);
const company = `Diff Semanal ${tag}`;

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "sales", "/leads");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const headers = { origin: BASE };

async function getJson<T>(url: string): Promise<T> {
  const res = await page.request.get(url, { headers });
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

describe("Sales dashboard: what changed this week", () => {
  it("shows each field before → after with its cause, filtered by owner and heat", async () => {
    // A lead imported now (tier 2 + implantes: fit 6.5), handed to sales2 then to me, two RFQs.
    const imp = await page.request.post("/api/leads/import", {
      headers,
      data: [{ company, tier: 2, products: "implantes", city: "Campinas" }],
    });
    expect(imp.status()).toBe(202);
    const { job } = (await imp.json()) as { job: { id: string } };
    await expect
      .poll(async () => (await getJson<{ job: { status: string } }>(`/api/jobs/${job.id}`)).job.status, {
        timeout: 30_000,
      })
      .toBe("succeeded");
    const me = (await getJson<{ user: { id: string; name: string } }>("/api/me")).user;
    const users = (await getJson<{ items: Array<{ id: string; name: string; role: string }> }>("/api/users"))
      .items;
    const other = users.find((u) => u.id !== me.id && u.role === "sales");
    expect(other).toBeDefined();
    const found = await getJson<{ items: Array<{ id: string }> }>(
      `/api/leads?q=${encodeURIComponent(company)}`,
    );
    const id = found.items[0]?.id ?? "";
    for (const ownerId of [other?.id, me.id]) {
      const res = await page.request.patch(`/api/leads/${id}`, { headers, data: { ownerId } });
      expect(res.status()).toBe(200);
    }
    for (let i = 0; i < 2; i++) {
      const res = await page.request.post(`/api/leads/${id}/engagements`, { headers, data: { kind: "rfq" } });
      expect(res.status()).toBe(201);
    }
    const heat = (await getJson<{ lead: { heat: string } }>(`/api/leads/${id}`)).lead.heat;

    // "My leads" with the lead's heat, through the dashboard's own filter bar.
    await page.goto("/leads");
    const filters = page.getByRole("search", { name: "Filtros de leads" });
    await filters.getByLabel("Responsável").selectOption("me");
    await filters.getByLabel("Temperatura").selectOption(heat);
    await page.waitForURL((u) => u.searchParams.get("owner") === "me" && u.searchParams.get("heat") === heat);

    const card = page.getByRole("region", { name: "O que mudou esta semana" });
    const row = card.locator(`[data-lead-change="${id}"]`);
    await row.waitFor();
    await expect.poll(() => row.getByRole("link", { name: company }).count()).toBe(1);
    // The owner changed twice: first before (none) → last after (me), by a person, 2×.
    const owner = row.locator('[data-field="ownerId"]');
    await expect.poll(() => owner.textContent()).toBe(`Responsável: — → ${me.name} (${me.name} · 2×)`);
    expect(await row.locator('[data-field="engagementScore"]').textContent()).toMatch(
      /^Engajamento: 0 → [\d,]+ \(Engajamento · 2×\)$/,
    );
    expect(await row.locator('[data-field="fitScore"]').textContent()).toBe("Fit: 0 → 6,5 (Ranqueamento)");
    expect(await row.textContent()).toContain("novo");
    // Every lead in the card matches the filters (polled: React commits the new data a moment
    // after the URL changes).
    const heats = () =>
      card
        .locator("[data-lead-change] [data-heat]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-heat")));
    await expect.poll(async () => [...new Set(await heats())]).toEqual([heat]);
    await card.getByText("Com os filtros de responsável e temperatura acima.").waitFor();
    await screenshot(page, "leads-diff-filtered");

    // Another heat: the lead is not there.
    const otherHeat = heat === "COLD" ? "HOT" : "COLD";
    await page.goto(`/leads?owner=me&heat=${otherHeat}`);
    await card.waitFor();
    expect(await card.locator(`[data-lead-change="${id}"]`).count()).toBe(0);

    // sales2's leads: mine is not among them.
    await page.goto(`/leads?owner=${other?.id}`);
    await card.waitFor();
    expect(await card.locator(`[data-lead-change="${id}"]`).count()).toBe(0);

    // No filter: the whole team's week, the seeded leads included.
    await page.goto("/leads");
    await card.locator(`[data-lead-change="${id}"]`).waitFor();
    await screenshot(page, "leads-diff-all");
  });
});

describe("Lead page: facts from the company's website", () => {
  it("shows each fact with the quoted sentence and a 'Do site' citation", async () => {
    const site = `${process.env.FAKE_UNIPILE_URL}/site/precisa/`;
    const name = `Fantasma Site ${tag}`;
    const imp = await page.request.post("/api/leads/import", {
      headers,
      data: [{ company: name, website: site, tier: 2 }],
    });
    expect(imp.status()).toBe(202);
    const importJob = ((await imp.json()) as { job: { id: string } }).job.id;
    const done = async (jobId: string) =>
      (await getJson<{ job: { status: string } }>(`/api/jobs/${jobId}`)).job.status;
    await expect.poll(() => done(importJob), { timeout: 30_000 }).toBe("succeeded");
    const id =
      (await getJson<{ items: Array<{ id: string }> }>(`/api/leads?q=${encodeURIComponent(name)}`)).items[0]
        ?.id ?? "";
    const enrich = await page.request.post("/api/jobs", {
      headers,
      data: { type: "leads.enrich", input: { leadIds: [id] } },
    });
    expect(enrich.status()).toBe(202);
    const enrichJob = ((await enrich.json()) as { job: { id: string } }).job.id;
    await expect.poll(() => done(enrichJob), { timeout: 60_000 }).toBe("succeeded");

    await page.goto(`/leads/${id}`);
    const card = page.getByRole("region", { name: "O que o site da empresa diz" });
    await card.waitFor();
    const iso = card.locator('[data-site-fact="ISO 13485"]');
    expect(await iso.locator("blockquote").textContent()).toBe(
      "“Somos certificados ISO 13485:2016 e registrados na ANVISA.”",
    );
    expect(await iso.locator('[data-citation="website"]').textContent()).toContain("Do site");
    expect(await iso.getByRole("link").getAttribute("href")).toBe(`${site}qualidade`);
    for (const fact of ["ANVISA", "CE", "P&D", "Tornos suíços", "Usinagem CNC", "Implantes"])
      expect(await card.locator(`[data-site-fact="${fact}"]`).count(), fact).toBe(1);
    // The facts reached the fit inputs through a version that can be reverted.
    await page.getByText("Enriquecimento").first().waitFor();
    await screenshot(page, "lead-website-facts");
  });
});
