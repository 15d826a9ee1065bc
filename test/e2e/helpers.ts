import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";

export const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:5173";
export const PASSWORD = "lifetrek-dev-password";
export const USERS = {
  admin: { email: "admin@lifetrek.local", role: "admin" },
  marketing: { email: "marketing@lifetrek.local", role: "marketing" },
  sales: { email: "sales@lifetrek.local", role: "sales" },
  sales2: { email: "sales2@lifetrek.local", role: "sales" },
} as const;
export type UserKey = keyof typeof USERS;

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser context with a desktop viewport: no cookies, or a session saved from another
 * context (`storageState`), so concurrent pages need not each sign in.
 */
export async function newPage(
  browser: Browser,
  o: { storageState?: BrowserContextOptions["storageState"] } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    storageState: o.storageState,
    baseURL: BASE,
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
  });
  // Generous: a wait ends as soon as its condition holds, and CI machines stall at times.
  context.setDefaultTimeout(25_000);
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`[pageerror] ${err.message}`));
  if (process.env.E2E_CONSOLE) page.on("console", (m) => console.log(`[console] ${m.type()} ${m.text()}`));
  return { context, page };
}

/** Signs in through the form and waits until the live job feed is connected (app hydrated). */
export async function signIn(page: Page, user: UserKey, next = "/") {
  await page.goto(next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(USERS[user].email);
  await page.getByLabel("Senha").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  try {
    await page.waitForURL((url) => url.pathname === next);
  } catch (err) {
    const alert = await page
      .getByRole("alert")
      .textContent({ timeout: 1000 })
      .catch(() => "");
    throw new Error(`sign-in as ${user} did not reach ${next} (page: ${page.url()}, alert: ${alert})`, {
      cause: err,
    });
  }
  await waitLive(page);
}

/** The history panel says "Ao vivo" once the realtime socket said hello. */
export async function waitLive(page: Page) {
  const panel = page.getByRole("complementary", { name: /Histórico de jobs|Job history/ });
  await panel
    .getByRole("status")
    .filter({ hasText: /Ao vivo|Live/ })
    .waitFor()
    .catch(async (err) => {
      // What the page showed instead, for the CI log.
      const state = await panel
        .getByRole("status")
        .allTextContents()
        .catch(() => []);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page
        .screenshot({ path: path.join(SCREENSHOTS, `waitlive-failed-${Date.now()}.png`) })
        .catch(() => {});
      throw new Error(`not live on ${page.url()} (history status: ${JSON.stringify(state)})`, { cause: err });
    });
}

/**
 * A full-page screenshot. Screenshots are the suite's checkpoints (every screen and state a test
 * looks at), so each is also an axe check: a serious or critical WCAG violation fails the test.
 */
export async function screenshot(page: Page, name: string, o: { axe?: boolean } = {}) {
  if (o.axe !== false) await expectNoSeriousA11yViolations(page, `${new URL(page.url()).pathname} (${name})`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** POST to the API from the page's session (same origin, so the session cookie applies). */
export async function apiPost<T>(
  page: Page,
  url: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const res = await page.request.post(url, { data: body, headers: { origin: BASE } });
  return { status: res.status(), body: (await res.json()) as T };
}

export function historyPanel(page: Page) {
  return page.getByRole("complementary", { name: /Histórico de jobs|Job history/ });
}

// --- accessibility (axe-core) ---
// axe's source is read once and injected into the page under test (no bundler, no extra runner).
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now (one line per node). */
export async function a11yViolations(page: Page): Promise<string[]> {
  await settleAnimations(page);
  const has = await page.evaluate(() => "axe" in window);
  if (!has) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    // Toasts stacked behind the front one fade their text out by design (and may be mid-fade):
    // what is readable is the front toast, which stays checked. A toast already leaving
    // (`data-removed`, its timer ran out while axe ran) fades to nothing: not read either.
    const res = await w.axe.run(
      {
        exclude: [['[data-sonner-toast][data-front="false"]'], ['[data-sonner-toast][data-removed="true"]']],
      },
      {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      },
    );
    return res.violations;
  }, AXE_TAGS);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`,
      ),
    );
}

/**
 * Waits (at most 2 s) for the page's finite animations and transitions to end: a toast fading in
 * has blended colours for a moment, and axe would measure that instead of what a reader sees.
 * Spinners and other infinite animations are left alone.
 */
async function settleAnimations(page: Page) {
  await page
    .evaluate(async () => {
      const finite = document
        .getAnimations()
        .filter((a) => a.playState === "running" && a.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.race([
        Promise.allSettled(finite.map((a) => a.finished)),
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
    })
    .catch(() => undefined);
}

/** Fails with a readable list when axe finds a serious or critical WCAG 2.1 A/AA violation. */
export async function expectNoSeriousA11yViolations(page: Page, where = "") {
  let found = await a11yViolations(page);
  // A toast that arrives while axe runs (a job finishing over the socket) is measured mid-fade-in,
  // with blended colours no reader sees. Such a finding is gone a moment later; a real violation
  // is still there, so only what a second, settled run also finds fails the test.
  if (found.length > 0) {
    await page.waitForTimeout(700);
    found = await a11yViolations(page);
  }
  if (found.length > 0) {
    const at = where || new URL(page.url()).pathname;
    throw new Error(`${found.length} serious/critical a11y violation(s) on ${at}:\n  ${found.join("\n  ")}`);
  }
}

/**
 * The toast list (Sonner's region). Toast text is also spoken by the live announcer's hidden
 * region, so a page-wide `getByText` of a toast message finds two elements: look inside this.
 */
export function toasts(page: Page) {
  return page.getByRole("region", { name: /^(Notificações|Notifications) alt/ });
}
