import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations, historyPanel, launch, newPage, screenshot, signIn } from "./helpers";

// #17.8: every screen at phone, tablet and laptop widths, without sideways scrolling, with every
// header control and every nav item of the role reachable. One signed-in admin page, resized.

let browser: Browser;
let context: BrowserContext;
let page: Page;
const screens: { name: string; path: string }[] = [
  { name: "home", path: "/" },
  { name: "content", path: "/content" },
  { name: "library", path: "/content/library" },
  { name: "leads", path: "/leads" },
  { name: "outreach", path: "/outreach" },
  { name: "overview", path: "/admin" },
  { name: "monitor", path: "/admin/jobs" },
  { name: "settings", path: "/settings" },
];
const WIDTHS = [390, 768, 1280, 1440] as const;
const ADMIN_NAV = ["Início", "Content Studio", "Leads", "Visão geral", "Job Monitor", "Configurações"];
ADMIN_NAV.push("Outreach");

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "admin");
  const leads = (await (await page.request.get("/api/leads?limit=1")).json()) as { items: { id: string }[] };
  if (leads.items[0]) screens.push({ name: "lead-detail", path: `/leads/${leads.items[0].id}` });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function overflow(p: Page) {
  return p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

/** True when the element's box is fully inside the viewport horizontally. */
async function inView(p: Page, box: { x: number; width: number } | null) {
  const inner = await p.evaluate(() => window.innerWidth);
  return !!box && box.x >= 0 && box.x + box.width <= inner + 0.5;
}

describe("layout at 390, 768, 1280 and 1440 px", () => {
  for (const width of WIDTHS) {
    it(`no screen scrolls sideways at ${width} px, and the header and nav are all reachable`, async () => {
      await page.setViewportSize({ width, height: 844 });
      const wide: string[] = [];
      for (const s of screens) {
        await page.goto(s.path);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        const o = await overflow(page);
        if (o.scroll > o.inner) wide.push(`${s.name}: scrollWidth ${o.scroll} > ${o.inner}`);
        if (width === 390) await screenshot(page, `layout-${width}-${s.name}`);
      }
      expect(wide, wide.join("\n")).toEqual([]);

      // Every header control is on screen, and all of the admin's sections are in the nav.
      await page.goto("/");
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      for (const name of [/Ativar tema escuro/, /Histórico de jobs/, /^Sair$/]) {
        const b = page.getByRole("button", { name }).first();
        expect(await inView(page, await b.boundingBox()), `${name} at ${width}`).toBe(true);
      }
      expect(await inView(page, await page.getByLabel("Idioma").boundingBox())).toBe(true);
      const nav = page.locator("nav[aria-label='Navegação principal']:visible");
      for (const name of ADMIN_NAV) {
        const link = nav.getByRole("link", { name, exact: true });
        expect(await inView(page, await link.boundingBox()), `${name} at ${width}`).toBe(true);
      }
    }, 240_000);
  }

  it("on a phone the job history is a drawer, not a panel under every page; Esc closes it", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/leads");
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    // Closed on arrival (once hydrated), so it is not a panel in the page's flow.
    await page.locator("#job-history").waitFor({ state: "hidden" });
    const toggle = page.getByRole("button", { name: /Histórico de jobs/ });
    await toggle.click();
    const panel = historyPanel(page);
    await panel.waitFor();
    expect(await inView(page, await panel.boundingBox())).toBe(true);
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(page, "history drawer at 390 px");
    await screenshot(page, "layout-390-history-drawer");
    await panel.getByRole("button").first().focus();
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("an empty leads list at 390 px still scrolls from the keyboard (its region takes focus)", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/leads?q=zz-nenhuma-empresa-assim");
    const region = page.getByRole("region", { name: "Leads ranqueados" });
    await region.getByText(/Nenhum lead/).waitFor();
    // Nothing inside takes focus (no row, no checkbox), so the region itself must (axe:
    // scrollable-region-focusable), and the Tab key must reach it.
    await expectNoSeriousA11yViolations(page, "empty leads list at 390 px");
    await region.focus();
    expect(
      await region.evaluate((el) => el === document.activeElement && el.scrollWidth > el.clientWidth),
    ).toBe(true);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });

  it("at 1440 px with the history open, the Job Monitor's actions are visible", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/admin/jobs");
    await historyPanel(page).waitFor();
    const row = page.getByRole("table", { name: "Jobs" }).locator("tbody tr[data-job-id]").first();
    await row.waitFor();
    // The link must be inside the table's visible (scrolling) box, not clipped by it.
    const fits = await row.getByRole("link", { name: /^Detalhes/ }).evaluate((el) => {
      const box = el.getBoundingClientRect();
      const clip = el.closest(".overflow-x-auto")?.getBoundingClientRect();
      return !!clip && box.left >= clip.left && box.right <= clip.right + 0.5;
    });
    expect(fits).toBe(true);
    await screenshot(page, "layout-1440-monitor-history-open");
  });
});
