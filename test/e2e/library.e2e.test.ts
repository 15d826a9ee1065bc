import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, screenshot, signIn } from "./helpers";

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const stamp = Date.now().toString(36);
const personaName = `Persona E2E ${stamp}`;
const productName = `Produto E2E ${stamp}`;

async function shot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  await screenshot(p, name);
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

describe("content library", () => {
  it("opens from the Studio header", async () => {
    await page.getByRole("link", { name: "Biblioteca: personas e produtos" }).click();
    await page.waitForURL((u) => u.pathname === "/content/library");
    await page.getByRole("heading", { level: 1, name: "Biblioteca" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Personas" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Produtos" }).waitFor();
    await shot(page, "library-01-open");
  });

  it("creates a persona, shows API field errors, and edits its audience", async () => {
    const personas = page.getByRole("region", { name: "Personas" });
    await personas.getByRole("button", { name: "Nova persona" }).click();
    const form = personas.getByRole("form", { name: "Nova persona" });
    // Too short for the API (min 2): its message shows beside the field.
    await form.getByLabel("Nome").fill("X");
    await form.getByLabel("Público").fill("Dentistas e clínicas odontológicas");
    await form.getByRole("button", { name: "Criar" }).click();
    await form.locator('[aria-invalid="true"]').first().waitFor();
    expect(await form.getByLabel("Nome").getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("Nome").fill(personaName);
    await form.getByLabel("Perfil").selectOption("salesperson");
    await form.getByLabel("Palavras de tom (separadas por vírgula)").fill("técnico, próximo, confiável");
    await form
      .getByLabel("Faça (uma regra por linha)", { exact: true })
      .fill("Cite tolerâncias\nUse exemplos reais");
    await form.getByLabel("Não faça (uma regra por linha)").fill("Prometer prazos");
    await form.getByRole("button", { name: "Criar" }).click();

    const card = personas.getByRole("listitem", { name: personaName });
    await card.waitFor();
    expect(await card.textContent()).toContain("Vendedor");
    expect(await card.textContent()).toContain("confiável");
    await shot(page, "library-02-persona-created");

    await card.getByRole("button", { name: `Editar persona ${personaName}` }).click();
    const edit = card.getByRole("form", { name: `Editar persona ${personaName}` });
    expect(await edit.getByLabel("Faça (uma regra por linha)", { exact: true }).inputValue()).toBe(
      "Cite tolerâncias\nUse exemplos reais",
    );
    await edit.getByLabel("Público").fill("Engenheiros de compras de fabricantes de implantes");
    await edit.getByRole("button", { name: "Salvar" }).click();
    await card
      .locator('[data-field="audience"]')
      .filter({ hasText: "Engenheiros de compras de fabricantes de implantes" })
      .waitFor();

    const res = await page.request.get("/api/personas");
    const items = ((await res.json()) as { items: { name: string; audience: string; doRules: string[] }[] })
      .items;
    const saved = items.find((p) => p.name === personaName);
    expect(saved?.audience).toBe("Engenheiros de compras de fabricantes de implantes");
    expect(saved?.doRules).toEqual(["Cite tolerâncias", "Use exemplos reais"]);
  });

  it("creates a product, uploads a picture and refuses a fake PNG", async () => {
    const products = page.getByRole("region", { name: "Produtos" });
    await products.getByRole("button", { name: "Novo produto" }).click();
    const form = products.getByRole("form", { name: "Novo produto" });
    await form.getByLabel("Nome").fill(productName);
    await form.getByLabel("Categoria").selectOption("medical");
    await form.getByLabel("Descrição").fill("Parafuso ortopédico usinado em titânio grau 5.");
    await form.getByRole("button", { name: "Criar" }).click();

    const card = products.getByRole("listitem", { name: productName });
    await card.waitFor();
    expect(await card.textContent()).toContain("Médico");

    // A confidential picture (not public).
    await card.getByRole("button", { name: "Adicionar imagem" }).click();
    let upload = card.getByRole("form", { name: `Adicionar imagem: ${productName}` });
    await upload
      .getByLabel("Arquivo (PNG, JPEG ou WebP, até 10 MB)")
      .setInputFiles({ name: "pixel.png", mimeType: "image/png", buffer: PNG });
    await upload.getByRole("button", { name: "Enviar imagem" }).click();
    const thumb = card.locator("li[data-image-id] img");
    await thumb.first().waitFor();
    expect(await card.getByText("confidencial").count()).toBe(1);
    // The thumbnail actually loads.
    await expect
      .poll(() => thumb.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);

    // A text file named .png is refused by content, with the API's message beside the input.
    await card.getByRole("button", { name: "Adicionar imagem" }).click();
    upload = card.getByRole("form", { name: `Adicionar imagem: ${productName}` });
    const fileInput = upload.getByLabel("Arquivo (PNG, JPEG ou WebP, até 10 MB)");
    await fileInput.setInputFiles({
      name: "not-an-image.png",
      mimeType: "image/png",
      buffer: Buffer.from("this is plain text, not a picture\n"),
    });
    await upload.getByLabel("Pode ser exibida publicamente").check();
    await upload.getByRole("button", { name: "Enviar imagem" }).click();
    await upload.getByText("Upload a PNG, JPEG or WebP image (checked by content).").waitFor();
    expect(await fileInput.getAttribute("aria-invalid")).toBe("true");
    expect(await card.locator("li[data-image-id]").count()).toBe(1);
    await shot(page, "library-03-products");
  });

  it("is forbidden for sales", async () => {
    const other = await newPage(browser);
    try {
      await signIn(other.page, "sales", "/");
      await other.page.goto("/content/library");
      await other.page.getByRole("heading", { level: 1, name: "Sem permissão" }).waitFor();
    } finally {
      await other.context.close();
    }
  });
});
