// Wire shapes of the content API and its job inputs: content's routes, the OpenAPI document and
// the dashboard share them.
import { z } from "@hono/zod-openapi";
import { CONTENT_KINDS, CONTENT_STATUSES, PRODUCT_CATEGORIES, PROFILES } from "../../drizzle/schema";
import { CHANGE_SOMETHING, changesSomething, orNull } from "./absent";
import { MAX_SLIDES, MIN_SLIDES } from "./content-values";

export { MAX_SLIDES, MIN_SLIDES, SLIDE_LIMITS } from "./content-values";

export const Profile = z.enum(PROFILES);
export type Profile = z.infer<typeof Profile>;
export const Language = z.enum(["pt-BR", "en"]);
export type Language = z.infer<typeof Language>;
export const SlideType = z.enum(["hook", "content", "cta"]);
export type SlideType = z.infer<typeof SlideType>;
const BlogCategory = z.enum(["educacional", "produto", "mercado", "prova-social"]);

// ---- job inputs -------------------------------------------------------------------------------

const SeriesPart = z.object({
  template: z.literal("first-3-posts"),
  index: z.number().int().min(1).max(3),
  role: z.enum(["intro", "expertise", "story"]),
  brief: z.string().max(600),
});

export const CarouselInput = z.object({
  topic: z.string().trim().min(3).max(200),
  profile: Profile,
  personaId: z.string().min(1).max(64).optional(),
  productIds: z.array(z.string().min(1).max(64)).max(10).optional(),
  slideCount: z.number().int().min(MIN_SLIDES).max(MAX_SLIDES).optional(),
  language: Language.default("pt-BR"),
  /** Set by a `content.sequence` parent: this carousel's place in the series. */
  series: SeriesPart.optional(),
});
export type CarouselInput = z.infer<typeof CarouselInput>;

export const BlogInput = z.object({
  topic: z.string().trim().min(3).max(200),
  category: BlogCategory.default("educacional"),
  keywords: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  personaId: z.string().min(1).max(64).optional(),
  language: Language.default("pt-BR"),
  /** The blog's own profile is the company page unless said otherwise. */
  profile: Profile.default("company"),
});
export type BlogInput = z.infer<typeof BlogInput>;

export const SequenceInput = z.object({
  template: z.literal("first-3-posts"),
  profile: Profile,
  personaId: z.string().min(1).max(64).optional(),
  theme: z.string().trim().min(3).max(200),
  language: Language.default("pt-BR"),
});
export type SequenceInput = z.infer<typeof SequenceInput>;

export const ContentResult = z.object({ contentId: z.string() });
export const SequenceResult = z.object({ sequenceId: z.string(), contentIds: z.array(z.string()) });

/** A stored slide: its copy plus where its picture came from and its rendered PNG. */
export const Slide = z.object({
  index: z.number().int().min(1),
  type: SlideType,
  headline: z.string(),
  body: z.string(),
  badge: z.boolean(),
  logo: z.boolean(),
  imageKey: z.string().nullable(),
  imageSource: z.enum(["product", "generated"]).nullable(),
  productId: z.string().nullable(),
  renderKey: z.string().nullable(),
});
export type Slide = z.infer<typeof Slide>;

// ---- HTTP wire shapes -----------------------------------------------------------------------------

const Citation = z.object({ title: z.string(), url: z.string() });

const WireSlide = Slide.extend({
  imageUrl: z.string().nullable(),
  backgroundUrl: z.string().nullable(),
});

export const ContentWire = z
  .object({
    id: z.string(),
    kind: z.enum(CONTENT_KINDS),
    status: z.enum(CONTENT_STATUSES),
    userId: z.string(),
    jobId: z.string().nullable(),
    topic: z.string(),
    profile: Profile,
    personaId: z.string().nullable(),
    language: Language,
    title: z.string().nullable(),
    slides: z.array(WireSlide).optional(),
    html: z.string().optional(),
    seo: z
      .object({ title: z.string(), description: z.string(), slug: z.string(), keywords: z.array(z.string()) })
      .optional(),
    excerpt: z.string().optional(),
    category: z.string().optional(),
    bannerUrl: z.string().nullable().optional(),
    caption: z.string().nullable(),
    hashtags: z.array(z.string()).optional(),
    pdfUrl: z.string().nullable(),
    assetUrls: z.array(z.string()),
    citations: z.array(Citation),
    qualityScore: z.number().nullable(),
    /** The Brand Analyst's reasons for the score (e.g. text shortened to fit); null for blogs. */
    qualityNote: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    offline: z.boolean(),
    sequenceId: z.string().nullable(),
    sequenceIndex: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
    rejectReason: z.string().nullable(),
  })
  .openapi("Content");
export type ContentWire = z.infer<typeof ContentWire>;

const Limit = z.coerce.number().int().min(1).max(100).default(20);

export const ListContentQuery = z.object({
  kind: z.enum(CONTENT_KINDS).optional(),
  status: z.enum(CONTENT_STATUSES).optional(),
  profile: Profile.optional(),
  sequenceId: z.string().max(64).optional(),
  /** `true`: only drafts of a series ("First 3 Posts"); `false`: only standalone ones. */
  series: z.enum(["true", "false"]).optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
});
export type ListContentQuery = z.infer<typeof ListContentQuery>;

export const PatchContentBody = z
  .object({
    title: orNull(z.string().trim().min(1).max(70).optional()),
    caption: orNull(z.string().trim().min(1).max(2000).optional()),
    slides: orNull(
      z
        .array(
          z.object({
            index: z.number().int().min(1).max(MAX_SLIDES),
            headline: orNull(z.string().trim().min(1).max(70).optional()),
            body: orNull(z.string().trim().max(140).optional()),
          }),
        )
        .min(1)
        .max(MAX_SLIDES)
        .optional(),
    ),
    html: orNull(z.string().min(1).max(100_000).optional()),
    seo: orNull(
      z
        .object({
          title: orNull(z.string().trim().min(10).max(60).optional()),
          description: orNull(z.string().trim().min(150).max(160).optional()),
        })
        .optional(),
    ),
  })
  .refine(changesSomething, CHANGE_SOMETHING)
  .openapi("PatchContent");
export type PatchContentBody = z.infer<typeof PatchContentBody>;

export const RejectBody = z.object({ reason: z.string().trim().min(3).max(500) }).openapi("RejectContent");

// ---- products and personas --------------------------------------------------------------------

const ProductCategory = z.enum(PRODUCT_CATEGORIES);

export const ProductBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    description: z.string().trim().min(2).max(2000),
    category: ProductCategory,
    metadata: orNull(z.record(z.string(), z.unknown()).default({})),
  })
  .openapi("CreateProduct");
export type ProductBody = z.infer<typeof ProductBody>;
export const PatchProductBody = z
  .object({
    name: orNull(z.string().trim().min(2).max(120).optional()),
    description: orNull(z.string().trim().min(2).max(2000).optional()),
    category: orNull(ProductCategory.optional()),
    metadata: orNull(z.record(z.string(), z.unknown()).optional()),
  })
  .refine(changesSomething, CHANGE_SOMETHING)
  .openapi("PatchProduct");
export type PatchProductBody = z.infer<typeof PatchProductBody>;

const ProductImageWire = z.object({
  id: z.string(),
  url: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  publicOk: z.boolean(),
  alt: z.string().nullable(),
});
export const ProductWire = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: ProductCategory,
    metadata: z.record(z.string(), z.unknown()),
    images: z.array(ProductImageWire),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Product");
export type ProductWire = z.infer<typeof ProductWire>;

const Rules = z.array(z.string().trim().min(1).max(300)).max(20);
export const PersonaBody = z
  .object({
    name: z.string().trim().min(2).max(100),
    profile: Profile,
    audience: z.string().trim().min(2).max(500),
    toneWords: orNull(z.array(z.string().trim().min(1).max(40)).max(12).default([])),
    doRules: orNull(Rules.default([])),
    dontRules: orNull(Rules.default([])),
    examplePosts: orNull(z.array(z.string().trim().min(1).max(3000)).max(5).default([])),
  })
  .openapi("CreatePersona");
export type PersonaBody = z.infer<typeof PersonaBody>;
export const PatchPersonaBody = z
  .object({
    name: orNull(z.string().trim().min(2).max(100).optional()),
    profile: orNull(Profile.optional()),
    audience: orNull(z.string().trim().min(2).max(500).optional()),
    toneWords: orNull(z.array(z.string().trim().min(1).max(40)).max(12).optional()),
    doRules: orNull(Rules.optional()),
    dontRules: orNull(Rules.optional()),
    examplePosts: orNull(z.array(z.string().trim().min(1).max(3000)).max(5).optional()),
  })
  .refine(changesSomething, CHANGE_SOMETHING)
  .openapi("PatchPersona");
export type PatchPersonaBody = z.infer<typeof PatchPersonaBody>;
export const PersonaWire = PersonaBody.required()
  .extend({ id: z.string(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
  .openapi("Persona");
export type PersonaWire = z.infer<typeof PersonaWire>;
