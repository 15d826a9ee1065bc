import { beforeAll, describe, expect, it } from "vitest";
import { as } from "../../test/helpers";
import { pngSize } from "./render/png";
import { bytesOf, contentOf, relaxGuardrails, settle, startJob } from "./testing";
import { stripHtml, wordCount } from "./text";

beforeAll(async () => {
  await relaxGuardrails();
});

describe("content.blog (offline provider)", () => {
  it("writes a cited pt-BR draft of 800–1,200 words with SEO fields, slug and a 16:9 banner", async () => {
    const job = await startJob("marketing", "content.blog", {
      topic: "Usinagem suíça para implantes ortopédicos",
      category: "educacional",
      keywords: ["usinagem suíça"],
    });
    const done = await settle("marketing", job.id);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    const c = await contentOf("marketing", job.id);
    expect(c.kind).toBe("blog");
    expect(c.status).toBe("draft");
    expect(c.offline).toBe(true);
    const words = wordCount(stripHtml(c.html ?? ""));
    expect(words).toBeGreaterThanOrEqual(800);
    expect(words).toBeLessThanOrEqual(1200);
    expect((c.html?.match(/<h2>/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(c.title?.length).toBeLessThanOrEqual(70);
    expect(c.seo?.title.length).toBeLessThanOrEqual(60);
    expect(c.seo?.description.length).toBeGreaterThanOrEqual(150);
    expect(c.seo?.description.length).toBeLessThanOrEqual(160);
    expect(c.seo?.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(c.seo?.slug).toContain("usinagem-suica");
    expect(c.citations.length).toBeGreaterThanOrEqual(3);
    expect(c.citations.every((x) => x.url.startsWith("https://"))).toBe(true);
    expect(c.category).toBe("educacional");
    const banner = await bytesOf("marketing", c.bannerUrl ?? "");
    expect(pngSize(banner)).toEqual({ width: 1600, height: 900 });
  });
});

describe("blog HTML is stored sanitised", () => {
  it("PATCH keeps allowed markup and drops scripts, handlers and javascript: URLs (others' ids are 404)", async () => {
    const job = await startJob("marketing", "content.blog", {
      topic: "Rastreabilidade de lotes",
      category: "educacional",
    });
    expect((await settle("marketing", job.id)).status).toBe("succeeded");
    const html = [
      "<h2>Seção</h2><p>Texto <strong>editado</strong></p>",
      "<details/open/ontoggle=window.__xss=1>",
      "<svg/onload=window.__xss=2>",
      "<scr<link>ipt>window.__xss=3</scr<link>ipt>",
      '<a href="&#106;avascript:window.__xss=4">click</a>',
      "<img src=x onerror=window.__xss=5>",
      "<script>window.__xss=6</script>",
    ].join("");
    const other = await as("sales", `/api/content/${job.id}`, { method: "PATCH", json: { html } });
    expect(other.status).toBe(404);
    const res = await as("marketing", `/api/content/${job.id}`, { method: "PATCH", json: { html } });
    expect(res.status).toBe(200);
    const stored = (await contentOf("marketing", job.id)).html ?? "";
    expect(stored).toContain("<h2>Seção</h2><p>Texto <strong>editado</strong></p>");
    expect(stored).not.toMatch(/<script|<svg|<details|onerror|onload|ontoggle|javascript:/i);
    expect(stored).toContain("<a href>click</a>");
  });

  it("refuses a PATCH that would change nothing (unknown keys, only nulls, no slides) and keeps the draft", async () => {
    const job = await startJob("marketing", "content.blog", {
      topic: "Passivação de titânio",
      category: "educacional",
    });
    expect((await settle("marketing", job.id)).status).toBe("succeeded");
    const before = await contentOf("marketing", job.id);
    for (const json of [
      {},
      { body: "<p>x</p>" },
      { title: null, html: null },
      { slides: [] },
      { seo: null },
    ]) {
      const res = await as("marketing", `/api/content/${job.id}`, { method: "PATCH", json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    // Unchanged, not even marked as edited (a refused PATCH used to stamp editedAt and updatedAt).
    expect(await contentOf("marketing", job.id)).toEqual(before);
    const ok = await as("marketing", `/api/content/${job.id}`, {
      method: "PATCH",
      json: { title: "Passivação", body: "x" },
    });
    expect(ok.status).toBe(200);
    expect((await contentOf("marketing", job.id)).title).toBe("Passivação");
  });
});
