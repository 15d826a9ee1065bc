import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Content } from "../../app/app/content/types";
import type { Job } from "../../modules/jobs/schema";
import { ISSUE_PAYLOADS, XSS_CORPUS } from "../fixtures/xss-vectors";
import { BASE, launch, newPage, screenshot, signIn } from "./helpers";

let browser: Browser;
const open: BrowserContext[] = [];

/** A signed-in page that records every dialog (alert/confirm/prompt) it would have shown. */
async function as(user: "admin" | "marketing", next: string) {
  const { context, page } = await newPage(browser);
  open.push(context);
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await signIn(page, user, next);
  return { page, dialogs };
}

async function blogDraft(page: Page, topic: string): Promise<string> {
  const res = await page.request.post("/api/jobs", {
    headers: { origin: BASE },
    data: { type: "content.blog", input: { topic, category: "educacional" } },
  });
  expect(res.status()).toBe(202);
  const { job } = (await res.json()) as { job: Job };
  for (let i = 0; i < 120; i++) {
    const res = await page.request.get(`/api/jobs/${job.id}`);
    // A reloading dev API answers 503 for a moment: poll again.
    const j = res.ok() ? ((await res.json()) as { job: Job }).job : null;
    if (j?.status === "succeeded") return job.id;
    if (j?.status === "failed" || j?.status === "cancelled") throw new Error(JSON.stringify(j.error));
    await page.waitForTimeout(500);
  }
  throw new Error("the blog job did not finish");
}

/** Nothing ran: the flag every payload sets is unset, no dialog opened, no handler survived. */
async function expectInert(page: Page, dialogs: string[], scope = "[data-article-body]") {
  // Give toggle/focus/load handlers a moment to fire if any survived.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const bad = await page.evaluate(
    (scope) =>
      [...document.querySelectorAll(`${scope} *`)]
        .filter(
          (el) =>
            [
              "SCRIPT",
              "SVG",
              "IFRAME",
              "OBJECT",
              "EMBED",
              "DETAILS",
              "INPUT",
              "FORM",
              "STYLE",
              "MATH",
            ].includes(el.tagName.toUpperCase()) ||
            [...el.attributes].some(
              (a) => a.name.startsWith("on") || /^\s*(javascript|data:text|vbscript)/i.test(a.value),
            ),
        )
        .map((el) => el.outerHTML.slice(0, 120)),
    scope,
  );
  expect(bad).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of open) await c.close();
  await browser?.close();
});

describe("stored XSS in blog bodies (#12.1) and the editable body (#15)", () => {
  let draftId = "";

  it("a marketer edits the body in Markdown with a live preview; a <script>/onerror payload stays inert", {
    timeout: 180_000,
  }, async () => {
    const { page, dialogs } = await as("marketing", "/content");
    draftId = await blogDraft(page, "Passivação de aço inoxidável em implantes");
    await page.goto(`/content/${draftId}`);
    await page.getByRole("button", { name: "Editar textos" }).click();
    const editor = page.getByLabel("Texto do post (Markdown)");
    await expect.poll(() => editor.isEnabled()).toBe(true);
    expect(await editor.inputValue()).toContain("## ");
    await editor.fill(
      [
        "## Corpo editado no e2e",
        "",
        "Um parágrafo com **negrito** e um [link](https://lifetrek.example/x).",
        "",
        ...ISSUE_PAYLOADS,
        "",
        "- item um",
        "- item dois",
      ].join("\n"),
    );
    const preview = page.getByRole("region", { name: "Pré-visualização" });
    await preview.getByRole("heading", { name: "Corpo editado no e2e" }).waitFor();
    await expectInert(page, dialogs);
    await screenshot(page, "content-security-01-editor");
    await page.getByRole("button", { name: "Salvar alterações" }).click();
    await page.getByText("Alterações salvas.").first().waitFor();

    await page.reload();
    const article = page.locator("article");
    await article.getByRole("heading", { name: "Corpo editado no e2e" }).waitFor();
    await article.getByText("item dois").waitFor();
    await expectInert(page, dialogs);
    const stored = (
      (await (await page.request.get(`/api/content/${draftId}`)).json()) as { content: Content }
    ).content.html;
    expect(stored).toContain("<strong>negrito</strong>");
    // Payloads may survive as escaped text (`&lt;img …&gt;`), never as markup.
    expect(stored).not.toMatch(/<(script|svg|details|iframe|img)\b|<[a-z][^>]*\son\w+\s*=|javascript:/i);
    await screenshot(page, "content-security-02-saved");
  });

  it("as admin, the issue's payloads and an OWASP corpus saved through the API run nothing in Chromium", {
    timeout: 120_000,
  }, async () => {
    const { page, dialogs } = await as("admin", "/");
    const html = XSS_CORPUS.map((p, i) => `<h2>Vetor ${i + 1}</h2><p>${p}</p>`).join("\n");
    const res = await page.request.patch(`/api/content/${draftId}`, {
      headers: { origin: BASE },
      data: { html },
    });
    expect(res.status()).toBe(200);
    await page.goto(`/content/${draftId}`);
    await page
      .locator("article")
      .getByRole("heading", { name: `Vetor ${XSS_CORPUS.length}` })
      .waitFor();
    // Pointer and focus events on everything in the article, so any handler that survived would
    // fire (dispatched in one go: hovering each of the corpus' elements took 90 s), then a real
    // hover over the first of them.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll("article [data-article-body] *")) {
        for (const type of ["pointerover", "mouseover", "mouseenter", "mousemove", "focus", "focusin"]) {
          el.dispatchEvent(new Event(type, { bubbles: type !== "mouseenter" && type !== "focus" }));
        }
      }
    });
    for (const el of await page
      .locator("article p, article img, article a")
      .all()
      .then((a) => a.slice(0, 10))) {
      await el.hover({ timeout: 1000 }).catch(() => undefined);
    }
    await expectInert(page, dialogs);
    // Hostile markup by design (payload images have no alt): axe would only report the corpus itself.
    await screenshot(page, "content-security-03-corpus", { axe: false });
  });

  it("as admin, raw payloads typed into the editor preview (browser-side sanitiser) run nothing", async () => {
    const { page, dialogs } = await as("admin", `/content/${draftId}`);
    await page.getByRole("button", { name: "Editar textos" }).click();
    const editor = page.getByLabel("Texto do post (Markdown)");
    await expect.poll(() => editor.isEnabled()).toBe(true);
    await editor.fill(XSS_CORPUS.map((p, i) => `## Bruto ${i + 1}\n\n${p}\n`).join("\n"));
    await page
      .getByRole("region", { name: "Pré-visualização" })
      .getByRole("heading", { name: `Bruto ${XSS_CORPUS.length}`, exact: true })
      .waitFor();
    await expectInert(page, dialogs);
  });
});

describe("dashboard security headers and CSP (#12.1, #12.6)", () => {
  it("every page has a per-request nonce CSP without 'unsafe-inline' scripts, and injected handlers are blocked", async () => {
    const { page, dialogs } = await as("marketing", "/");
    const [a, b] = [await page.request.get("/content"), await page.request.get("/content")];
    const csp = a.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(b.headers()["content-security-policy"]).not.toBe(csp);
    expect(a.headers()["x-content-type-options"]).toBe("nosniff");
    expect(a.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // The app works under the policy (hydrated, live), and markup injected into it cannot run.
    await page.goto("/content");
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.dataset.probe = "";
      div.innerHTML = '<img src="/nope.png" onerror="window.__xss=99">';
      document.body.append(div);
    });
    expect(await page.locator("[data-probe] img").count()).toBe(1);
    await expectInert(page, dialogs, "nothing-scanned");
    const redirect = await page.request.get("/sign-in?next=/content", { maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expect(redirect.headers()["x-content-type-options"]).toBe("nosniff");
  });

  it("sign-in ?next= goes only to paths on this site", async () => {
    const { page } = await as("marketing", "/");
    const target = async (next: string) => {
      const res = await page.request.get(`/sign-in?next=${next}`, { maxRedirects: 0 });
      expect(res.status()).toBe(302);
      return res.headers().location;
    };
    for (const next of [
      "/%5Cevil.example",
      "/%09/evil.example",
      "//evil.example",
      "https://evil.example/",
      "/%5C/evil.example",
    ]) {
      expect(await target(next), next).toBe("/");
    }
    expect(await target("%2Fcontent%3Fkind%3Dblog")).toBe("/content?kind=blog");
  });
});
