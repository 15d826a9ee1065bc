import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, screenshot, signIn, waitLive } from "./helpers";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let draftId = "";
const SLIDES = 5;

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "marketing", "/content");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("content studio", () => {
  it("generates a carousel live, reviews it, downloads the PDF and approves it", async () => {
    await page.getByRole("heading", { level: 1, name: "Content Studio" }).waitFor();
    const navigations: string[] = [];
    const onNav = (f: import("playwright-core").Frame) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    };
    page.on("framenavigated", onNav);

    const form = page.getByRole("region", { name: "Gerar conteúdo" });
    await form
      .getByLabel("Tema", { exact: true })
      .fill("Usinagem suíça de implantes dentários com tolerância de 5 µm");
    await form.getByLabel("Número de slides").selectOption(String(SLIDES));
    await form.getByText("Parafuso", { exact: false }).first().click();
    await screenshot(page, "content-01-studio-form");
    await form.getByRole("button", { name: "Gerar carrossel" }).click();

    // The job shows up in the pending strip and in the history, and finishes without a reload.
    const strip = page.getByRole("region", { name: "Gerações em andamento" });
    const item = strip.locator("li[data-job-id]").first();
    await item.waitFor();
    const jobId = String(await item.getAttribute("data-job-id"));
    await page.locator(`#job-history li[data-job-id="${jobId}"]`).waitFor();
    // The form is usable again while the job runs.
    expect(await form.getByRole("button", { name: "Gerar carrossel" }).isEnabled()).toBe(true);
    await screenshot(page, "content-02-pending");
    await strip.locator(`li[data-job-id="${jobId}"][data-status="succeeded"]`).waitFor({ timeout: 45_000 });
    expect(navigations).toEqual([]);
    page.off("framenavigated", onNav);
    // The new draft is in the list too (revalidated live).
    await page.locator(`a[data-content-id="${jobId}"]`).waitFor();
    await screenshot(page, "content-03-done");

    await strip
      .locator(`li[data-job-id="${jobId}"]`)
      .getByRole("link", { name: /Abrir rascunho/ })
      .click();
    await page.waitForURL((u) => u.pathname.startsWith("/content/"));
    draftId = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(draftId).toBe(jobId);
    await page.getByText("Rascunho offline").first().waitFor();
    await page.locator('[data-content-status="draft"]').first().waitFor();

    // Every slide image loads (the thumbnails), and the big one too.
    const thumbs = page.getByRole("list", { name: "Miniaturas dos slides" }).locator("img");
    await thumbs.first().waitFor();
    expect(await thumbs.count()).toBe(SLIDES);
    await page.waitForFunction((n) => {
      const imgs = [
        ...document.querySelectorAll<HTMLImageElement>("img[data-thumb-image], img[data-slide-image]"),
      ];
      return imgs.length === n + 1 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    }, SLIDES);
    const size = await page
      .locator("img[data-slide-image]")
      .evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight]);
    expect(size).toEqual([1080, 1350]);
    // Keyboard: → moves to slide 2.
    await page.getByRole("button", { name: "Próximo slide" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.getByText(`Slide 2 de ${SLIDES}`).first().waitFor();
    await page.getByRole("button", { name: "Ir para o slide 1" }).click();
    await screenshot(page, "content-04-review");

    // The PDF downloads and has one page per slide.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Baixar PDF" }).click(),
    ]);
    const file = await download.path();
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    expect(pages === SLIDES || pdf.length > 50_000).toBe(true);

    // Approve: the status badge changes in place.
    await page.getByRole("button", { name: "Aprovar" }).click();
    await page.locator('[data-content-status="approved"]').first().waitFor();
    await page.getByText("Conteúdo aprovado.").waitFor();
    expect(await page.getByRole("button", { name: "Aprovar" }).count()).toBe(0);
    await screenshot(page, "content-05-approved");
  });

  it("lists drafts of the active profile only", async () => {
    await page.goto("/content");
    await waitLive(page);
    const card = page.locator(`a[data-content-id="${draftId}"]`);
    await card.waitFor();
    await card.getByText("Aprovado").waitFor();
    const profile = page.getByRole("group", { name: "Perfil ativo" });
    await profile.getByText("Vendedor").click();
    await card.waitFor({ state: "detached" });
    await page.getByText("Nenhum conteúdo para este perfil com esses filtros.").waitFor();
    // The persona list follows the profile too.
    const personas = await page.getByLabel("Persona").locator("option").allTextContents();
    expect(personas).toContain("Sales engineer — technical");
    expect(personas).not.toContain("Lifetrek company page");
    await screenshot(page, "content-06-salesperson");
    await profile.getByText("Empresa").click();
    await card.waitFor();
    // Status filter: "Rascunho" hides the approved draft.
    await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Rascunho" }).click();
    await card.waitFor({ state: "detached" });
  });

  it("generates a blog post and shows it with its citations and SEO fields", async () => {
    await page.goto("/content");
    await waitLive(page);
    const form = page.getByRole("region", { name: "Gerar conteúdo" });
    await form.getByText("Blog", { exact: true }).click();
    await form.getByLabel("Tema", { exact: true }).fill("Validação IQ/OQ/PQ na usinagem de implantes");
    await form.getByRole("button", { name: "Gerar post de blog" }).click();
    const strip = page.getByRole("region", { name: "Gerações em andamento" });
    const item = strip.locator('li[data-job-id][data-status="succeeded"]').filter({ hasText: "IQ/OQ/PQ" });
    await item.waitFor({ timeout: 30_000 }).catch(async (err) => {
      await screenshot(page, "content-99-blog-timeout");
      throw err;
    });
    await item.getByRole("link", { name: /Abrir rascunho/ }).click();
    const citations = page.getByRole("region", { name: "Fontes citadas" });
    await citations.waitFor();
    expect(await citations.getByRole("link").count()).toBeGreaterThan(0);
    await page.getByRole("region", { name: "SEO" }).getByText("Slug").waitFor();
    await page.getByRole("article").locator("h2").first().waitFor();
    await screenshot(page, "content-07-blog");
  });

  it("another user's draft is a friendly 404", async () => {
    const other = await newPage(browser);
    await signIn(other.page, "admin");
    const res = await other.page.goto("/content/does-not-exist");
    expect(res?.status()).toBe(404);
    await other.page.getByRole("heading", { name: "Conteúdo não encontrado" }).waitFor();
    await other.context.close();
  });
});
