import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, launch, newPage, screenshot, signIn, toasts } from "./helpers";

// #9: the whole outreach loop offline. A salesperson connects a demo LinkedIn account, drafts an
// invitation from a HOT lead's page, approves it, and watches the governor (the stack's cron, on
// the development time-lapse scripts/e2e.mjs asks for) send it; the fake Unipile accepts it
// through the webhook and the lead's score goes up.

let browser: Browser;
let context: BrowserContext;
let page: Page;

type Lead = { id: string; company: string; leadScore: number; heat: string };

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "sales", "/outreach");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Records every status each timeline entry shows, so short states (executing) are seen too. */
async function recordTimeline(p: Page) {
  await p.evaluate(() => {
    const w = window as unknown as { __timeline: Record<string, string[]> };
    w.__timeline ??= {};
    const record = () => {
      for (const el of document.querySelectorAll<HTMLElement>("li[id^='timeline-']")) {
        const id = el.dataset.actionId ?? "";
        const seen = w.__timeline[id] ?? [];
        w.__timeline[id] = seen;
        const status = el.dataset.status ?? "";
        if (seen.at(-1) !== status) seen.push(status);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
}

const seenStatuses = (p: Page, id: string) =>
  p.evaluate((x) => (window as unknown as { __timeline: Record<string, string[]> }).__timeline[x] ?? [], id);

/**
 * HOT leads whose decision maker has a LinkedIn provider id: each invitation is then one action
 * on the account's budget, which the gap and usage checks below count on. (A maker known only by
 * profile URL costs a profile visit too: modules/outreach/target.int.test.ts.)
 */
async function hotLeads(p: Page): Promise<Lead[]> {
  const res = await p.request.get("/api/leads?heat=HOT&sort=score&limit=20");
  expect(res.status()).toBe(200);
  const out: Lead[] = [];
  for (const lead of ((await res.json()) as { items: Lead[] }).items) {
    const detail = (await (await p.request.get(`/api/leads/${lead.id}`)).json()) as {
      lead: { decisionMakers: Array<{ providerId: string | null }> };
    };
    if (detail.lead.decisionMakers.some((m) => m.providerId)) out.push(lead);
  }
  return out;
}

describe("outreach: connect, draft, approve, sent on the governor's clock, reply raises the score", () => {
  it("runs the whole loop offline", async () => {
    // 1. No account yet: connecting makes a demo account, active at once (no Unipile key in dev).
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Outreach" }).count()).toBe(1);
    // The empty state says what connecting does here (the API's `connect`: demo in development).
    await page.getByText("Desenvolvimento sem chave da Unipile", { exact: false }).waitFor();
    await screenshot(page, "outreach-01-empty");
    await page.getByRole("button", { name: "Conectar conta do LinkedIn" }).click();
    await toasts(page).getByText("Conta de demonstração conectada.").waitFor();
    const accountsNav = page.getByRole("navigation", { name: "Contas" });
    await accountsNav.getByText("Ativa").waitFor();
    await expect.poll(() => page.locator("[data-dev-clock]").textContent()).toMatch(/acelerado 60×/);

    // 2. Rules are bounded by the domain: the API's 400 names the field, shown beside it.
    const dailyMax = page.getByLabel("Máximo por dia");
    await dailyMax.fill("99");
    await page.getByRole("button", { name: "Salvar regras" }).click();
    await page
      .locator("#rules-dailyMax-error")
      .getByText(/At most 30/)
      .waitFor();
    expect(await dailyMax.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "outreach-02-rules-error");

    // 3. From a HOT lead's page, one click drafts an invitation (an outreach.draft job).
    const [lead, other] = await hotLeads(page);
    if (!lead || !other) throw new Error("the demo seed has fewer than two HOT leads");
    expect(lead.leadScore).toBeLessThan(10);
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole("button", { name: "Rascunhar convite" }).click();
    await toasts(page).getByText("Rascunho em preparação.").waitFor();
    const draftJob = page.locator("[data-draft-job]");
    await draftJob.getByText("Concluído").waitFor({ timeout: 20_000 });
    await screenshot(page, "outreach-03-lead-drafted");

    // A second draft (another HOT lead, through the API) to see the governor make it wait.
    const account = (
      (await (await page.request.get("/api/outreach/accounts")).json()) as {
        items: Array<{ id: string }>;
      }
    ).items[0];
    const second = await page.request.post("/api/outreach/actions", {
      data: { accountId: account?.id, leadId: other.id, kind: "send_invite" },
    });
    expect(second.status()).toBe(202);
    const secondId = ((await second.json()) as { actionId: string }).actionId;

    // 4. The link leads to the draft in the approval queue, with the AI's text to edit.
    await draftJob.getByRole("link", { name: "Ver na fila de aprovação" }).click();
    await page.waitForURL(/\/outreach\?account=.*#action-/);
    const actionId = new URL(page.url()).hash.replace("#action-", "");
    const item = page.locator(`#action-${actionId}`);
    const text = item.getByRole("textbox", { name: "Texto" });
    await text.waitFor();
    await page.locator(`#action-${secondId} textarea`).waitFor({ timeout: 20_000 });
    await recordTimeline(page);
    await text.fill(`${(await text.inputValue()).trimEnd()} Até breve!`);
    await screenshot(page, "outreach-04-queue");

    // 5. Approve this one (the edit is saved first, then approved), bulk-approve the other.
    await item.getByRole("button", { name: "Aprovar", exact: true }).click();
    await toasts(page).getByText("Aprovado: o governador vai agendar o envio.").waitFor();
    await page.getByRole("button", { name: /Aprovar selecionados/ }).waitFor();
    await page.locator(`#action-${secondId}`).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Aprovar selecionados (1)" }).click();
    await toasts(page).getByText("1 aprovado.").waitFor();

    // 6. The cron's governor sends the first within a tick; the second waits the random gap.
    const first = page.locator(`#timeline-${actionId}`);
    await first.and(page.locator("[data-status='completed']")).waitFor({ timeout: 25_000 });
    // A tick is 10 governor minutes and the shortest gap 15, so the second always waits a tick.
    await expect.poll(() => seenStatuses(page, secondId), { timeout: 15_000 }).toContain("scheduled");
    const log = (
      (await (await page.request.get(`/api/outreach/actions/${secondId}`)).json()) as {
        action: { log: Array<{ decision: string; reason: string }> };
      }
    ).action.log;
    expect(log.find((l) => l.decision === "gap")?.reason).toMatch(/random gap of \d+\.\d min/);
    expect(await seenStatuses(page, actionId)).toContain("completed");
    await expect.poll(() => page.locator("[data-usage='today'] dd").textContent()).toMatch(/^1 de \d+$/);
    const audit = page.getByRole("region", { name: "Registro de auditoria" });
    for (const decision of ["approved", "go", "completed", "gap"])
      await audit.locator(`[data-decision='${decision}']`).first().waitFor();
    // The governor's reason, stored in English for the API, reads in Portuguese here (#17.6).
    const gapRow = audit.locator("[data-decision='gap']").first().locator("td");
    expect(await gapRow.nth(1).textContent()).toBe("intervalo");
    expect(await gapRow.nth(2).textContent()).toMatch(
      /^aguardando o intervalo aleatório de \d+(,\d)? min desde a última ação$/,
    );
    await screenshot(page, "outreach-05-sent-and-scheduled");

    // A person may still stop what waits: cancelled, it never leaves.
    const waiting = page.locator(`#timeline-${secondId}`);
    if ((await waiting.getAttribute("data-status")) !== "completed") {
      await waiting.getByRole("button", { name: "Cancelar envio" }).click();
      await toasts(page).getByText("Envio cancelado.").waitFor();
      await waiting.and(page.locator("[data-status='cancelled']")).waitFor();
    }

    // The same screen in English on the dark theme (axe checks its contrast too).
    const prefs = (locale: string, theme: string) =>
      context.addCookies([
        { name: "lt_locale", value: locale, url: BASE },
        { name: "lt_theme", value: theme, url: BASE },
      ]);
    await prefs("en", "dark");
    await page.reload();
    await page.getByRole("heading", { name: "Governor timeline" }).waitFor();
    await screenshot(page, "outreach-05b-dark-english");
    await prefs("pt-BR", "light");

    // 7. The fake Unipile accepts the invitation through the webhook: the lead's score rises.
    await page.goto(`/leads/${lead.id}`);
    await expect
      .poll(
        // No reload: the page either rendered the new score or its outreach card refreshes it.
        async () => Number(await page.locator("[data-lead-score]").getAttribute("data-lead-score")),
        { timeout: 25_000, interval: 1000 },
      )
      .toBeGreaterThan(lead.leadScore);
    await page.getByText("Convite aceito").first().waitFor();
    await page.locator("[data-lead-action] [data-status='completed']").first().waitFor();
    await screenshot(page, "outreach-06-lead-score-up");
  }, 90_000);

  it("a lead known only by its company page says to enrich it first, instead of offering an invitation", async () => {
    const company = `Só Página ${Date.now()}`;
    const imp = await page.request.post("/api/leads/import", {
      headers: { origin: BASE },
      data: [{ company, linkedinUrl: `https://www.linkedin.com/company/so-pagina-${Date.now()}` }],
    });
    expect(imp.status()).toBe(202);
    const { job } = (await imp.json()) as { job: { id: string } };
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job
            .status,
        {
          timeout: 30_000,
        },
      )
      .toBe("succeeded");
    const found = (await (await page.request.get(`/api/leads?q=${encodeURIComponent(company)}`)).json()) as {
      items: Array<{ id: string }>;
    };
    await page.goto(`/leads/${found.items[0]?.id}`);
    await page
      .locator("[data-no-person]")
      .getByText(/Enriqueça o lead para encontrar um decisor/)
      .waitFor();
    expect(await page.getByRole("button", { name: "Rascunhar convite" }).count()).toBe(0);
    await screenshot(page, "outreach-07-lead-without-person");
  }, 60_000);
});
