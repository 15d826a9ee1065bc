import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { as, db, userId } from "../../test/helpers";
import { actorFor } from "../core/actor";
import type { Job } from "../jobs/schema";
import { pngSize } from "./render/png";
import { ContentRepo } from "./repo";
import { SLIDE_LIMITS } from "./schema";
import { seedContentDemo } from "./seed";
import { bytesOf, contentOf, relaxGuardrails, settle, startJob } from "./testing";

beforeAll(async () => {
  await seedContentDemo(db(), env);
  await relaxGuardrails();
});

describe("content.carousel (offline provider)", () => {
  let contentId = "";

  it("generates a rendered, legible draft with PNG slides and a 1080×1350 PDF", async () => {
    const job = await startJob("marketing", "content.carousel", {
      topic: "Implantes dentários com tolerância de mícrons",
      profile: "company",
      slideCount: 6,
    });
    const done = await settle("marketing", job.id);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    contentId = (done.result as { contentId: string }).contentId;
    const c = await contentOf("marketing", contentId);
    expect(c.status).toBe("draft");
    expect(c.offline).toBe(true);
    expect(c.kind).toBe("carousel");
    const slides = c.slides ?? [];
    expect(slides).toHaveLength(6);
    expect(slides.map((s) => s.type)).toEqual(["hook", "content", "content", "content", "content", "cta"]);
    for (const s of slides) {
      expect(s.headline.length).toBeLessThanOrEqual(SLIDE_LIMITS[s.type].headline);
      expect(s.body.length).toBeLessThanOrEqual(SLIDE_LIMITS[s.type].body);
      expect(s.headline).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    expect(slides[0]?.logo && slides[5]?.logo).toBe(true);
    expect(slides[5]?.badge).toBe(true);
    // Real assets first: the seeded dental implant picture is on a picture slot.
    expect(slides.filter((s) => s.imageSource === "product").length).toBeGreaterThanOrEqual(2);
    expect(slides.filter((s) => s.imageKey).every((s) => [1, 3, 6].includes(s.index))).toBe(true);
    expect((c.hashtags ?? []).length).toBeGreaterThanOrEqual(3);
    expect(c.qualityScore).toBeGreaterThanOrEqual(70);
    expect(c.metadata).toMatchObject({ provider: "offline", offline: true });

    const png = await bytesOf("marketing", slides[0]?.imageUrl ?? "");
    expect(pngSize(png)).toEqual({ width: 1080, height: 1350 });
    const pdf = await PDFDocument.load(await bytesOf("marketing", c.pdfUrl ?? ""));
    expect(pdf.getPageCount()).toBe(6);
    for (const p of pdf.getPages()) expect(p.getSize()).toEqual({ width: 1080, height: 1350 });
    // It downloads under its own title, not as one more `carousel.pdf` (#17.10).
    const disposition = (await as("marketing", c.pdfUrl ?? "")).headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"$/);
    expect(disposition).not.toContain("carousel.pdf");
    expect(disposition).toContain(
      `${
        (c.title ?? c.topic)
          .toLowerCase()
          .normalize("NFD")
          .replace(/[^a-z]+/g, "-")
          .split("-")[0]
      }`,
    );
  });

  it("hides another user's draft and its assets (404 everywhere)", async () => {
    const c = await contentOf("marketing", contentId);
    for (const [method, path, json] of [
      ["GET", `/api/content/${contentId}`, undefined],
      ["PATCH", `/api/content/${contentId}`, { caption: "hack" }],
      ["POST", `/api/content/${contentId}/approve`, undefined],
      ["POST", `/api/content/${contentId}/reject`, { reason: "not mine" }],
    ] as const) {
      const res = await as("sales", path, { method, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await as("sales", c.pdfUrl ?? "")).status).toBe(404);
    expect((await as("sales", c.slides?.[0]?.imageUrl ?? "")).status).toBe(404);
    const list = (await (await as("sales", "/api/content?kind=carousel")).json()) as {
      items: Array<{ id: string }>;
    };
    expect(list.items.some((i) => i.id === contentId)).toBe(false);
    // The admin sees everyone's.
    expect((await as("admin", `/api/content/${contentId}`)).status).toBe(200);
  });

  it("refuses approval from a job (or token) actor: drafts leave draft only by a person", async () => {
    const owner = await userId("marketing");
    const asJob = new ContentRepo(db(), actorFor(owner, "marketing", "job"));
    await expect(asJob.approve(contentId)).rejects.toMatchObject({ status: 403 });
    await expect(asJob.reject(contentId, "automatic")).rejects.toMatchObject({ status: 403 });
    expect((await contentOf("marketing", contentId)).status).toBe("draft");
  });

  it("lets the owner edit within limits, re-render, then approve", async () => {
    const tooLong = await as("marketing", `/api/content/${contentId}`, {
      method: "PATCH",
      json: { slides: [{ index: 1, headline: "x".repeat(65) }] },
    });
    expect(tooLong.status).toBe(400);
    const before = await bytesOf(
      "marketing",
      (await contentOf("marketing", contentId)).slides?.[1]?.imageUrl ?? "",
    );
    const ok = await as("marketing", `/api/content/${contentId}`, {
      method: "PATCH",
      json: {
        slides: [{ index: 2, headline: "Tolerância de ±5 µm, medida lote a lote" }],
        caption: "Legenda revisada. #ISO13485 #MedTech #Implantes",
      },
    });
    expect(ok.status).toBe(200);
    // The edit answers before rendering: the re-render is a `content.render` job with progress.
    const { renderJob } = (await ok.json()) as { renderJob: Job | null };
    expect(renderJob?.type).toBe("content.render");
    expect(renderJob?.status).toBe("queued");
    const rendered = await settle("marketing", renderJob?.id ?? "");
    expect(rendered.status, JSON.stringify(rendered.error)).toBe("succeeded");
    expect(rendered.progress?.percent).toBe(100);
    const events = (await (await as("marketing", `/api/jobs/${rendered.id}/events`)).json()) as {
      items: Array<{ kind: string; message: string }>;
    };
    expect(events.items.filter((e) => e.kind === "progress").length).toBeGreaterThanOrEqual(6);
    // A caption-only edit renders nothing.
    const captionOnly = await as("marketing", `/api/content/${contentId}`, {
      method: "PATCH",
      json: { caption: "Legenda revisada de novo. #ISO13485 #MedTech" },
    });
    expect(((await captionOnly.json()) as { renderJob: Job | null }).renderJob).toBeNull();
    const after = await bytesOf(
      "marketing",
      (await contentOf("marketing", contentId)).slides?.[1]?.imageUrl ?? "",
    );
    expect(after).not.toEqual(before);
    const approved = await as("marketing", `/api/content/${contentId}/approve`, { method: "POST" });
    expect(approved.status).toBe(200);
    const c = await contentOf("marketing", contentId);
    expect(c.status).toBe("approved");
    expect(c.reviewedBy).toBe(await userId("marketing"));
    expect((await as("marketing", `/api/content/${contentId}/approve`, { method: "POST" })).status).toBe(409);
    expect(
      (await as("marketing", `/api/content/${contentId}`, { method: "PATCH", json: { caption: "x y z" } }))
        .status,
    ).toBe(409);
  });

  it("refuses a persona of the other profile (non-retryable)", async () => {
    const personas = (await (await as("marketing", "/api/personas?profile=salesperson")).json()) as {
      items: Array<{ id: string }>;
    };
    const job = await startJob("marketing", "content.carousel", {
      topic: "Parafusos ortopédicos",
      profile: "company",
      personaId: personas.items[0]?.id,
    });
    const done = await settle("marketing", job.id);
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("persona_profile_mismatch");
  });
});
