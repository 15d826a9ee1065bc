import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, screenshot, signIn } from "./helpers";
import { workbook } from "./workbook";

/** A Brazilian medical-device sheet: `;`, BOM, its own headers, "ISO 13485; ANVISA", empty cells, one bad row. */
const CSV = path.resolve(import.meta.dirname, "fixtures/leads-medical-br.csv");
const VALID = [
  "Ortoimplantes Vale do Paraíba Ltda",
  "Odontotécnica Ribeirão S.A.",
  "Cirúrgica Araucária Instrumentos",
  "Distribuidora Médica Açaí",
  "Próteses Gaúchas Ltda",
  "Veterinária Ortovet",
];

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

type ApiLead = {
  company: string;
  city: string | null;
  yearsInBusiness: number | null;
  hasRnd: boolean | null;
  tier: number | null;
  employees: number | null;
  certifications: string[];
};
async function leadNamed(p: Page, company: string): Promise<ApiLead | undefined> {
  const res = await p.request.get(`/api/leads?q=${encodeURIComponent(company)}&limit=100`);
  const { items } = (await res.json()) as { items: ApiLead[] };
  return items.find((l) => l.company === company);
}

describe("importing a real spreadsheet through the preview", () => {
  it("downloads the template, previews a pt-BR CSV, remaps a column and imports every valid row", async () => {
    // The template: `;`, BOM, header in Portuguese.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Baixar modelo" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("modelo-leads.csv");
    const template = readFileSync(await download.path());
    expect([...template.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(template.toString("utf8").slice(1)).toMatch(
      /^Empresa;Site;Segmento;Tier;Produtos;Cidade;Estado;País;/,
    );

    // Cancel leaves nothing behind.
    await page.getByLabel("Importar CSV").setInputFiles(CSV);
    const panel = page.getByRole("region", { name: "Pré-visualização da importação" });
    await panel.getByText("7 linhas · 6 válidas · 1 com problemas").waitFor();
    await panel.getByRole("button", { name: "Cancelar" }).click();
    await panel.waitFor({ state: "detached" });
    expect(await page.locator('[data-lead-job="leads.import"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      "⤒ Importar CSV ou Excel",
    );

    // Choose the file again: the preview has the focus, the headers are mapped, the bad row is named.
    await page.getByLabel("Importar CSV").setInputFiles(CSV);
    await panel.getByText("7 linhas · 6 válidas · 1 com problemas").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("import-preview-title");
    await panel.locator("[data-preview-encoding]").getByText("lido como UTF-8").waitFor();
    const field = (header: string) => panel.getByLabel(`Campo da coluna “${header}”`);
    await expect(field("Razão Social").inputValue()).resolves.toBe("company");
    await expect(field("Certificações").inputValue()).resolves.toBe("certifications");
    await expect(field("P&D").inputValue()).resolves.toBe("hasRnd");
    await expect(field("Porte").inputValue()).resolves.toBe("");
    await panel
      .locator('[data-problem-line="5"]')
      .getByText("Linha 5: Funcionários deve ser um número (ex.: 1.200 ou 12,5).")
      .waitFor();
    // Rows as they will be stored: 1.200 → 1.200 employees, the certifications split.
    const first = panel.locator('tr[data-preview-row="2"]');
    await first.getByRole("cell", { name: "1.200", exact: true }).waitFor();
    await first.getByRole("cell", { name: "ISO 13485; ANVISA", exact: true }).waitFor();
    // The cell a problem is about stands out.
    await panel.locator('tr[data-preview-row="5"] td[data-problem]').getByText("cerca de 50").waitFor();
    await screenshot(page, "leads-import-01-preview");

    // "Porte" holds the tier in this sheet: map it (keyboard-selectable select), the preview follows.
    await field("Porte").selectOption("tier");
    await expect.poll(() => first.locator("td").nth(4).textContent()).toBe("1");
    await expect(field("Porte").inputValue()).resolves.toBe("tier");
    await panel.getByText("7 linhas · 6 válidas · 1 com problemas").waitFor();
    await screenshot(page, "leads-import-02-remapped");

    await panel.getByRole("button", { name: "Importar 6 linhas válidas" }).click();
    await panel.waitFor({ state: "detached" });
    const card = page.locator('[data-lead-job="leads.import"]').first();
    await card.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 30_000 });
    await card
      .locator("[data-import-summary]")
      .getByText(/^6 criados · 0 mesclados · 0 sem mudança · 1 inválidos/)
      .waitFor();
    await screenshot(page, "leads-import-03-imported");

    // Every valid lead exists, with the remapped tier and the certifications as written.
    for (const company of VALID) expect(await leadNamed(page, company), company).toBeDefined();
    expect(await leadNamed(page, "Hospitalar Nordeste Equipamentos")).toBeUndefined();
    await expect(leadNamed(page, "Ortoimplantes Vale do Paraíba Ltda")).resolves.toMatchObject({
      tier: 1,
      employees: 1200,
      certifications: ["ISO 13485", "ANVISA"],
    });
    await expect(leadNamed(page, "Distribuidora Médica Açaí")).resolves.toMatchObject({
      tier: 3,
      employees: null,
    });
  });

  it("Excel's own CSV (Windows-1252, not UTF-8) keeps every accent, and the preview says how it was read", async () => {
    const company = `Cirúrgica São José – Instrumentação ${Date.now()}`;
    const text = `Razão Social;Cidade;Segmento\r\n${company};Ribeirão Preto;Instrumentos Cirúrgicos\r\n`;
    // Latin-1 is Windows-1252 but for 0x80–0x9F; the en dash Excel's autocorrect types is 0x96 there.
    const buffer = Buffer.from(Array.from(text, (ch) => (ch === "–" ? 0x96 : ch.charCodeAt(0))));
    await page
      .getByLabel("Importar CSV")
      .setInputFiles({ name: "leads-excel.csv", mimeType: "text/csv", buffer });
    const panel = page.getByRole("region", { name: "Pré-visualização da importação" });
    await panel.getByText("1 linha · 1 válida · 0 com problemas").waitFor();
    await panel
      .locator("[data-preview-encoding]")
      .getByText("lido como Windows-1252 (CSV do Excel)")
      .waitFor();
    await panel
      .locator('tr[data-preview-row="2"]')
      .getByRole("cell", { name: company, exact: true })
      .waitFor();
    await screenshot(page, "leads-import-07-windows-1252");
    await panel.getByRole("button", { name: "Importar 1 linha válida" }).click();
    await panel.waitFor({ state: "detached" });
    await expect
      .poll(async () => (await leadNamed(page, company))?.city, { timeout: 30_000 })
      .toBe("Ribeirão Preto");
    // One lead, one word: not "1 leads".
    await page.getByText("Importar 1 lead", { exact: true }).first().waitFor();
  });

  it("an Excel workbook (.xlsx) imports its first sheet; an old .xls is refused with what to do", async () => {
    const company = `Indústria Planilha ${Date.now()}`;
    const buffer = workbook([
      ["Empresa", "Cidade", "Funcionários", "Anos de mercado", "P&D"],
      [company, "Joinville", 1200, 25.5, true],
    ]);
    const type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    await page.getByLabel("Importar CSV").setInputFiles({ name: "leads.xlsx", mimeType: type, buffer });
    const panel = page.getByRole("region", { name: "Pré-visualização da importação" });
    await panel.getByText("1 linha · 1 válida · 0 com problemas").waitFor();
    await panel.locator("[data-preview-encoding]").getByText("planilha do Excel, primeira aba").waitFor();
    // The sheet's numbers as the import reads them: a decimal comma, not "25.5" read as 255.
    const row = panel.locator('tr[data-preview-row="2"]');
    await row.getByRole("cell", { name: "25,5", exact: true }).waitFor();
    await screenshot(page, "leads-import-09-xlsx");
    await panel.getByRole("button", { name: "Importar 1 linha válida" }).click();
    await panel.waitFor({ state: "detached" });
    await expect
      .poll(() => leadNamed(page, company), { timeout: 30_000 })
      .toMatchObject({
        city: "Joinville",
        employees: 1200,
        yearsInBusiness: 25.5,
        hasRnd: true,
      });

    await page.getByLabel("Importar CSV").setInputFiles({
      name: "antigo.xls",
      mimeType: "application/vnd.ms-excel",
      buffer: Buffer.from("xls"),
    });
    await page
      .getByText(/^Arquivos \.xls \(Excel 97–2003\) não são lidos/)
      .first()
      .waitFor();
    expect(await panel.count()).toBe(0);
  });

  it("filters apply as they change (no 'Aplicar'), and the matrix filter reads as ranges", async () => {
    const filters = page.getByRole("search", { name: "Filtros de leads" });
    expect(await filters.getByRole("button", { name: "Aplicar" }).count()).toBe(0);
    await filters.getByLabel("Buscar").pressSequentially("Ortoimplantes Vale", { delay: 20 });
    await page.waitForURL((u) => u.searchParams.get("q") === "Ortoimplantes Vale");
    const table = page.getByRole("table", { name: "Leads ranqueados" });
    await expect.poll(() => table.locator("tbody tr[data-lead-id]").count()).toBe(1);
    // The box kept the focus and every letter while the list followed.
    await expect(filters.getByLabel("Buscar").inputValue()).resolves.toBe("Ortoimplantes Vale");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("q");

    await filters.getByLabel("Ordenar").selectOption("-updatedAt");
    await page.waitForURL(
      (u) => u.searchParams.get("sort") === "-updatedAt" && u.searchParams.get("q") === "Ortoimplantes Vale",
    );
    await filters.getByRole("link", { name: "Limpar" }).click();
    await page.waitForURL((u) => u.search === "");
    // The inputs follow the URL once the page under it has rendered.
    await expect.poll(() => filters.getByLabel("Buscar").inputValue()).toBe("");
    await expect.poll(() => filters.getByLabel("Ordenar").inputValue()).toBe("-priority");

    await page.locator('[data-cell="4,1"]').click();
    await page.waitForURL((u) => u.searchParams.get("cell") === "4,1");
    await page.getByText("Matriz fit × engajamento: Fit 8–10 × Engajamento 20–40").waitFor();
    await screenshot(page, "leads-import-04-filters-matrix");

    // In English: the matrix filter, the template, the preview's choices and problems.
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByText("Fit × engagement matrix: Fit 8–10 × Engagement 20–40").waitFor();
    await expect(page.getByRole("link", { name: "Download template" }).getAttribute("href")).resolves.toBe(
      "/api/leads/import/template.csv?lang=en",
    );
    await page.getByLabel("Import CSV").setInputFiles(CSV);
    const panel = page.getByRole("region", { name: "Import preview" });
    await panel.getByText("7 rows · 6 valid · 1 with problems").waitFor();
    await panel.getByText("Line 5: Employees must be a number (e.g. 1,200 or 12.5).").waitFor();
    await panel.getByLabel("Field for column “Porte”").waitFor();
    await screenshot(page, "leads-import-05-english");
    // On a phone the wide table scrolls inside its region; the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await screenshot(page, "leads-import-06-english-390");
    await page.setViewportSize({ width: 1440, height: 900 });
    await panel.getByRole("button", { name: "Cancel" }).click();
    await page.getByLabel("Language").selectOption("pt-BR");
  });

  it("exports the filtered list as a spreadsheet that opens in Excel pt-BR", async () => {
    await page.goto("/leads?q=Ortoimplantes%20Vale&sort=-updatedAt");
    const link = page.getByRole("link", { name: "Exportar CSV" });
    await expect(link.getAttribute("href")).resolves.toBe(
      "/api/leads/export.csv?sort=-updatedAt&lang=pt-BR&q=Ortoimplantes+Vale",
    );
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = readFileSync(await download.path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Empresa;Site;Segmento;Tier;/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Ortoimplantes Vale do Paraíba Ltda;/);
    expect(lines[1]).toContain(';"ISO 13485; ANVISA";');
    await screenshot(page, "leads-import-08-export");
  });
});
