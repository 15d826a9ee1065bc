import { type AiProvider, type ImageData, providerFor } from "../ai";
import { clipTopic } from "../core/label";
import { defineJobType, type JobContext, JobFailure } from "../jobs/types";
import {
  type Brief,
  copyPrompt,
  offlineCopy,
  offlineReview,
  offlineStrategy,
  repairCopy,
  repairReview,
  repairStrategy,
  reviewPrompt,
  strategyPrompt,
  systemPrompt,
} from "./carousel-copy";
import { type ContentDeps, contentDeps } from "./deps";
import { maxGeneratedImages } from "./limits";
import { loadVoice, type Voice, voicePrompt } from "./personas";
import { findImagesForTopic, productsByIds } from "./products";
import { isAboutQuality, SLIDE_H, SLIDE_W } from "./render/brand";
import { buildPdf } from "./render/pdf";
import { renderSlide } from "./render/slide";
import { insertDraft } from "./repo";
import {
  CarouselInput,
  ContentResult,
  Copy,
  QUALITY_THRESHOLD,
  Review,
  type Slide,
  Strategy,
} from "./schema";

type Ctx = JobContext<CarouselInput, ContentDeps>;
type Outputs = Readonly<Record<string, unknown>>;

/** Workflow step names (checkpoint keys). */
const CAROUSEL_STAGES = {
  strategist: "strategist",
  copywriter: "copywriter",
  designer: "designer",
  compositor: "compositor",
  analyst: "brand-analyst",
} as const;

interface StrategistOut {
  voice: Voice;
  products: Array<{ id: string; name: string; description: string }>;
  strategy: Strategy;
  ms: number;
}
interface CopyOut {
  copy: Copy;
  ms: number;
}
interface DesignOut {
  slides: Slide[];
  generated: number;
  ms: number;
}
interface ComposeOut {
  slides: Slide[];
  pdfKey: string | null;
  renderMs: number[];
  ms: number;
}
interface AnalystOut {
  review: Review;
  rewritten: boolean;
  copy: Copy;
  slides: Slide[];
  pdfKey: string | null;
  ms: number;
}

const out = <T>(outputs: Outputs, name: string): T => {
  const v = outputs[name];
  if (v === undefined) throw new JobFailure("missing_stage", `Stage ${name} has no output.`, true);
  return v as T;
};

const brief = (ctx: Ctx, s: StrategistOut): Brief => ({
  input: ctx.input,
  voice: s.voice,
  products: s.products,
});

async function timed<T extends object>(fn: () => Promise<T>): Promise<T & { ms: number }> {
  const t0 = Date.now();
  const value = await fn();
  return { ...value, ms: Date.now() - t0 };
}

async function writeCopy(ai: AiProvider, b: Brief, strategy: Strategy, feedback?: string): Promise<Copy> {
  const wanted = b.input.slideCount ?? strategy.slideCount;
  return ai.generateJson({
    task: feedback ? "carousel.rewrite" : "carousel.copy",
    system: systemPrompt(b),
    prompt: copyPrompt(b, voicePrompt(b.voice), strategy, feedback),
    schema: Copy,
    repair: (raw) => repairCopy(raw, wanted),
    offline: () => offlineCopy(b, strategy),
  });
}

async function review(ai: AiProvider, b: Brief, copy: Copy): Promise<Review> {
  return ai.generateJson({
    task: "carousel.review",
    system: systemPrompt(b),
    prompt: reviewPrompt(b, voicePrompt(b.voice), copy),
    schema: Review,
    repair: repairReview,
    offline: () => offlineReview(b, copy),
  });
}

/** The most a draft scores when the repair had to shorten its text: below the threshold. */
const SHORTENED_MAX_SCORE = 60;

/**
 * Text the repair shortened was never read by the model as it now stands: the draft scores at
 * most 60 and says which fields, so the Brand Analyst's rewrite (and then a person) looks at them.
 */
function shortenedPenalty(b: Brief, r: Review, copy: Copy): Review {
  if (!copy.shortened?.length) return r;
  const fields = copy.shortened.join(", ");
  const note =
    b.input.language === "pt-BR"
      ? `Texto encurtado automaticamente para caber nos limites (${fields}): revise a redação.`
      : `Text shortened automatically to fit the limits (${fields}): check the wording.`;
  return {
    ...r,
    score: Math.min(r.score, SHORTENED_MAX_SCORE),
    feedback: `${note} ${r.feedback}`.slice(0, 1000),
  };
}

/** Slides carrying a picture: first, middle and last (domain §3.1, to save cost). */
export const pictureSlots = (n: number): number[] => [...new Set([1, Math.ceil(n / 2), n])];

async function readImage(files: R2Bucket, key: string): Promise<ImageData | null> {
  const obj = await files.get(key);
  if (!obj) return null;
  return {
    mimeType: obj.httpMetadata?.contentType ?? "image/png",
    data: new Uint8Array(await obj.arrayBuffer()),
  };
}

/** Renders every slide, stores PNGs and the PDF under `content/<id>/`. */
export async function composeCarousel(
  deps: Pick<ContentDeps, "files" | "renderMode">,
  contentId: string,
  profile: CarouselInput["profile"],
  slides: Slide[],
  /** Called after each slide is stored (a job reports progress with it). */
  onSlide?: (done: number, total: number) => Promise<void>,
): Promise<{ slides: Slide[]; pdfKey: string | null; renderMs: number[] }> {
  if (deps.renderMode === "none") {
    return { slides: slides.map((s) => ({ ...s, renderKey: null })), pdfKey: null, renderMs: [] };
  }
  const frames = [];
  const renderMs: number[] = [];
  const done: Slide[] = [];
  for (const s of slides) {
    const picture = s.imageKey ? await readImage(deps.files, s.imageKey) : null;
    const t0 = performance.now();
    const raster = await renderSlide({ slide: s, total: slides.length, profile, picture });
    renderMs.push(Math.round(performance.now() - t0));
    const renderKey = `content/${contentId}/slide-${String(s.index).padStart(2, "0")}.png`;
    await deps.files.put(renderKey, raster.png, { httpMetadata: { contentType: "image/png" } });
    frames.push(raster);
    done.push({ ...s, renderKey });
    await onSlide?.(done.length, slides.length);
  }
  const pdfKey = `content/${contentId}/carousel.pdf`;
  await deps.files.put(pdfKey, buildPdf(frames, { width: SLIDE_W, height: SLIDE_H }), {
    httpMetadata: { contentType: "application/pdf" },
  });
  return { slides: done, pdfKey, renderMs };
}

function slidesFromCopy(
  copy: Copy,
  pictures: Map<number, Pick<Slide, "imageKey" | "imageSource" | "productId">>,
): Slide[] {
  const n = copy.slides.length;
  return copy.slides.map((c, i) => {
    const index = i + 1;
    const pic = pictures.get(index);
    return {
      index,
      type: c.type,
      headline: c.headline,
      body: c.body,
      logo: index === 1 || index === n,
      badge: index === n || isAboutQuality(`${c.headline} ${c.body}`),
      imageKey: pic?.imageKey ?? null,
      imageSource: pic?.imageSource ?? null,
      productId: pic?.productId ?? null,
      renderKey: null,
    };
  });
}

/** `content.carousel`: Strategist → Copywriter → Designer → Compositor → Brand Analyst. */
export const contentCarousel = defineJobType({
  type: "content.carousel",
  deps: contentDeps,
  description: "LinkedIn carousel: strategy, copy, pictures, rendered PNG slides + PDF, brand review.",
  runner: "workflow",
  input: CarouselInput,
  result: ContentResult,
  retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 30_000, nonRetryable: ["persona_not_found"] },
  timeoutMs: 180_000,
  allowedRoles: ["admin", "marketing", "sales"],
  scope: "content:write",
  label: (i, locale) => `${locale === "en" ? "Carousel" : "Carrossel"}: ${clipTopic(i.topic)}`,
  name: { "pt-BR": "Carrossel", en: "Carousel" },
  estimateCostUsd: () => 0.45,
  steps: [
    {
      name: CAROUSEL_STAGES.strategist,
      label: { "pt-BR": "Estrategista", en: "Strategist" },
      async run(ctx): Promise<StrategistOut> {
        return timed(async () => {
          const voice = await loadVoice(ctx.db, ctx.input.profile, ctx.input.personaId);
          const products = (await productsByIds(ctx.db, ctx.input.productIds ?? [])).map((p) => ({
            id: p.id,
            name: p.name,
            description: p.description.slice(0, 300),
          }));
          const b: Brief = { input: ctx.input, voice, products };
          const strategy = await providerFor(ctx, ctx.deps.ai).generateJson({
            task: "carousel.strategy",
            system: systemPrompt(b),
            prompt: strategyPrompt(b, voicePrompt(voice)),
            schema: Strategy,
            repair: (raw) => repairStrategy(raw, ctx.input.slideCount),
            offline: () => offlineStrategy(b),
          });
          return { voice, products, strategy };
        });
      },
    },
    {
      name: CAROUSEL_STAGES.copywriter,
      label: { "pt-BR": "Redator", en: "Copywriter" },
      async run(ctx, outputs): Promise<CopyOut> {
        const s = out<StrategistOut>(outputs, CAROUSEL_STAGES.strategist);
        return timed(async () => ({
          copy: await writeCopy(providerFor(ctx, ctx.deps.ai), brief(ctx, s), s.strategy),
        }));
      },
    },
    {
      name: CAROUSEL_STAGES.designer,
      label: { "pt-BR": "Designer", en: "Designer" },
      async run(ctx, outputs): Promise<DesignOut> {
        const { copy } = out<CopyOut>(outputs, CAROUSEL_STAGES.copywriter);
        return timed(async () => {
          const ai = providerFor(ctx, ctx.deps.ai);
          const n = copy.slides.length;
          const matches = await findImagesForTopic(
            ctx.db,
            `${ctx.input.topic} ${copy.slides.map((s) => s.headline).join(" ")}`,
            {
              productIds: ctx.input.productIds,
              limit: 8,
            },
          );
          const forSlides = matches.filter((m) => /^image\/(png|jpeg)$/.test(m.contentType));
          const pictures = new Map<number, Pick<Slide, "imageKey" | "imageSource" | "productId">>();
          let generated = 0;
          const maxGenerated = await maxGeneratedImages(ctx.db);
          const used = new Set<string>();
          for (const index of pictureSlots(n)) {
            const real = forSlides.find((m) => !used.has(m.r2Key));
            if (real) {
              used.add(real.r2Key);
              pictures.set(index, {
                imageKey: real.r2Key,
                imageSource: "product",
                productId: real.productId,
              });
              continue;
            }
            if (generated >= maxGenerated) continue;
            const key = `content/${ctx.jobId}/generated-${String(index).padStart(2, "0")}.png`;
            // A resumed attempt reuses a picture it already paid for.
            if (await ctx.deps.files.head(key)) {
              pictures.set(index, { imageKey: key, imageSource: "generated", productId: null });
              generated++;
              continue;
            }
            const refs = [];
            for (const m of matches.slice(0, 3)) {
              const img = await readImage(ctx.deps.files, m.r2Key);
              if (img) refs.push(img);
            }
            const slide = copy.slides[index - 1];
            const img = await ai.generateImage({
              task: "carousel.image",
              prompt: `Photorealistic studio picture for a medical-manufacturing LinkedIn slide about "${ctx.input.topic}": ${slide?.headline ?? ""}. Brand palette deep navy #0A1628 to #003052 with blue #004F8F accents. No text, no logos, no faces.`,
              references: refs,
              aspectRatio: "4:5",
              offline: async () => null,
            });
            if (!img) continue;
            await ctx.deps.files.put(key, img.data, { httpMetadata: { contentType: img.mimeType } });
            pictures.set(index, { imageKey: key, imageSource: "generated", productId: null });
            generated++;
          }
          return { slides: slidesFromCopy(copy, pictures), generated };
        });
      },
    },
    {
      name: CAROUSEL_STAGES.compositor,
      label: { "pt-BR": "Compositor", en: "Compositor" },
      async run(ctx, outputs): Promise<ComposeOut> {
        const { slides } = out<DesignOut>(outputs, CAROUSEL_STAGES.designer);
        return timed(() => composeCarousel(ctx.deps, ctx.jobId, ctx.input.profile, slides));
      },
    },
    {
      name: CAROUSEL_STAGES.analyst,
      label: { "pt-BR": "Analista de marca", en: "Brand analyst" },
      async run(ctx, outputs): Promise<AnalystOut> {
        const s = out<StrategistOut>(outputs, CAROUSEL_STAGES.strategist);
        const { copy } = out<CopyOut>(outputs, CAROUSEL_STAGES.copywriter);
        const composed = out<ComposeOut>(outputs, CAROUSEL_STAGES.compositor);
        return timed(async () => {
          const ai = providerFor(ctx, ctx.deps.ai);
          const b = brief(ctx, s);
          const first = shortenedPenalty(b, await review(ai, b, copy), copy);
          if (first.score >= QUALITY_THRESHOLD) {
            return {
              review: first,
              rewritten: false,
              copy,
              slides: composed.slides,
              pdfKey: composed.pdfKey,
            };
          }
          await ctx.log(
            "info",
            `Brand Analyst scored ${first.score} (< ${QUALITY_THRESHOLD}): rewriting once`,
            first,
            { code: "content.rewriting", params: { score: first.score, threshold: QUALITY_THRESHOLD } },
          );
          const better = await writeCopy(ai, b, s.strategy, first.feedback);
          const pictures = new Map(composed.slides.map((x) => [x.index, x]));
          const recomposed = await composeCarousel(
            ctx.deps,
            ctx.jobId,
            ctx.input.profile,
            slidesFromCopy(better, pictures),
          );
          const second = shortenedPenalty(b, await review(ai, b, better), better);
          return {
            review: second,
            rewritten: true,
            copy: better,
            slides: recomposed.slides,
            pdfKey: recomposed.pdfKey,
          };
        });
      },
    },
  ],
  async finish(ctx, outputs) {
    const s = out<StrategistOut>(outputs, CAROUSEL_STAGES.strategist);
    const design = out<DesignOut>(outputs, CAROUSEL_STAGES.designer);
    const composed = out<ComposeOut>(outputs, CAROUSEL_STAGES.compositor);
    const a = out<AnalystOut>(outputs, CAROUSEL_STAGES.analyst);
    const ai = providerFor(ctx, ctx.deps.ai);
    const meta = await ctx.meta();
    const hashtags = a.copy.hashtags;
    const keys = [
      ...a.slides.map((x) => x.renderKey).filter((k): k is string => !!k),
      ...(a.pdfKey ? [a.pdfKey] : []),
    ];
    const stageMs = Object.fromEntries(
      Object.values(CAROUSEL_STAGES).map((name) => [
        name,
        (outputs[name] as { ms?: number } | undefined)?.ms ?? null,
      ]),
    );
    const realShare = a.slides.filter((x) => x.imageSource === "product").length / a.slides.length;
    await insertDraft(ctx.db, {
      id: ctx.jobId,
      kind: "carousel",
      userId: ctx.actor.userId,
      jobId: ctx.jobId,
      sequenceId: meta?.sequenceId ?? null,
      sequenceIndex: meta?.sequenceIndex ?? null,
      topic: ctx.input.topic,
      profile: ctx.input.profile,
      personaId: s.voice.personaId,
      language: ctx.input.language,
      title: a.copy.slides[0]?.headline ?? ctx.input.topic,
      body: {
        slides: a.slides,
        hashtags,
        strategy: s.strategy,
        review: a.review,
        series: ctx.input.series ?? null,
      },
      caption: `${a.copy.caption}\n\n${hashtags.join(" ")}`,
      assetKeys: keys,
      pdfKey: a.pdfKey,
      citations: [],
      qualityScore: a.review.score,
      metadata: {
        provider: ai.name,
        models: ai.models,
        stageMs,
        renderMs: composed.renderMs,
        generatedImages: design.generated,
        realAssetShare: Math.round(realShare * 100) / 100,
        rewritten: a.rewritten,
        costUsd: meta?.costUsd ?? 0,
        attempts: ctx.attempt,
      },
      offline: ai.offline,
    });
    return { contentId: ctx.jobId };
  },
});
