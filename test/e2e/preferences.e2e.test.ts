import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, launch, newPage, screenshot, signIn, waitLive } from "./helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const accentBar = "header > div[aria-hidden='true']";

/** Waits until the profile bar has settled on a colour (it animates between the two). */
async function accentIs(page: Page, rgb: string) {
  await page.waitForFunction(
    ([sel, want]) => {
      const el = document.querySelector(sel as string);
      return !!el && getComputedStyle(el).backgroundColor === want;
    },
    [accentBar, rgb],
  );
}

describe("preferences", () => {
  it("switching the profile changes the indicator and is persisted", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "sales");
    const profile = page.getByRole("group", { name: "Perfil ativo" });
    expect(await profile.getByRole("radio", { name: "Empresa" }).isChecked()).toBe(true);
    await accentIs(page, "rgb(0, 79, 143)");

    await profile.getByText("Vendedor").click();
    expect(await profile.getByRole("radio", { name: "Vendedor" }).isChecked()).toBe(true);
    await page.waitForFunction(() => document.documentElement.dataset.profile === "salesperson");
    await accentIs(page, "rgb(26, 122, 62)");
    await page.getByRole("link", { name: "Leads", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Leads" }).waitFor();
    // The choice follows the user across pages (lists filtered by it are checked in content.e2e).
    await accentIs(page, "rgb(26, 122, 62)");
    await screenshot(page, "10-profile-salesperson");

    await page.reload();
    await waitLive(page);
    expect(
      await page
        .getByRole("group", { name: "Perfil ativo" })
        .getByRole("radio", { name: "Vendedor" })
        .isChecked(),
    ).toBe(true);
    await accentIs(page, "rgb(26, 122, 62)");
    await context.close();
  });

  it("switching the language changes the UI text and is persisted", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "admin");
    await page.getByRole("heading", { level: 1, name: /^Olá,/ }).waitFor();
    // A job is named as a person would say it, in the reader's language (#15).
    const started = await page.request.post("/api/jobs", {
      headers: { origin: BASE },
      data: { type: "content.blog", input: { topic: "Rugosidade de implantes", category: "educacional" } },
    });
    expect(started.status()).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    const item = page.locator(`#job-history li[data-job-id="${job.id}"]`);
    await item.getByText("Post de blog: Rugosidade de implantes").waitFor();
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("heading", { level: 1, name: /^Hello,/ }).waitFor();
    await item.getByText("Blog post: Rugosidade de implantes").waitFor();
    const nav = page.getByRole("navigation", { name: "Main navigation" }).first();
    await nav.getByRole("link", { name: "Settings", exact: true }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
    await screenshot(page, "11-home-english-dark");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: /^Hello,/ }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByLabel("Language").selectOption("pt-BR");
    await page.getByRole("button", { name: "Sair" }).waitFor();
    await page.getByRole("button", { name: "Ativar tema claro" }).click();
    await context.close();
  });
});
