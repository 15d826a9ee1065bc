import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiPost, launch, newPage, screenshot, signIn, waitLive } from "./helpers";

// "Portuguese all the way" (#17.6): the main pt-BR screens, with jobs that retried, failed, were
// cancelled and are running, must not show the engine's, the ranking service's or the governor's
// English, nor stage keys. Text inside <pre>/<code> (a job's raw JSON) is data, not UI.

let browser: Browser;
let context: BrowserContext;
let page: Page;

/** English a pt-BR screen must not show (whole words, case as written). */
const ENGLISH = [
  "Queued",
  "Running",
  "Succeeded",
  "Failed",
  "Cancelled",
  "Retried",
  "retrying",
  "Attempt",
  "Processing",
  "Finishing",
  "Started",
  "Sleeping",
  "Dormindo",
  "Stage",
  "saved",
  "Dead-lettered",
  "children",
  "sleep",
  "finish",
  "Base score",
  "Segment",
  "Global brand",
  "Has R&D",
  "years in business",
  "Serves",
  "employees",
  "Engagement",
  "Score limited",
  "revert to",
  "Daily limit",
  "spending limit",
  "Heads up",
  "paused until",
  "outside active hours",
  "weekly cap",
  "random gap",
  "drawn limit",
  "already granted",
  "Loading",
  "Error",
];
const PATTERN = new RegExp(
  `(?<![\\w-])(${ENGLISH.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\w-])`,
);

/** The text a person sees or hears on the page (aria labels and values too), without raw JSON. */
async function visibleText(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null) =>
      !el || el.closest("pre, code, script, style, noscript, template") !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (skip(el) || !el?.checkVisibility()) continue;
      const t = n.textContent?.trim();
      if (t) out.push(t);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [aria-valuetext], [title]")) {
      if (skip(el)) continue;
      for (const a of ["aria-label", "aria-valuetext", "title"]) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

async function expectPortuguese(p: Page, name: string) {
  const lines = await visibleText(p);
  // The check reads the page itself (navigation, history), not an empty shell.
  expect(lines).toContain("Histórico de jobs");
  const english = lines.filter((l) => PATTERN.test(l));
  await screenshot(p, `i18n-${name}`);
  expect(english, `English on ${name} (${p.url()})`).toEqual([]);
}

async function waitJob(p: Page, id: string, statuses: string[], timeout = 60_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const { job } = (await (await p.request.get(`/api/jobs/${id}`)).json()) as { job: { status: string } };
    if (statuses.includes(job.status)) return job.status;
    await p.waitForTimeout(300);
  }
  throw new Error(`job ${id} did not reach ${statuses.join("/")}`);
}

async function startJob(p: Page, type: string, input: unknown): Promise<string> {
  const res = await apiPost<{ job: { id: string } }>(p, "/api/jobs", { type, input });
  expect(res.status).toBe(202);
  return res.body.job.id;
}

const ids: Record<"retried" | "failed" | "cancelled" | "carousel", string> = {
  retried: "",
  failed: "",
  cancelled: "",
  carousel: "",
};

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser));
  await signIn(page, "admin");
  ids.carousel = await startJob(page, "content.carousel", {
    topic: "Usinagem suíça de parafusos ósseos",
    profile: "company",
    slideCount: 3,
  });
  ids.retried = await startJob(page, "system.ping", { sleepMs: 400, failTimes: 1 });
  ids.failed = await startJob(page, "system.ping", { sleepMs: 0, failTimes: 10 });
  ids.cancelled = await startJob(page, "system.ping", { sleepMs: 8000, failTimes: 0 });
  await waitJob(page, ids.cancelled, ["running"]);
  expect((await apiPost(page, `/api/jobs/${ids.cancelled}/cancel`, {})).status).toBe(200);
  await waitJob(page, ids.retried, ["succeeded"]);
  await waitJob(page, ids.failed, ["failed"]);
  await waitJob(page, ids.carousel, ["succeeded", "failed"], 90_000);
}, 150_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("pt-BR screens say everything in Portuguese (#17.6)", () => {
  it("the word list catches what the engine and the ranking service write in English", () => {
    for (const english of [
      "Attempt 1 failed (ping_failed); retrying in 1 s",
      'Stage "children" saved',
      "900 employees",
      "Score limited to 0–10",
      "Cancelled by 01ABC",
    ])
      expect(PATTERN.test(english), english).toBe(true);
    for (const pt of ["Tentativa 1 falhou", 'Etapa "Gerando os posts" salva', "Pontuação limitada a 0–10"])
      expect(PATTERN.test(pt), pt).toBe(false);
  });

  it("a job that failed once and then succeeded: events, stages and waits in Portuguese", async () => {
    await page.goto(`/jobs/${ids.retried}`);
    await waitLive(page);
    const log = page.getByRole("list", { name: /Eventos/ });
    await log.getByText(/^Tentativa 1 falhou: .* Nova tentativa em [\d,]+ s\.$/).waitFor();
    await log.getByText("Aguardando · 4/4").first().waitFor();
    await log.getByText("Concluído", { exact: true }).waitFor();
    await log.getByText("Em execução (tentativa 2)").waitFor();
    await expectPortuguese(page, "job-retried");
  });

  it("a failed job and a cancelled one: the reason and who cancelled, never an id", async () => {
    await page.goto(`/jobs/${ids.failed}`);
    await waitLive(page);
    await page
      .getByRole("list", { name: /Eventos/ })
      .getByText(/^Falhou: /)
      .waitFor();
    await expectPortuguese(page, "job-failed");
    await page.goto(`/jobs/${ids.cancelled}`);
    await waitLive(page);
    await page
      .getByRole("list", { name: /Eventos/ })
      .getByText("Cancelado por você")
      .waitFor();
    await expectPortuguese(page, "job-cancelled");
  });

  it("a carousel's job names its stages ('Estrategista'…), not their keys", async () => {
    await page.goto(`/jobs/${ids.carousel}`);
    await waitLive(page);
    await page
      .getByRole("list", { name: /Eventos/ })
      .getByText(/^Etapa "Estrategista" salva$/)
      .waitFor();
    await expectPortuguese(page, "job-carousel");
  });

  it("the Job Monitor while a job runs shows its stage and count", async () => {
    const running = await startJob(page, "system.ping", { sleepMs: 10_000, failTimes: 0 });
    await page.goto("/admin/jobs");
    await waitLive(page);
    const row = page.getByRole("table", { name: "Jobs" }).locator(`tr[data-job-id="${running}"]`);
    await row.getByText(/^Aguardando · [1-4]\/4$/).waitFor({ timeout: 20_000 });
    await expectPortuguese(page, "job-monitor");
    await waitJob(page, running, ["succeeded"]);
  });

  it("home, content, leads, a lead, outreach, overview and settings", async () => {
    const leads = (await (await page.request.get("/api/leads?limit=1")).json()) as {
      items: { id: string }[];
    };
    const screens = [
      ["home", "/"],
      ["content", "/content"],
      ["content-detail", `/content/${ids.carousel}`],
      ["leads", "/leads"],
      ["lead-detail", `/leads/${leads.items[0]?.id ?? "none"}`],
      ["outreach", "/outreach"],
      ["admin-overview", "/admin"],
      ["settings", "/settings"],
    ] as const;
    for (const [name, path] of screens) {
      await page.goto(path);
      await waitLive(page);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await expectPortuguese(page, name);
    }
  });
});
