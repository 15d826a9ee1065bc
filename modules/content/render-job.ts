import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contentItems } from "../../drizzle/schema";
import { clipTopic } from "../core/label";
import { defineJobType } from "../jobs/types";
import { composeCarousel } from "./carousel";
import { contentDeps } from "./deps";
import { ContentRepo } from "./repo";
import type { Slide } from "./schema";

const RenderInput = z.object({ contentId: z.string().min(1).max(64), topic: z.string().max(200) });
const RenderResult = z.object({
  contentId: z.string(),
  slides: z.number().int(),
  renderMs: z.array(z.number()),
});

/**
 * `content.render`: draws a carousel's slides and PDF again after a person edited its text. It
 * is a job, not part of the edit request, because rendering costs ~0.2–1 s of CPU per slide: the
 * edit answers at once and the slides follow with live progress. It renders the text as it is
 * when the job runs, so a later edit's job never leaves older text behind.
 */
export const contentRender = defineJobType({
  deps: contentDeps,
  type: "content.render",
  description: "Renders a carousel's slides (PNG) and PDF again after its text was edited.",
  runner: "queue",
  input: RenderInput,
  result: RenderResult,
  retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 },
  timeoutMs: 60_000,
  allowedRoles: ["admin", "marketing", "sales"],
  scope: "content:write",
  label: (i, locale) => `${locale === "en" ? "Render slides" : "Renderizar slides"}: ${clipTopic(i.topic)}`,
  name: { "pt-BR": "Renderização de slides", en: "Slide rendering" },
  stages: { render: { "pt-BR": "Renderizando slides", en: "Rendering slides" } },
  async run(ctx) {
    // As the job's owner: someone else's content is "not found" here too.
    const row = await new ContentRepo(ctx.db, ctx.actor).getRow(ctx.input.contentId);
    const slides = ((row.body as { slides?: Slide[] }).slides ?? []) as Slide[];
    await ctx.progress({
      percent: 0,
      stage: "render",
      message: `0/${slides.length}`,
      done: 0,
      total: slides.length,
    });
    const out = await composeCarousel(ctx.deps, row.id, row.profile, slides, (done, total) =>
      ctx.progress({
        percent: Math.round((done / total) * 95),
        stage: "render",
        message: `${done}/${total}`,
        done,
        total,
      }),
    );
    // Re-read: a person may have edited meanwhile; only render fields are written over it. The
    // keys are the same as before (PNGs overwritten): a new updatedAt makes viewers fetch them.
    const latest = await new ContentRepo(ctx.db, ctx.actor).getRow(row.id);
    const keys = new Map(out.slides.map((s) => [s.index, s.renderKey]));
    const body = latest.body as { slides?: Slide[] };
    await ctx.db
      .update(contentItems)
      .set({
        body: {
          ...body,
          slides: (body.slides ?? []).map((s) => ({ ...s, renderKey: keys.get(s.index) ?? null })),
        },
        pdfKey: out.pdfKey,
        metadata: { ...latest.metadata, renderMs: out.renderMs },
        updatedAt: Date.now(),
      })
      .where(and(eq(contentItems.id, row.id), eq(contentItems.updatedAt, latest.updatedAt)));
    await ctx.log("info", `Rendered ${slides.length} slides and the PDF again.`, undefined, {
      code: "content.rendered",
      params: { slides: slides.length },
    });
    return { contentId: row.id, slides: slides.length, renderMs: out.renderMs };
  },
});
