import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Content } from "../../app/app/content/types";
import type { Job } from "../../modules/jobs/schema";
import { launch, newPage, screenshot, signIn, toasts, waitLive } from "./helpers";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let draftId = "";
const SLIDES = 5;
/** The "First 3 Posts" drafts, parts 1..3 (made by the sequence test, edited/rejected after). */
const series: string[] = [];

/** POSTs the page sends to a content detail route (its review/edit action). */
function countActions(p: Page, id: string) {
  const sent: string[] = [];
  p.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname.startsWith(`/content/${id}`)) sent.push(r.url());
  });
  return sent;
}

/** A full-page screenshot taken from the top (a scrolled page would repeat the sticky header). */
async function shot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  await screenshot(p, name);
}

async function getContent(p: Page, id: string) {
  const res = await p.request.get(`/api/content/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { content: Content }).content;
}

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "marketing", "/content");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The `content.render` job started for a draft (polled: the edit answers before it is listed). */
async function renderJobOf(page: Page, contentId: string): Promise<Job> {
  for (let i = 0; i < 40; i++) {
    const res = await page.request.get("/api/jobs?type=content.render&limit=20");
    if (res.ok()) {
      const { items } = (await res.json()) as { items: Job[] };
      const job = items.find((j) => (j.input as { contentId?: string } | null)?.contentId === contentId);
      if (job) return job;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no content.render job for ${contentId}`);
}

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
    await toasts(page).getByText("Conteúdo aprovado.").waitFor();
    expect(await page.getByRole("button", { name: "Aprovar" }).count()).toBe(0);
    // No longer a draft: the offline mark says so too (#17.10).
    await page.getByText("Gerado offline").first().waitFor();
    expect(await page.getByText("Rascunho offline").count()).toBe(0);
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
    // The Empresa drafts are not listed here, and the page says so, with a way back (#17.10).
    await page
      .locator("[data-other-profile]")
      .getByText(/do perfil Empresa não aparece/)
      .waitFor();
    // The persona list follows the profile too.
    const personas = await page.getByLabel("Persona").locator("option").allTextContents();
    expect(personas).toContain("Sales engineer — technical");
    expect(personas).not.toContain("Lifetrek company page");
    await screenshot(page, "content-06-salesperson");
    await page.getByRole("button", { name: "Ver o perfil Empresa" }).click();
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

  it('generates a "First 3 Posts" sequence live and groups its three drafts as one series', async () => {
    await page.goto("/content");
    await waitLive(page);
    const navigations: string[] = [];
    const onNav = (f: import("playwright-core").Frame) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    };
    page.on("framenavigated", onNav);

    const theme = "Lançamento do perfil: usinagem de implantes ortopédicos";
    const form = page.getByRole("region", { name: "Gerar conteúdo" });
    await form.getByText(/^Sequência/).click();
    await form.getByText("Cria três carrosséis ligados").waitFor();
    // Carousel-only fields go away; the topic becomes the series theme.
    expect(await form.getByLabel("Número de slides").count()).toBe(0);
    await form.getByLabel("Tema da série").fill(theme);
    await shot(page, "content-10-sequence-form");
    // Records every status the pending strip shows, to prove the job was followed live.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { __stripStatuses: seen });
      const record = () => {
        for (const li of document.querySelectorAll(
          'section[aria-labelledby="pending-title"] li[data-job-id]',
        )) {
          const v = `${li.getAttribute("data-job-id")}:${li.getAttribute("data-status")}`;
          if (!seen.includes(v)) seen.push(v);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["data-status"],
      });
    });
    await form.getByRole("button", { name: "Gerar sequência" }).click();

    // Only the parent job is in the strip (its three child carousels are not listed there).
    const strip = page.getByRole("region", { name: "Gerações em andamento" });
    const item = strip.getByRole("listitem", { name: `Sequência: ${theme}` });
    await item.waitFor();
    const jobId = String(await item.getAttribute("data-job-id"));
    await page.locator(`#job-history li[data-job-id="${jobId}"]`).waitFor();
    await shot(page, "content-11-sequence-running");
    await strip
      .locator(`li[data-job-id="${jobId}"][data-status="succeeded"]`)
      .waitFor({ timeout: 60_000 })
      .catch(async (err) => {
        await screenshot(page, "content-99-sequence-timeout");
        throw err;
      });
    expect(await strip.locator("li[data-job-id]").count()).toBe(1);
    const seen = await page.evaluate(
      () => (window as unknown as { __stripStatuses: string[] }).__stripStatuses,
    );
    const mine = seen.filter((v) => v.startsWith(`${jobId}:`)).map((v) => v.split(":")[1]);
    expect(mine).toContain("running");
    expect(mine.at(-1)).toBe("succeeded");
    expect(navigations).toEqual([]);
    page.off("framenavigated", onNav);

    // The drafts list (revalidated live) shows the three drafts as one series, in order.
    const group = page.locator(`li[data-sequence-id="${jobId}"]`);
    await group.waitFor();
    await group.getByText("Série “First 3 Posts”").first().waitFor();
    const cards = group.locator("a[data-content-id]");
    expect(await cards.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const card = cards.nth(i);
      expect(await card.getByTitle("Série “First 3 Posts”").textContent()).toBe(`${i + 1}/3`);
      expect(await card.locator('[data-content-status="draft"]').count()).toBe(1);
      series.push(String(await card.getAttribute("data-content-id")));
    }
    expect(new Set(series).size).toBe(3);
    // Two series are told apart by date and theme (#17.10).
    await group.getByText(/^· \d{2}\/\d{2}\/\d{4} · /).waitFor();
    await shot(page, "content-12-sequence-drafts");
    // "Tipo: Sequência" lists series drafts only: the standalone blog post of the earlier test goes.
    const standalone = page.locator("a[data-content-id]").filter({ hasText: "IQ/OQ/PQ" });
    expect(await standalone.count()).toBeGreaterThan(0);
    await page.getByRole("navigation", { name: "Tipo" }).getByRole("link", { name: "Sequência" }).click();
    await standalone.first().waitFor({ state: "detached" });
    await group.waitFor();
    await page.getByRole("navigation", { name: "Tipo" }).getByRole("link", { name: "Todos" }).click();
    await standalone.first().waitFor();

    // "Ver série" opens part 1; its series bar links the other parts.
    await item.getByRole("link", { name: /Ver série/ }).click();
    await page.waitForURL((u) => u.pathname === `/content/${series[0]}`);
    const bar = page.getByRole("navigation", { name: "Série “First 3 Posts”" });
    await bar.waitFor();
    const links = bar.getByRole("link");
    expect(await links.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(await links.nth(i).getAttribute("href")).toBe(`/content/${series[i]}`);
      expect(await links.nth(i).textContent()).toMatch(new RegExp(`^${i + 1}/3 · `));
    }
    expect(await links.nth(0).getAttribute("aria-current")).toBe("page");
    await page.getByTitle("Série “First 3 Posts”").getByText("1/3").waitFor();
    await shot(page, "content-13-series-detail");
    await links.nth(1).click();
    await page.waitForURL((u) => u.pathname === `/content/${series[1]}`);
    await bar
      .getByRole("link", { name: /^2\/3 · / })
      .and(page.locator('[aria-current="page"]'))
      .waitFor();
    await page.getByTitle("Série “First 3 Posts”").getByText("2/3").waitFor();
  }, 90_000);

  it("edits a draft's texts: a too-long headline is refused, a valid edit is saved and re-rendered", async () => {
    expect(series).toHaveLength(3);
    const id = series[0] as string;
    const before = await getContent(page, id);
    const hook = before.slides?.[0];
    expect(hook?.type).toBe("hook");
    await page.goto(`/content/${id}`);
    await waitLive(page);
    const posts = countActions(page, id);
    const bigImage = page.locator("img[data-slide-image]");
    const oldSrc = String(await bigImage.getAttribute("src"));
    const oldPng = await (await page.request.get(oldSrc)).body();

    await page.getByRole("button", { name: "Editar textos" }).click();
    const form = page.getByRole("form", { name: "Editar textos" });
    await form.waitFor();
    const slide1 = form.getByRole("group", { name: /^Slide 1 de \d+ · Gancho/ });
    const headline = slide1.getByLabel("Título");
    expect(await headline.inputValue()).toBe(hook?.headline);

    // 65 characters: fine for a content slide (≤ 70), too long for the hook (≤ 60).
    const tooLong = "Tolerância de 5 µm em cada implante: veja como medimos cada peça!";
    expect(tooLong.length).toBe(65);
    await headline.fill(tooLong);
    await slide1.getByText("65/60").waitFor();
    await form.getByRole("button", { name: "Salvar alterações" }).click();
    await slide1.getByText("No máximo 60 caracteres (agora 65).").waitFor();
    expect(await headline.getAttribute("aria-invalid")).toBe("true");
    await form.getByRole("alert").getByText("Revise os campos destacados.").waitFor();
    await shot(page, "content-14-edit-invalid");
    // Nothing was sent or saved.
    expect(posts).toEqual([]);
    expect((await getContent(page, id)).slides?.[0]?.headline).toBe(hook?.headline);

    // With an emoji, drawn on the slide (bundled Twemoji), not stripped (#15).
    const newHeadline = "Tolerância de 5 µm em cada implante 🔥";
    const newCaption =
      "Legenda revisada pelo marketing: cada implante sai da linha com tolerância de 5 µm, medida em 100% das peças.";
    await headline.fill(newHeadline);
    await form.getByLabel("Legenda").fill(newCaption);
    await form.getByRole("button", { name: "Salvar alterações" }).click();
    await form.waitFor({ state: "detached" });
    await toasts(page).getByText("Alterações salvas.").waitFor();
    expect(posts).toHaveLength(1);
    // The edit answered at once; the slides are drawn again by a `content.render` job. Its card
    // shows live progress while it runs and goes away when it succeeds; on a fast machine the job
    // may be done before the card is first seen, so the test follows the job itself.
    const renderJob = await renderJobOf(page, id);
    const historyItem = page.locator(`#job-history li[data-job-id="${renderJob.id}"]`);
    await historyItem.getByText(/^Renderizar slides: /).waitFor();
    await shot(page, "content-15a-rerender-job");
    await historyItem.locator('[data-status="succeeded"]').waitFor({ timeout: 45_000 });
    await page.locator("[data-render-job]").waitFor({ state: "detached" });

    // The page shows the new texts: caption card, and slide 1 re-rendered with the new headline.
    await page.getByRole("region", { name: "Legenda" }).getByText(newCaption).waitFor();
    await page.getByRole("img", { name: new RegExp(`Slide 1 de \\d+ — ${newHeadline}\\.`) }).waitFor();
    const newSrc = String(await bigImage.getAttribute("src"));
    expect(newSrc).not.toBe(oldSrc);
    await page.waitForFunction(() => {
      const i = document.querySelector<HTMLImageElement>("img[data-slide-image]");
      return !!i && i.complete && i.naturalWidth > 0;
    });
    const newPng = await (await page.request.get(newSrc)).body();
    expect(newPng.equals(oldPng)).toBe(false);
    await shot(page, "content-15-edited");

    const after = await getContent(page, id);
    expect(after.status).toBe("draft");
    expect(after.caption).toBe(newCaption);
    expect(after.slides?.[0]?.headline).toBe(newHeadline);
    expect(after.slides?.slice(1).map((s) => s.headline)).toEqual(
      before.slides?.slice(1).map((s) => s.headline),
    );

    // Re-opening the form starts from the saved texts (and stays open).
    await page.getByRole("button", { name: "Editar textos" }).click();
    await form.waitFor();
    expect(
      await form
        .getByRole("group", { name: /^Slide 1 de/ })
        .getByLabel("Título")
        .inputValue(),
    ).toBe(newHeadline);
    await form.getByRole("button", { name: "Cancelar" }).click();
    await form.waitFor({ state: "detached" });
    expect(posts).toHaveLength(1);
  });

  it("rejects a draft only with a reason, then shows the reason and offers no more review", async () => {
    expect(series).toHaveLength(3);
    const id = series[2] as string;
    await page.goto(`/content/${id}`);
    await waitLive(page);
    const posts = countActions(page, id);
    await page.locator('[data-content-status="draft"]').first().waitFor();

    await page.getByRole("button", { name: "Rejeitar" }).click();
    const dialog = page.getByRole("dialog", { name: "Rejeitar este conteúdo?" });
    await dialog.waitFor();
    const reason = dialog.getByLabel("Motivo");
    // An empty (or blank) reason is refused in place: the dialog stays open, nothing is sent.
    await dialog.getByRole("button", { name: "Rejeitar" }).click();
    await dialog.getByText("Escreva de 3 a 500 caracteres.").waitFor();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    await reason.fill("   ");
    await dialog.getByRole("button", { name: "Rejeitar" }).click();
    expect(await dialog.isVisible()).toBe(true);
    await shot(page, "content-16-reject-empty");
    expect(posts).toEqual([]);
    expect((await getContent(page, id)).status).toBe("draft");

    const why = "A história do post 3 repete o post 2; trazer um caso real de cliente.";
    await reason.fill(why);
    await dialog.getByRole("button", { name: "Rejeitar" }).click();
    await dialog.waitFor({ state: "hidden" });
    await toasts(page).getByText("Conteúdo rejeitado.").waitFor();
    await page.locator('[data-content-status="rejected"]').first().waitFor();
    await page.getByText("Rejeitado", { exact: true }).first().waitFor();
    await page.getByText(`Motivo da rejeição: ${why}`).waitFor();
    expect(posts).toHaveLength(1);
    // A decided item offers neither review action, nor editing.
    for (const name of ["Aprovar", "Rejeitar", "Editar textos"]) {
      expect(await page.getByRole("button", { name }).count()).toBe(0);
    }
    await shot(page, "content-17-rejected");

    const saved = await getContent(page, id);
    expect(saved.status).toBe("rejected");
    expect(saved.rejectReason).toBe(why);
    // The series list shows it as rejected; the other parts are still drafts.
    await page.goto("/content");
    await waitLive(page);
    const group = page.locator(`li[data-sequence-id="${saved.sequenceId}"]`);
    await group.locator(`a[data-content-id="${id}"]`).getByText("Rejeitado").waitFor();
    expect(await group.locator('[data-content-status="draft"]').count()).toBe(2);
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
