import { z } from "zod";
import { providerFor } from "../ai";
import { clipTopic } from "../core/label";
import { defineJobType, type JobContext, JobFailure } from "../jobs/types";
import {
  type BlogBrief,
  blogSystem,
  offlineBlogDraft,
  offlineBlogStrategy,
  offlineResearch,
  repairBlogDraft,
  repairBlogStrategy,
  researchQuery,
  strategyPromptBlog,
  writePrompt,
} from "./blog-copy";
import { type ContentDeps, contentDeps } from "./deps";
import { loadVoice, type Voice, voicePrompt } from "./personas";
import { findImagesForTopic } from "./products";
import { brandArtPng } from "./render/art";
import { insertDraft } from "./repo";
import { sanitizeBlogHtml } from "./sanitize";
import { BLOG_WORDS, BlogDraft, BlogInput, BlogStrategy, ContentResult, Research } from "./schema";
import { slugify, stripHtml, wordCount } from "./text";

type Ctx = JobContext<BlogInput, ContentDeps>;

const BLOG_STAGES = {
  research: "research",
  strategy: "strategy",
  write: "write",
  image: "image",
} as const;

/** The draft with its length rule (800–1,200 words), so a model answer outside it is re-asked. */
const CheckedDraft = BlogDraft.superRefine((d, ctx) => {
  const n = wordCount(stripHtml(d.html));
  if (n < BLOG_WORDS.min || n > BLOG_WORDS.max) {
    ctx.addIssue({
      code: "custom",
      path: ["html"],
      message: `${n} words; write ${BLOG_WORDS.min}–${BLOG_WORDS.max}`,
    });
  }
  if (!/<h2[\s>]/i.test(d.html))
    ctx.addIssue({ code: "custom", path: ["html"], message: "Use <h2> sections" });
});

interface ResearchOut {
  voice: Voice;
  research: Research;
  ms: number;
}

const need = <T>(o: Readonly<Record<string, unknown>>, k: string): T => {
  if (o[k] === undefined) throw new JobFailure("missing_stage", `Stage ${k} has no output.`, true);
  return o[k] as T;
};

async function timed<T extends object>(fn: () => Promise<T>): Promise<T & { ms: number }> {
  const t0 = Date.now();
  return { ...(await fn()), ms: Date.now() - t0 };
}

const brief = (ctx: Ctx, voice: Voice): BlogBrief => ({ input: ctx.input, voice });

/** `content.blog`: Research → Strategy → Write → Image, each stage checkpointed (FR8). */
export const contentBlog = defineJobType({
  deps: contentDeps,
  type: "content.blog",
  description:
    "Blog post: grounded research with sources, strategy, pt-BR HTML with SEO fields, 16:9 banner.",
  runner: "workflow",
  input: BlogInput,
  result: ContentResult,
  retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 30_000, nonRetryable: ["persona_not_found"] },
  timeoutMs: 180_000,
  allowedRoles: ["admin", "marketing", "sales"],
  scope: "content:write",
  label: (i, locale) => `${locale === "en" ? "Blog post" : "Post de blog"}: ${clipTopic(i.topic)}`,
  name: { "pt-BR": "Post de blog", en: "Blog post" },
  estimateCostUsd: () => 0.15,
  steps: [
    {
      name: BLOG_STAGES.research,
      label: { "pt-BR": "Pesquisa", en: "Research" },
      async run(ctx: Ctx): Promise<ResearchOut> {
        return timed(async () => {
          const voice = await loadVoice(ctx.db, ctx.input.profile, ctx.input.personaId);
          const b = brief(ctx, voice);
          const research = await providerFor(ctx, ctx.deps.ai).research({
            task: "blog.research",
            system: blogSystem(b),
            query: researchQuery(b),
            offline: () => offlineResearch(b),
          });
          return { voice, research: Research.parse(research) };
        });
      },
    },
    {
      name: BLOG_STAGES.strategy,
      label: { "pt-BR": "Estratégia", en: "Strategy" },
      async run(ctx: Ctx, o) {
        const r = need<ResearchOut>(o, BLOG_STAGES.research);
        const b = brief(ctx, r.voice);
        return timed(async () => ({
          strategy: await providerFor(ctx, ctx.deps.ai).generateJson({
            task: "blog.strategy",
            system: blogSystem(b),
            prompt: strategyPromptBlog(b, voicePrompt(r.voice), r.research),
            schema: BlogStrategy,
            repair: repairBlogStrategy,
            offline: () => offlineBlogStrategy(b),
          }),
        }));
      },
    },
    {
      name: BLOG_STAGES.write,
      label: { "pt-BR": "Redação", en: "Writing" },
      async run(ctx: Ctx, o) {
        const r = need<ResearchOut>(o, BLOG_STAGES.research);
        const { strategy } = need<{ strategy: BlogStrategy }>(o, BLOG_STAGES.strategy);
        const b = brief(ctx, r.voice);
        return timed(async () => {
          const draft = await providerFor(ctx, ctx.deps.ai).generateJson({
            task: "blog.write",
            system: blogSystem(b),
            prompt: writePrompt(b, voicePrompt(r.voice), r.research, strategy),
            schema: CheckedDraft,
            repair: (raw: unknown) => repairBlogDraft(raw, b.input.language),
            offline: () => offlineBlogDraft(b, r.research, strategy),
          });
          return { draft: { ...draft, html: sanitizeBlogHtml(draft.html) } };
        });
      },
    },
    {
      name: BLOG_STAGES.image,
      label: { "pt-BR": "Imagem", en: "Image" },
      async run(ctx: Ctx, o) {
        const { draft } = need<{ draft: BlogDraft }>(o, BLOG_STAGES.write);
        return timed(async () => {
          const key = `content/${ctx.jobId}/banner.png`;
          if (await ctx.deps.files.head(key)) return { bannerKey: key };
          const refs = [];
          for (const m of await findImagesForTopic(ctx.db, ctx.input.topic, { limit: 2 })) {
            const obj = await ctx.deps.files.get(m.r2Key);
            if (obj) refs.push({ mimeType: m.contentType, data: new Uint8Array(await obj.arrayBuffer()) });
          }
          const full = ctx.deps.renderMode === "full";
          const img = await providerFor(ctx, ctx.deps.ai).generateImage({
            task: "blog.image",
            prompt: `Wide 16:9 blog banner for "${draft.title}". Precision medical manufacturing, brand palette deep navy #0A1628 to #003052 with blue #004F8F and green #1A7A3E accents. No text, no logos, no faces.`,
            references: refs,
            aspectRatio: "16:9",
            offline: async () =>
              full ? { mimeType: "image/png", data: await brandArtPng(ctx.input.topic, 1600, 900) } : null,
          });
          if (!img) return { bannerKey: null };
          await ctx.deps.files.put(key, img.data, { httpMetadata: { contentType: img.mimeType } });
          return { bannerKey: key };
        });
      },
    },
  ],
  async finish(ctx, o) {
    const r = need<ResearchOut>(o, BLOG_STAGES.research);
    const { strategy } = need<{ strategy: BlogStrategy }>(o, BLOG_STAGES.strategy);
    const { draft } = need<{ draft: BlogDraft }>(o, BLOG_STAGES.write);
    const { bannerKey } = need<{ bannerKey: string | null }>(o, BLOG_STAGES.image);
    const ai = providerFor(ctx, ctx.deps.ai);
    const job = await ctx.meta();
    const stageMs = Object.fromEntries(
      Object.values(BLOG_STAGES).map((n) => [
        n,
        z.object({ ms: z.number() }).safeParse(o[n]).data?.ms ?? null,
      ]),
    );
    await insertDraft(ctx.db, {
      id: ctx.jobId,
      kind: "blog",
      userId: ctx.actor.userId,
      jobId: ctx.jobId,
      sequenceId: job?.sequenceId ?? null,
      topic: ctx.input.topic,
      profile: ctx.input.profile,
      personaId: r.voice.personaId,
      language: ctx.input.language,
      title: draft.title,
      body: {
        html: draft.html,
        seo: { title: draft.seoTitle, description: draft.seoDescription },
        slug: slugify(draft.title),
        excerpt: draft.excerpt,
        keywords: draft.keywords,
        category: ctx.input.category,
        outline: strategy.outline,
        angle: strategy.angle,
        targetPersona: strategy.persona,
        wordCount: wordCount(stripHtml(draft.html)),
        bannerKey,
        research: r.research.summary,
      },
      caption: draft.excerpt,
      assetKeys: bannerKey ? [bannerKey] : [],
      pdfKey: null,
      citations: r.research.findings.map((f) => ({ title: f.sourceTitle, url: f.sourceUrl })),
      qualityScore: null,
      metadata: {
        provider: ai.name,
        models: ai.models,
        stageMs,
        costUsd: job?.costUsd ?? 0,
        attempts: ctx.attempt,
      },
      offline: ai.offline,
    });
    return { contentId: ctx.jobId };
  },
});
