import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { user } from "./identity";

export const PROFILES = ["company", "salesperson"] as const;
export const PRODUCT_CATEGORIES = ["dental", "medical", "veterinary", "industrial"] as const;

export const personas = sqliteTable("personas", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  profile: text("profile", { enum: PROFILES }).notNull(),
  audience: text("audience").notNull(),
  toneWords: text("tone_words", { mode: "json" }).$type<string[]>().notNull(),
  doRules: text("do_rules", { mode: "json" }).$type<string[]>().notNull(),
  dontRules: text("dont_rules", { mode: "json" }).$type<string[]>().notNull(),
  examplePosts: text("example_posts", { mode: "json" }).$type<string[]>().notNull(),
  createdBy: text("created_by").references(() => user.id),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const products = sqliteTable("products", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  category: text("category", { enum: PRODUCT_CATEGORIES }).notNull(),
  metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const productImages = sqliteTable(
  "product_images",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    r2Key: text("r2_key").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** Confidential customer parts are never shown publicly (never reach a slide). */
    publicOk: integer("public_ok", { mode: "boolean" }).notNull().default(false),
    alt: text("alt"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("product_images_product_idx").on(t.productId)],
);

export const CONTENT_KINDS = ["carousel", "blog"] as const;
export const CONTENT_STATUSES = ["draft", "approved", "rejected"] as const;

/** Every AI output is a draft; only a signed-in human's request moves it out of `draft`. */
export const contentItems = sqliteTable(
  "content_items",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: CONTENT_KINDS }).notNull(),
    status: text("status", { enum: CONTENT_STATUSES }).notNull().default("draft"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id),
    jobId: text("job_id"),
    sequenceId: text("sequence_id"),
    sequenceIndex: integer("sequence_index"),
    topic: text("topic").notNull(),
    profile: text("profile", { enum: PROFILES }).notNull(),
    personaId: text("persona_id"),
    language: text("language", { enum: ["pt-BR", "en"] })
      .notNull()
      .default("pt-BR"),
    title: text("title"),
    /** Carousel: slides JSON; blog: {html, seo, slug, …}. */
    body: text("body", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    caption: text("caption"),
    assetKeys: text("asset_keys", { mode: "json" }).$type<string[]>().notNull(),
    pdfKey: text("pdf_key"),
    citations: text("citations", { mode: "json" }).$type<Array<{ title: string; url: string }>>().notNull(),
    qualityScore: real("quality_score"),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    offline: integer("offline", { mode: "boolean" }).notNull().default(false),
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
    rejectReason: text("reject_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("content_user_idx").on(t.userId, t.createdAt),
    index("content_seq_idx").on(t.sequenceId),
    index("content_job_idx").on(t.jobId),
  ],
);
