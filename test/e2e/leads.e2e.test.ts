import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyPanel, launch, newPage, screenshot, signIn, toasts } from "./helpers";

const CSV = path.resolve(import.meta.dirname, "fixtures/demo-leads.csv");

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "sales", "/leads");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Records every status and progress message each lead job card shows (short states included). */
async function recordJobCards(p: Page) {
  await p.evaluate(() => {
    const w = window as unknown as { __cards: Record<string, { statuses: string[]; messages: string[] }> };
    w.__cards = {};
    const record = () => {
      for (const el of document.querySelectorAll<HTMLElement>("[data-lead-job]")) {
        const id = el.dataset.jobId ?? "";
        const seen = w.__cards[id] ?? { statuses: [], messages: [] };
        w.__cards[id] = seen;
        const status = el.dataset.status ?? "";
        if (seen.statuses.at(-1) !== status) seen.statuses.push(status);
        const msg = el.querySelector("[data-progress-message]")?.textContent ?? "";
        if (msg && seen.messages.at(-1) !== msg) seen.messages.push(msg);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
}

async function cardOf(p: Page, id: string) {
  return p.evaluate(
    (jobId) =>
      (window as unknown as { __cards: Record<string, { statuses: string[]; messages: string[] }> }).__cards[
        jobId
      ] ?? { statuses: [], messages: [] },
    id,
  );
}

/** The id of the newest card of a job type (appears at once: the POST's job is put in the store). */
async function newestCard(p: Page, type: string, known: string[]): Promise<string> {
  const handle = await p.waitForFunction(
    ([t, k]) =>
      [...document.querySelectorAll<HTMLElement>(`[data-lead-job="${t}"]`)]
        .map((el) => el.dataset.jobId)
        .find((id) => id && !(k as string[]).includes(id)),
    [type, known] as const,
  );
  return String(await handle.jsonValue());
}

describe("Sales Engineer leads dashboard", () => {
  it("imports a CSV, enriches and re-ranks live, shows citations and reverts a version", async () => {
    const navigations: string[] = [];
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });

    // The seeded dashboard: ranked table with heat badges, tiles, matrix, "what changed".
    const table = page.getByRole("table", { name: "Leads ranqueados" });
    await table.locator("tbody tr[data-lead-id]").first().waitFor();
    await expect(table.getByText(/^(HOT 🔥|WARM ⚠️|COLD ❄️)$/).count()).resolves.toBeGreaterThan(0);
    await page.getByRole("heading", { name: "O que mudou esta semana" }).waitFor();
    await page.getByRole("heading", { name: "Matriz fit × engajamento" }).waitFor();
    await screenshot(page, "leads-01-dashboard");

    // Import the demo CSV from the UI; the job finishes live and reports the invalid rows.
    await recordJobCards(page);
    await page.getByLabel("Importar CSV").setInputFiles(CSV);
    // Nothing is stored before the preview's "import the valid rows" (20 rows, 2 invalid).
    await page.getByRole("button", { name: "Importar 18 linhas válidas" }).click();
    const importId = await newestCard(page, "leads.import", []);
    const importCard = page.locator(`[data-lead-job][data-job-id="${importId}"]`);
    await importCard.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 30_000 });
    await importCard.locator("[data-import-summary]").getByText("2 inválidos").waitFor();
    await expect(importCard.locator("[data-invalid-row]").count()).resolves.toBe(2);
    await importCard.getByText("2 linhas inválidas").waitFor();
    expect((await cardOf(page, importId)).statuses.at(-1)).toBe("succeeded");
    await historyPanel(page).locator(`li[data-job-id="${importId}"] [data-status="succeeded"]`).waitFor();
    await screenshot(page, "leads-02-imported");

    // Show the imported leads (search), select them all and enrich: progress arrives live.
    // Filters apply as they change: no "Aplicar" click.
    await page.getByRole("search", { name: "Filtros de leads" }).getByLabel("Buscar").fill("Demo");
    await page.waitForURL((u) => u.searchParams.get("q") === "Demo");
    // 20 rows − 2 invalid − 1 duplicate (merged into the first): 17 leads, every one a "Demo" one.
    const rowsOf = table.locator("tbody tr[data-lead-id]");
    await expect.poll(() => rowsOf.count(), { timeout: 10_000 }).toBe(17);
    const rows = 17;
    await table.getByRole("link", { name: "Demo Titânio Precisão", exact: true }).waitFor();
    await recordJobCards(page);
    const navBefore = navigations.length;
    await table.getByLabel("Selecionar todos desta página").check();
    await page.getByRole("button", { name: `Enriquecer selecionados (${rows})` }).click();
    const enrichId = await newestCard(page, "leads.enrich", [importId]);
    const enrichCard = page.locator(`[data-lead-job][data-job-id="${enrichId}"]`);
    await enrichCard.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 40_000 });
    await enrichCard.getByText(/enriquecidos · /).waitFor();
    const enrichSeen = await cardOf(page, enrichId);
    expect(enrichSeen.statuses).toContain("running");
    expect(enrichSeen.messages.some((m) => /^Enriquecendo leads · \d+\/17$/.test(m))).toBe(true);

    // Re-rank everything, tracked the same way.
    await page.getByRole("button", { name: "Re-ranquear" }).click();
    const rankId = await newestCard(page, "leads.rank", [importId, enrichId]);
    const rankCard = page.locator(`[data-lead-job][data-job-id="${rankId}"]`);
    await rankCard.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 30_000 });
    await rankCard.getByText(/ranqueados · /).waitFor();
    expect((await cardOf(page, rankId)).statuses.at(-1)).toBe("succeeded");
    expect(navigations.length).toBe(navBefore); // all of it live, no page load
    await screenshot(page, "leads-03-enriched-ranked");

    // Open a lead: decision makers with source citation cards, company facts cited.
    await table.getByRole("link", { name: "Demo Titânio Precisão", exact: true }).click();
    await page.waitForURL((u) => /^\/leads\/[^/]+$/.test(u.pathname));
    await page.getByRole("heading", { name: "Demo Titânio Precisão", level: 1 }).waitFor();
    const makers = page.locator("[data-decision-maker]");
    await makers.first().waitFor();
    await makers.first().getByText("Encontrado via LinkedIn (Unipile)").waitFor();
    await expect(
      makers.first().getByRole("link", { name: "Abrir fonte" }).getAttribute("href"),
    ).resolves.toMatch(/\/api\/v1\//);
    const facts = page.getByRole("region", { name: "Dados da empresa" });
    await facts.getByText("Encontrado via LinkedIn (Unipile)").first().waitFor();
    await page.getByText("Enriquecido · versão").waitFor();
    await screenshot(page, "leads-04-detail");

    // Revert the enrichment version: confirm, then the lead is as before (not enriched).
    const versions = page.getByRole("region", { name: "Histórico de versões" });
    const enrichVersion = versions
      .locator("li[data-version]")
      .filter({ hasText: "Enriquecimento (Unipile)" })
      .first();
    // Entries are numbered by the version their change produced (the header's number for the newest).
    const v = Number(await enrichVersion.getAttribute("data-version")) + 1;
    await enrichVersion.getByRole("button", { name: `Reverter v${v}` }).click();
    const dialog = page.getByRole("dialog", { name: `Reverter a versão ${v}?` });
    await dialog.waitFor();
    await screenshot(page, "leads-05-confirm-revert");
    await dialog.getByRole("button", { name: "Confirmar" }).click();
    await toasts(page).getByText(`Versão ${v} revertida.`).waitFor();
    await versions
      .locator("li[data-version]")
      .filter({ hasText: `Reversão da mudança v${v}` })
      .first()
      .waitFor();
    await page.getByText("Não enriquecido · versão").waitFor();
    await screenshot(page, "leads-06-reverted");

    // The matrix: a cell filters the table to the leads in that fit × engagement band.
    await page.getByRole("link", { name: "← Voltar aos leads" }).click();
    await page.waitForURL((u) => u.pathname === "/leads");
    await page.locator('[data-cell="4,0"]').click();
    await page.waitForURL((u) => u.searchParams.get("cell") === "4,0");
    await table.locator("tbody tr[data-lead-id]").first().waitFor();
    await screenshot(page, "leads-07-matrix-cell");
  });
});
