import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiPost, BASE, launch, newPage, screenshot, signIn } from "./helpers";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  // A cold Vite dev server compiles the sign-in page on first load; on a busy machine that alone
  // can pass the 15 s action timeout, so load it once before the timed steps.
  const warm = await newPage(browser);
  await warm.page.goto("/sign-in", { timeout: 55_000 });
  await warm.context.close();
});
afterAll(async () => {
  await browser?.close();
});

const nav = (page: Page) => page.getByRole("navigation", { name: /Navegação principal|Main navigation/ });

describe("real accounts", () => {
  it("invite → accept → sign in with the role; role change and deactivation apply at once", async () => {
    const email = `e2e-${Date.now()}@lifetrek.example`;
    const password = "an-e2e-password-123";

    // Admin invites a salesperson; development shows the one-time link (no mailbox here).
    const admin = await newPage(browser);
    await signIn(admin.page, "admin", "/settings/users");
    await admin.page.getByLabel("E-mail", { exact: true }).fill(email);
    await admin.page.locator('form select[name="role"]').selectOption("sales");
    await admin.page.getByRole("button", { name: "Enviar convite" }).click();
    const link = await admin.page.getByTestId("invite-link").getAttribute("href");
    expect(link).toContain("/invite?token=");
    await screenshot(admin.page, "accounts-01-invite");

    // The invited person accepts and signs in as sales.
    const invited = await newPage(browser);
    await invited.page.goto(new URL(link ?? "", BASE).pathname + new URL(link ?? "", BASE).search);
    await invited.page.getByLabel("Nome").fill("Vera Vendas");
    await invited.page.getByLabel("Senha").fill(password);
    await invited.page.getByRole("button", { name: "Criar conta" }).click();
    await invited.page.waitForURL((u) => u.pathname === "/sign-in");
    await invited.page.getByLabel("E-mail").fill(email);
    await invited.page.getByLabel("Senha").fill(password);
    await invited.page.getByRole("button", { name: "Entrar" }).click();
    await invited.page.waitForURL((u) => u.pathname === "/");
    await expect.poll(() => nav(invited.page).getByRole("link", { name: "Leads" }).count()).toBe(1);
    expect(await nav(invited.page).getByRole("link", { name: "Content Studio" }).count()).toBe(0);
    await screenshot(invited.page, "accounts-02-signed-in-as-sales");

    // The link worked once.
    const again = await newPage(browser);
    await again.page.goto(new URL(link ?? "", BASE).pathname + new URL(link ?? "", BASE).search);
    await again.page.getByText("Este convite já foi usado ou expirou").waitFor();
    await again.context.close();

    // Role change: marketing sees Content Studio on the next page load, no new sign-in.
    await admin.page.reload();
    const row = admin.page.locator(`tr[data-user="${email}"]`);
    await row.getByRole("combobox").selectOption("marketing");
    await admin.page.getByText("Usuário atualizado.").first().waitFor();
    await invited.page.reload();
    await expect.poll(() => nav(invited.page).getByRole("link", { name: "Content Studio" }).count()).toBe(1);
    expect(await nav(invited.page).getByRole("link", { name: "Leads" }).count()).toBe(0);

    // A token made by the user works… until the admin deactivates them; the session ends too.
    const made = await apiPost<{ token: string }>(invited.page, "/api/tokens", {
      name: "etl",
      scopes: ["jobs:read"],
    });
    expect(made.status).toBe(201);
    const withToken = () =>
      fetch(`${BASE}/api/me`, { headers: { authorization: `Bearer ${made.body.token}` } }).then(
        (r) => r.status,
      );
    expect(await withToken()).toBe(200);
    await admin.page.reload();
    await admin.page.locator(`tr[data-user="${email}"]`).getByRole("button", { name: "Desativar" }).click();
    await admin.page.locator(`tr[data-user="${email}"]`).getByText("Desativado").waitFor();
    await screenshot(admin.page, "accounts-03-deactivated");
    expect(await withToken()).toBe(401);
    await invited.page.goto("/");
    expect(new URL(invited.page.url()).pathname).toBe("/sign-in");
    await invited.page.getByLabel("E-mail").fill(email);
    await invited.page.getByLabel("Senha").fill(password);
    await invited.page.getByRole("button", { name: "Entrar" }).click();
    await invited.page.getByRole("alert").waitFor();
    expect(new URL(invited.page.url()).pathname).toBe("/sign-in");

    await invited.context.close();
    await admin.context.close();
    // Many cold page compiles on the dev server (invite, sign-in, settings) on a shared machine.
  }, 240_000);
});
