import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeGemini, FAKE_GEMINI_URL } from "../../test/fakes/gemini";
import { as, db } from "../../test/helpers";
import { configureContent } from "./config";
import { seedContentDemo } from "./seed";
import { bytesOf, contentOf, relaxGuardrails, settle, startJob } from "./testing";

const fake = createFakeGemini();

beforeAll(async () => {
  configureContent({
    envOverrides: { GEMINI_API_KEY: "fake-key", GEMINI_BASE_URL: FAKE_GEMINI_URL },
    fetch: fake.fetch,
  });
  await seedContentDemo(db(), env);
  await relaxGuardrails();
});
afterAll(() => configureContent({ envOverrides: {}, fetch: undefined }));
beforeEach(() => fake.reset());

async function events(id: string) {
  const res = await as("marketing", `/api/jobs/${id}/events`);
  return ((await res.json()) as { items: Array<{ kind: string; message: string; data: unknown }> }).items;
}

describe("Gemini provider against the fake server", () => {
  it("runs a carousel, retrying a 429 (Retry-After honoured) and a 500, re-asking after an over-long answer", async () => {
    fake.inject({ kind: "status", status: 429, retryAfter: "2" }, { task: "carousel.strategy" });
    fake.inject({ kind: "status", status: 500 }, { task: "carousel.review" });
    fake.inject({ kind: "overlong" }, { task: "carousel.copy" });
    const job = await startJob("marketing", "content.carousel", {
      topic: "Implante dentário cônico",
      profile: "company",
    });
    const done = await settle("marketing", job.id, 40_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.attempts).toBe(3);
    const ev = await events(job.id);
    expect(ev.some((e) => /provider_rate_limited\); retrying in 2 s/.test(e.message))).toBe(true);
    expect(ev.some((e) => /provider_unavailable/.test(e.message))).toBe(true);
    // Too long: the model was asked again (told what broke), not cut mechanically (#17.4).
    expect(ev.some((e) => /carousel.copy: malformed model answer \(ask 1\)/.test(e.message))).toBe(true);
    expect(ev.some((e) => /model answer repaired/.test(e.message))).toBe(false);
    // Each successful stage ran once: resumed attempts did not repeat paid calls.
    expect(fake.count("carousel.strategy")).toBe(1);
    expect(fake.count("carousel.copy")).toBe(2);
    expect(fake.count("carousel.review")).toBe(1);
    const cost = ev.filter((e) => e.kind === "cost");
    expect(cost.length).toBe(fake.count());
    expect(done.costUsd).toBeGreaterThan(0);

    const c = await contentOf("marketing", job.id);
    expect(c.offline).toBe(false);
    expect(c.metadata).toMatchObject({ provider: "gemini", models: { text: "gemini-2.5-flash" } });
    expect(c.slides?.[0]?.headline.length).toBeLessThanOrEqual(60);
    const pdf = await PDFDocument.load(await bytesOf("marketing", c.pdfUrl ?? ""));
    expect(pdf.getPageCount()).toBe(5);
  });

  it("text the model kept too long is shortened between words and the draft scores low, saying why (#17.4)", async () => {
    fake.inject({ kind: "overlong" }, { task: "carousel.copy", times: 2 });
    fake.inject({ kind: "overlong" }, { task: "carousel.rewrite", times: 2 });
    const job = await startJob("marketing", "content.carousel", {
      topic: "Retrabalho em parafusos ortopédicos",
      profile: "company",
    });
    const done = await settle("marketing", job.id, 40_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    const ev = await events(job.id);
    expect(ev.some((e) => /carousel.copy: model answer repaired/.test(e.message))).toBe(true);
    const c = await contentOf("marketing", job.id);
    const hook = c.slides?.[0]?.headline ?? "";
    expect(hook.length).toBeLessThanOrEqual(60);
    expect(hook).not.toMatch(/…/);
    // Whole words of what the model wrote, nothing cut mid-word.
    expect("Engenheiros de P&D: como eliminar o retrabalho em implantes dentários usinados em série").toMatch(
      new RegExp(`^${hook.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( |$)`),
    );
    expect(c.qualityScore).toBeLessThanOrEqual(60);
    expect(c.qualityNote).toMatch(/encurtado automaticamente.*slides\.0\.headline/);
  });

  it("re-asks once after unparseable output", async () => {
    fake.inject({ kind: "malformed" }, { task: "carousel.strategy" });
    const ok = await startJob("marketing", "content.carousel", {
      topic: "Parafuso ortopédico",
      profile: "company",
    });
    expect((await settle("marketing", ok.id, 40_000)).status).toBe("succeeded");
    expect(fake.calls.filter((c) => c.task === "carousel.strategy")).toHaveLength(2);
  });

  it("maps a 4xx answer to a non-retryable failure", async () => {
    fake.inject({ kind: "status", status: 400 }, { task: "carousel.strategy" });
    const job = await startJob("marketing", "content.carousel", {
      topic: "Cage espinhal",
      profile: "company",
    });
    const done = await settle("marketing", job.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatchObject({ code: "provider_rejected", retryable: false });
    expect(done.attempts).toBe(1);
  });

  it("blog: cites grounded sources and resumes a failed image stage without repeating paid stages", async () => {
    fake.inject({ kind: "status", status: 400 }, { task: "blog.image" });
    const job = await startJob("marketing", "content.blog", {
      topic: "Validação de implantes usinados",
      category: "educacional",
    });
    const failed = await settle("marketing", job.id);
    expect(failed.status).toBe("failed");
    expect(Object.keys(failed.checkpoint ?? {})).toEqual(
      expect.arrayContaining(["research", "strategy", "write"]),
    );
    const retry = await as("marketing", `/api/jobs/${job.id}/retry`, { method: "POST" });
    expect(retry.status).toBe(202);
    const done = await settle("marketing", job.id);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(fake.count("blog.research")).toBe(1);
    expect(fake.count("blog.strategy")).toBe(1);
    expect(fake.count("blog.write")).toBe(1);
    expect(fake.count("blog.image")).toBe(1);
    const c = await contentOf("marketing", job.id);
    expect(c.citations).toEqual([
      { title: "ANVISA", url: "https://www.gov.br/anvisa/pt-br" },
      { title: "ISO 13485:2016", url: "https://www.iso.org/standard/59752.html" },
    ]);
    expect(c.seo?.slug).toBe("validacao-de-implantes-guia-tecnico-para-engenharia");
    expect(c.bannerUrl).toMatch(/^\/api\/assets\/content\//);
  });
});

describe("admin-editable price table", () => {
  it("prices the next paid calls with what an admin saved; others may not change it", async () => {
    const cheap = await settle(
      "marketing",
      (await startJob("marketing", "content.blog", { topic: "Rugosidade em implantes" })).id,
    );
    expect(cheap.status).toBe("succeeded");
    const table = (await (await as("admin", "/api/admin/prices")).json()) as {
      models: Record<string, { inputPerMTok: number; outputPerMTok: number; estimateUsd: number }>;
    };
    expect(table.models["gemini-2.5-flash"]?.inputPerMTok).toBeGreaterThan(0);
    const pricey = { inputPerMTok: 100_000, outputPerMTok: 100_000, estimateUsd: 0.01 };
    expect(
      (await as("marketing", "/api/admin/prices", { method: "PUT", json: { "gemini-2.5-flash": pricey } }))
        .status,
    ).toBe(403);
    const bad = await as("admin", "/api/admin/prices", {
      method: "PUT",
      json: { "gemini-2.5-flash": { inputPerMTok: -1 } },
    });
    expect(bad.status).toBe(400);
    const saved = await as("admin", "/api/admin/prices", {
      method: "PUT",
      json: { "gemini-2.5-flash": pricey },
    });
    expect(saved.status).toBe(200);
    const dear = await settle(
      "marketing",
      (await startJob("marketing", "content.blog", { topic: "Rugosidade em implantes 2" })).id,
    );
    expect(dear.status).toBe("succeeded");
    expect(dear.costUsd).toBeGreaterThan(cheap.costUsd * 10);
    await as("admin", "/api/admin/prices", { method: "PUT", json: {} });
  });
});

describe("maxImagesPerCarousel (admin setting) caps generated pictures", () => {
  it("generates as many pictures as the admin allows, and none at 0", async () => {
    const run = async (max: number, topic: string) => {
      await relaxGuardrails({ maxImagesPerCarousel: max });
      fake.reset();
      const job = await startJob("marketing", "content.carousel", {
        topic,
        profile: "company",
        slideCount: 8,
      });
      const done = await settle("marketing", job.id, 40_000);
      expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
      const c = await contentOf("marketing", job.id);
      return {
        generated: (c.metadata as { generatedImages?: number }).generatedImages,
        calls: fake.count("carousel.image"),
      };
    };
    // A topic few seeded products match: most picture slots (first, middle, last) need a generated one.
    const all = await run(7, "Xylofone quântico zeta");
    expect(all.generated).toBeGreaterThanOrEqual(2);
    expect(all.calls).toBe(all.generated);
    expect(await run(1, "Xylofone quântico ômega")).toEqual({ generated: 1, calls: 1 });
    expect(await run(0, "Xylofone quântico sigma")).toEqual({ generated: 0, calls: 0 });
  }, 150_000);
});
