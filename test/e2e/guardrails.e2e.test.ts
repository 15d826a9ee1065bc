import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, launch, newPage, screenshot, signIn, waitLive } from "./helpers";

let browser: Browser;
let adminCtx: BrowserContext;
let admin: Page;
let mktCtx: BrowserContext;
let mkt: Page;
let original: Guardrails | undefined;

type Guardrails = { userJobsPerDay: Record<string, number> } & Record<string, unknown>;

beforeAll(async () => {
  browser = await launch();
  ({ context: adminCtx, page: admin } = await newPage(browser));
  ({ context: mktCtx, page: mkt } = await newPage(browser));
  await Promise.all([signIn(admin, "admin", "/settings"), signIn(mkt, "marketing", "/settings")]);
  original = (await (await admin.request.get("/api/admin/guardrails")).json()) as Guardrails;
});

afterAll(async () => {
  // Other e2e files ping as admin: take the drill limit away again.
  if (admin && original) await putGuardrails(admin, original);
  await adminCtx?.close();
  await mktCtx?.close();
  await browser?.close();
});

/** Full-page shots of a scrolled page show the sticky header mid-page: start from the top. */
async function shot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  await screenshot(p, name);
}

async function putGuardrails(p: Page, g: Guardrails) {
  const res = await p.request.put("/api/admin/guardrails", { data: g, headers: { origin: BASE } });
  expect(res.status()).toBe(200);
}

type Prices = {
  models: Record<string, { inputPerMTok: number; outputPerMTok: number; estimateUsd: number }>;
};

async function getPrices(p: Page): Promise<Prices> {
  const res = await p.request.get("/api/admin/prices");
  expect(res.status()).toBe(200);
  return (await res.json()) as Prices;
}

async function putPrices(p: Page, overrides: Prices["models"]) {
  const res = await p.request.put("/api/admin/prices", { data: overrides, headers: { origin: BASE } });
  expect(res.status()).toBe(200);
}

// The live announcer repeats a toast's text off-screen; look inside the toast region only.
const toasts = (p: Page) => p.getByRole("region", { name: /Notificações alt/ });
const indicator = (p: Page) => p.locator("header button[aria-controls][data-level]");

describe("spending limits and notification settings", () => {
  it("an admin adds a per-type daily limit (system.ping: 1) in Settings", async () => {
    const limits = admin.getByRole("region", { name: "Limites de gastos" });
    await limits.getByRole("button", { name: /Adicionar tipo/ }).click();
    await limits
      .getByLabel(/^Tipo de job \d+$/)
      .last()
      .fill("system.ping");
    await limits.getByLabel("Por dia (system.ping)").fill("1");
    await limits.getByRole("button", { name: "Salvar" }).click();
    await toasts(admin).getByText("Limites salvos.").waitFor();

    // The kill switch asks before it flips; dismissing leaves it off.
    await limits.getByRole("switch", { name: /Interruptor geral/ }).click();
    const dialog = admin.getByRole("dialog", { name: "Pausar toda a geração com IA?" });
    await dialog.waitFor();
    await shot(admin, "settings-kill-switch-confirm");
    await dialog.getByRole("button", { name: "Voltar" }).click();
    expect(await limits.getByRole("switch").getAttribute("aria-checked")).toBe("false");

    await admin.reload();
    await waitLive(admin);
    expect(await limits.getByLabel("Por dia (system.ping)").inputValue()).toBe("1");
    expect(await limits.getByLabel("Carrosséis por usuário por dia").inputValue()).toBe("10");
    await shot(admin, "settings-admin");
  });

  it("a marketing user saves notification settings, with a field error first, and they persist", async () => {
    const n = mkt.getByRole("region", { name: "Notificações", exact: true });
    await n.getByLabel("Ativar notificações").check();
    await n.getByLabel("Somente quando um job falhar").check();
    await n.getByLabel("E-mail").fill("marketing@lifetrek.local");
    const slack = n.getByLabel("URL do webhook do Slack");
    await slack.fill("https://example.com/not-slack");
    await n.getByRole("button", { name: "Salvar" }).click();
    await n.getByText("Use uma URL de webhook do Slack (https://hooks.slack.com/…).").waitFor();
    expect(await slack.getAttribute("aria-invalid")).toBe("true");
    await shot(mkt, "settings-notifications-error");

    await slack.fill("https://hooks.slack.com/services/T000/B000/XXXX");
    await n.getByRole("button", { name: "Salvar" }).click();
    await toasts(mkt).getByText("Notificações salvas.").waitFor();
    await mkt.reload();
    await waitLive(mkt);
    expect(await n.getByLabel("Ativar notificações").isChecked()).toBe(true);
    expect(await n.getByLabel("Somente quando um job falhar").isChecked()).toBe(true);
    expect(await n.getByLabel("E-mail").inputValue()).toBe("marketing@lifetrek.local");
    expect(await slack.inputValue()).toBe("https://hooks.slack.com/services/T000/B000/XXXX");
    await mkt.getByRole("region", { name: "Caixa de saída" }).waitFor();
  });

  it("the marketing user hits the limit: the API's pt-BR message and the indicator say so", async () => {
    expect(await indicator(mkt).getAttribute("data-level")).toBe("ok");
    const card = mkt.getByRole("region", { name: "Job de teste" });
    const refusal = card.getByRole("alert");
    // The first ping is within the limit; the next one is refused (a rerun may refuse at once).
    for (let i = 0; i < 3 && !(await refusal.isVisible()); i++) {
      await card.getByRole("button", { name: "Executar job de teste" }).click();
      await mkt.waitForFunction(
        () =>
          !document.querySelector<HTMLButtonElement>('[aria-labelledby="test-job-title"] button')?.disabled,
      );
      await refusal.waitFor({ timeout: 1500 }).catch(() => undefined);
    }
    expect(await refusal.textContent()).toBe(
      `Limite diário de "Ping" atingido (1 por dia). Tente novamente amanhã.`,
    );
    // The same text as an error toast.
    await mkt
      .getByRole("region", { name: /Notificações alt/ })
      .getByText(`Limite diário de "Ping" atingido (1 por dia). Tente novamente amanhã.`)
      .waitFor();

    // The header indicator refreshed and shows the limit reached; its popover names the type.
    await mkt.locator('header button[aria-controls][data-level="limit"]').waitFor();
    // It names the limit that is hit, not a bare "limite atingido" (issue #15).
    expect(await indicator(mkt).textContent()).toContain("1 de 1 pings de teste hoje");
    await indicator(mkt).click();
    const details = mkt.getByRole("dialog", { name: "Limites diários" });
    await details.getByText("system.ping").waitFor();
    expect(await details.locator('[data-level="limit"]').getByText("1 / 1").count()).toBe(1);
    await details.getByText(/Os limites diários reiniciam em \d+ h \d+ min\./).waitFor();
    await shot(mkt, "settings-limit-reached");

    // Nothing was enqueued by a refusal: the API answers 429 with Retry-After.
    const res = await mkt.request.post("/api/jobs", {
      data: { type: "system.ping", input: {} },
      headers: { origin: BASE },
    });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
  });

  it("spending past 80 % shows the banner when the job finishes; the admin sees alerts and charts", async () => {
    // A $1 personal budget, then a ping that simulates a $0.90 paid call: the indicator and the
    // banner refresh when the job finishes (live), with no reload.
    const g = (await (await admin.request.get("/api/admin/guardrails")).json()) as Guardrails;
    await putGuardrails(admin, { ...g, userDailyUsd: 1 });
    const res = await admin.request.post("/api/jobs", {
      data: { type: "system.ping", input: { spendUsd: 0.9 } },
      headers: { origin: BASE },
    });
    expect(res.status()).toBe(202);
    const banner = admin.getByTestId("usage-banner");
    await banner
      .getByText(/Atenção: 90 % do limite de gastos de hoje já foi usado/)
      .waitFor({ timeout: 20_000 });
    // (Its level is "limit": this admin also used today's single system.ping.)
    await indicator(admin).getByText("Hoje: US$ 0,90 / US$ 1,00").waitFor();
    await shot(admin, "settings-banner");

    await admin.reload();
    await waitLive(admin);
    const alerts = admin.getByRole("region", { name: "Alertas recentes" });
    await alerts.locator('li[data-kind="limit_exceeded"]').first().waitFor();
    await alerts
      .getByText(/Limite diário de "Ping" atingido/)
      .first()
      .waitFor();
    await shot(admin, "settings-alerts");

    await admin
      .getByRole("navigation", { name: "Navegação principal" })
      .first()
      .getByRole("link", { name: "Visão geral" })
      .click();
    await admin.waitForURL((u) => u.pathname === "/admin");
    await admin.getByRole("heading", { name: "Visão geral", level: 1 }).waitFor();
    const byType = admin.getByRole("list", { name: "Jobs por tipo" });
    await byType.locator('li[data-key="system.ping"]').waitFor();
    await admin.getByRole("img", { name: /Taxa de falha: / }).waitFor();
    await shot(admin, "settings-admin-overview");
  });

  it("an admin edits the AI price table: a field error first, then the saved price persists", async () => {
    const before = await getPrices(admin);
    const original = before.models["gemini-2.5-flash"]?.outputPerMTok;
    expect(original).toBeGreaterThan(0);
    const next = original === 3.75 ? 4.25 : 3.75;
    try {
      await admin.goto("/settings");
      await waitLive(admin);
      const prices = admin.getByRole("region", { name: "Tabela de preços de IA" });
      const input = prices.getByLabel("Entrada (US$/1M tokens) — gemini-2.5-flash", { exact: true });
      const output = prices.getByLabel("Saída (US$/1M tokens) — gemini-2.5-flash", { exact: true });
      expect(await output.inputValue()).toBe(String(original));

      // An empty price is refused by the API; the error sits next to that input only.
      const inputBefore = await input.inputValue();
      await input.fill("");
      await prices.getByRole("button", { name: "Salvar preços" }).click();
      await prices.getByText("Informe um número maior ou igual a zero.").waitFor();
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect(await output.getAttribute("aria-invalid")).toBeNull();

      await input.fill(inputBefore);
      await output.fill(String(next));
      await prices.getByRole("button", { name: "Salvar preços" }).click();
      await toasts(admin).getByText("Preços salvos.").waitFor();
      expect(await input.getAttribute("aria-invalid")).toBeNull();

      await admin.reload();
      await waitLive(admin);
      expect(await output.inputValue()).toBe(String(next));
      expect(await input.inputValue()).toBe(inputBefore);
      expect((await getPrices(admin)).models["gemini-2.5-flash"]?.outputPerMTok).toBe(next);
      await shot(admin, "settings-prices");
    } finally {
      // Back to the defaults; if the run started with saved overrides, put those values back.
      await putPrices(admin, {});
      const after = await getPrices(admin);
      if (after.models["gemini-2.5-flash"]?.outputPerMTok !== original) await putPrices(admin, before.models);
    }
    expect((await getPrices(admin)).models["gemini-2.5-flash"]?.outputPerMTok).toBe(original);
  });
});
