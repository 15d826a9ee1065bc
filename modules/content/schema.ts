import { z } from "@hono/zod-openapi";
import { Research } from "../ai/types";
import { MAX_SLIDES, MIN_SLIDES, SLIDE_LIMITS, SlideType } from "../contracts/content";

// The content API's wire shapes and job inputs are contracts (modules/contracts/content.ts); what
// stays here is what the models must answer, which never leaves the Worker.
export * from "../contracts/content";

export const MAX_GENERATED_IMAGES = 7;
export const QUALITY_THRESHOLD = 70;

// ---- carousel stage outputs (what a model must answer) ------------------------------------------

export const Strategy = z.object({
  angle: z.string().min(3).max(300),
  hook: z.string().min(3).max(120),
  arc: z.array(z.string().max(80)).min(3).max(MAX_SLIDES),
  slideCount: z.number().int().min(MIN_SLIDES).max(MAX_SLIDES),
});
export type Strategy = z.infer<typeof Strategy>;

const SlideText = z.object({
  type: SlideType,
  headline: z.string().trim().min(1),
  body: z.string().trim(),
});

/** A slide's text within its type's limits. */
const SlideCopy = SlideText.superRefine((s, ctx) => {
  const lim = SLIDE_LIMITS[s.type];
  if (s.headline.length > lim.headline) {
    ctx.addIssue({ code: "custom", path: ["headline"], message: `At most ${lim.headline} characters` });
  }
  if (s.body.length > lim.body) {
    ctx.addIssue({ code: "custom", path: ["body"], message: `At most ${lim.body} characters` });
  }
});

const HASHTAG = /^#[\p{L}\p{N}_]{2,40}$/u;

export const Copy = z
  .object({
    slides: z.array(SlideCopy).min(MIN_SLIDES).max(MAX_SLIDES),
    caption: z.string().trim().min(40).max(2000),
    hashtags: z.array(z.string().regex(HASHTAG)).min(3).max(5),
    /** Fields the repair had to shorten (set by `repairCopy`, never by the model). */
    shortened: z.array(z.string().max(40)).max(30).optional(),
  })
  .superRefine((c, ctx) => {
    const types = c.slides.map((s) => s.type);
    if (types[0] !== "hook")
      ctx.addIssue({ code: "custom", path: ["slides", 0, "type"], message: "First is hook" });
    if (types.at(-1) !== "cta") {
      ctx.addIssue({ code: "custom", path: ["slides", types.length - 1, "type"], message: "Last is cta" });
    }
    if (types.slice(1, -1).some((t) => t !== "content")) {
      ctx.addIssue({ code: "custom", path: ["slides"], message: "Middle slides are content" });
    }
    const firstSentence = c.caption.split(/(?<=[.!?])\s/)[0] ?? "";
    if (firstSentence.length > 150) {
      ctx.addIssue({
        code: "custom",
        path: ["caption"],
        message: "The hook must fit in the first 150 characters",
      });
    }
  });
export type Copy = z.infer<typeof Copy>;

export const Review = z.object({
  score: z.number().min(0).max(100),
  clarity: z.number().min(0).max(100),
  engagement: z.number().min(0).max(100),
  brandFit: z.number().min(0).max(100),
  feedback: z.string().max(1000),
});
export type Review = z.infer<typeof Review>;

// ---- blog stage outputs ---------------------------------------------------------------------------

// Grounded research is the AI platform's shape (modules/ai); content stores and shows it.
export { Research };

export const BlogStrategy = z.object({
  persona: z.string().min(3).max(200),
  angle: z.string().min(3).max(300),
  outline: z.array(z.string().min(3).max(120)).min(3).max(5),
});
export type BlogStrategy = z.infer<typeof BlogStrategy>;

export const BlogDraft = z.object({
  title: z.string().trim().min(10).max(70),
  seoTitle: z.string().trim().min(10).max(60),
  seoDescription: z.string().trim().min(150).max(160),
  excerpt: z.string().trim().min(40).max(300),
  keywords: z.array(z.string().trim().min(2).max(40)).min(3).max(10),
  html: z.string().min(200),
});
export type BlogDraft = z.infer<typeof BlogDraft>;

export const BLOG_WORDS = { min: 800, max: 1200 } as const;
