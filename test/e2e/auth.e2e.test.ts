import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, PASSWORD, screenshot, signIn, USERS, type UserKey } from "./helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const NAV: Record<UserKey, { visible: string[]; hidden: string[] }> = {
  admin: {
    visible: ["Início", "Content Studio", "Leads", "Visão geral", "Job Monitor", "Configurações", "Outreach"],
    hidden: [],
  },
  // Everyone has Settings (their own notifications); only admins see the overview and monitor.
  marketing: {
    visible: ["Início", "Content Studio", "Configurações"],
    hidden: ["Leads", "Visão geral", "Job Monitor", "Outreach"],
  },
  sales: {
    visible: ["Início", "Leads", "Configurações", "Outreach"],
    hidden: ["Content Studio", "Visão geral", "Job Monitor"],
  },
  sales2: {
    visible: ["Início", "Leads", "Configurações", "Outreach"],
    hidden: ["Content Studio", "Visão geral", "Job Monitor"],
  },
};

describe("sign-in", () => {
  it("sends anonymous visitors to the sign-in page and rejects a wrong password", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/admin/jobs");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await screenshot(page, "01-sign-in");
    await page.getByLabel("E-mail").fill(USERS.admin.email);
    await page.getByLabel("Senha").fill("wrong-password");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.locator("#sign-in-error").textContent()).resolves.toContain(
      "E-mail ou senha inválidos.",
    );
    await context.close();
  });

  for (const user of Object.keys(USERS) as UserKey[]) {
    it(`signs in and out as ${user}, with navigation for the role`, async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, user);
      const nav = page.getByRole("navigation", { name: "Navegação principal" }).first();
      for (const name of NAV[user].visible) await nav.getByRole("link", { name, exact: true }).waitFor();
      for (const name of NAV[user].hidden)
        expect(await nav.getByRole("link", { name, exact: true }).count()).toBe(0);
      if (user === "admin") await screenshot(page, "02-home-admin");
      await page.getByRole("button", { name: "Sair" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");
      // The session is gone: protected pages redirect again.
      await page.goto("/");
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      expect(PASSWORD).toBeTruthy();
      await context.close();
    });
  }
});
