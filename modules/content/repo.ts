import { and, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { contentItems, productImages } from "../../drizzle/schema";
import { type Actor, isAdmin } from "../core/actor";
import { afterCursor, decodeCursor, encodeCursor } from "../core/cursor";
import type { Db } from "../core/db";
import { BadRequest, Conflict, Forbidden, NotFound } from "../core/errors";
import { assetUrl } from "./products";
import { sanitizeBlogHtml } from "./sanitize";
import {
  type ContentWire,
  type ListContentQuery,
  type PatchContentBody,
  SLIDE_LIMITS,
  type Slide,
} from "./schema";
import { slugify } from "./text";

export type ContentRow = typeof contentItems.$inferSelect;
export type NewDraft = Omit<
  typeof contentItems.$inferInsert,
  "status" | "reviewedBy" | "reviewedAt" | "rejectReason" | "createdAt" | "updatedAt"
>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Stores a job's output. The status is not a parameter: every job-made row is a `draft` (FR17).
 * The id is the job's id, so a re-run of the final stage cannot create a second item.
 */
export async function insertDraft(db: Db, draft: NewDraft, now = Date.now()): Promise<string> {
  await db
    .insert(contentItems)
    .values({ ...draft, status: "draft", createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  return draft.id;
}

export function contentWire(r: ContentRow): ContentWire {
  const body = r.body as Record<string, unknown>;
  const base: ContentWire = {
    id: r.id,
    kind: r.kind,
    status: r.status,
    userId: r.userId,
    jobId: r.jobId,
    topic: r.topic,
    profile: r.profile,
    personaId: r.personaId,
    language: r.language,
    title: r.title,
    caption: r.caption,
    pdfUrl: r.pdfKey ? assetUrl(r.pdfKey) : null,
    assetUrls: r.assetKeys.map(assetUrl),
    citations: r.citations,
    qualityScore: r.qualityScore,
    qualityNote: (body.review as { feedback?: string } | undefined)?.feedback || null,
    metadata: { ...r.metadata, offline: r.offline },
    offline: r.offline,
    sequenceId: r.sequenceId,
    sequenceIndex: r.sequenceIndex,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    rejectReason: r.rejectReason,
  };
  if (r.kind === "carousel") {
    const slides = (body.slides as Slide[] | undefined) ?? [];
    base.slides = slides.map((s) => ({
      ...s,
      imageUrl: s.renderKey ? assetUrl(s.renderKey) : null,
      backgroundUrl: s.imageKey ? assetUrl(s.imageKey) : null,
    }));
    base.hashtags = (body.hashtags as string[] | undefined) ?? [];
  } else {
    const seo = body.seo as { title: string; description: string } | undefined;
    base.html = String(body.html ?? "");
    base.seo = {
      title: seo?.title ?? "",
      description: seo?.description ?? "",
      slug: String(body.slug ?? ""),
      keywords: (body.keywords as string[] | undefined) ?? [],
    };
    base.excerpt = String(body.excerpt ?? "");
    base.category = String(body.category ?? "");
    base.bannerUrl = typeof body.bannerKey === "string" ? assetUrl(body.bannerKey) : null;
  }
  return base;
}

/** Content as one actor sees it: their own items (admins: all); others' are "not found". */
export class ContentRepo {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
    private readonly now: () => number = Date.now,
  ) {}

  private scope(): SQL | undefined {
    return isAdmin(this.actor) ? undefined : eq(contentItems.userId, this.actor.userId);
  }

  async getRow(id: string): Promise<ContentRow> {
    const row = await this.db.query.contentItems.findFirst({
      where: and(eq(contentItems.id, id), this.scope()),
    });
    if (!row) throw new NotFound("Content");
    return row;
  }

  async list(q: ListContentQuery): Promise<{ items: ContentWire[]; nextCursor: string | null }> {
    const cur = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await this.db
      .select()
      .from(contentItems)
      .where(
        and(
          this.scope(),
          q.kind ? eq(contentItems.kind, q.kind) : undefined,
          q.status ? eq(contentItems.status, q.status) : undefined,
          q.profile ? eq(contentItems.profile, q.profile) : undefined,
          q.sequenceId ? eq(contentItems.sequenceId, q.sequenceId) : undefined,
          q.series === "true" ? isNotNull(contentItems.sequenceId) : undefined,
          q.series === "false" ? isNull(contentItems.sequenceId) : undefined,
          cur ? afterCursor(contentItems.createdAt, contentItems.id, cur) : undefined,
        ),
      )
      .orderBy(desc(contentItems.createdAt), desc(contentItems.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page.map(contentWire),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** Human review only: a job (or an API token) can never approve or reject (FR17). */
  private requireHuman(): void {
    if (this.actor.via !== "session") {
      throw new Forbidden("Only a signed-in person can review drafts; jobs and API tokens cannot.");
    }
  }

  async approve(id: string): Promise<ContentWire> {
    this.requireHuman();
    const row = await this.getRow(id);
    if (row.status === "approved") throw new Conflict("This content is already approved.");
    return this.review(row, { status: "approved", rejectReason: null });
  }

  async reject(id: string, reason: string): Promise<ContentWire> {
    this.requireHuman();
    const row = await this.getRow(id);
    if (row.status === "rejected") throw new Conflict("This content is already rejected.");
    return this.review(row, { status: "rejected", rejectReason: reason });
  }

  private async review(
    row: ContentRow,
    set: { status: "approved" | "rejected"; rejectReason: string | null },
  ) {
    const now = this.now();
    const [updated] = await this.db
      .update(contentItems)
      .set({ ...set, reviewedBy: this.actor.userId, reviewedAt: now, updatedAt: now })
      .where(and(eq(contentItems.id, row.id), eq(contentItems.status, row.status)))
      .returning();
    if (!updated) throw new Conflict("The content changed meanwhile; reload and try again.");
    return contentWire(updated);
  }

  /**
   * Human edits of a draft, checked against the same limits as generated text. Returns the row
   * and which slides changed (the caller re-renders them).
   */
  async patch(id: string, body: PatchContentBody): Promise<{ row: ContentRow; changedSlides: number[] }> {
    const row = await this.getRow(id);
    if (row.status !== "draft") throw new Conflict(`Only drafts can be edited; this one is ${row.status}.`);
    const content = { ...(row.body as Record<string, unknown>) };
    const changed: number[] = [];
    const errors: Array<{ path: string; message: string }> = [];
    if (body.slides) {
      if (row.kind !== "carousel") errors.push({ path: "slides", message: "Only carousels have slides" });
      const slides = ((content.slides as Slide[] | undefined) ?? []).map((s) => ({ ...s }));
      body.slides.forEach((edit, i) => {
        const s = slides.find((x) => x.index === edit.index);
        if (!s) {
          errors.push({ path: `slides.${i}.index`, message: "No such slide" });
          return;
        }
        const lim = SLIDE_LIMITS[s.type];
        if (edit.headline !== undefined && edit.headline.length > lim.headline) {
          errors.push({
            path: `slides.${i}.headline`,
            message: `At most ${lim.headline} characters for a ${s.type} slide`,
          });
        }
        if (edit.body !== undefined && edit.body.length > lim.body) {
          errors.push({
            path: `slides.${i}.body`,
            message: `At most ${lim.body} characters for a ${s.type} slide`,
          });
        }
        s.headline = edit.headline ?? s.headline;
        s.body = edit.body ?? s.body;
        changed.push(s.index);
      });
      content.slides = slides;
    }
    if (body.html !== undefined) {
      if (row.kind !== "blog") errors.push({ path: "html", message: "Only blog posts have HTML" });
      // Stored clean: the HTML is shown to admins and reviewers (stored XSS otherwise).
      content.html = sanitizeBlogHtml(body.html);
    }
    if (body.seo) {
      if (row.kind !== "blog") errors.push({ path: "seo", message: "Only blog posts have SEO fields" });
      const seo = { ...(content.seo as Record<string, string> | undefined) };
      if (body.seo.title) seo.title = body.seo.title;
      if (body.seo.description) seo.description = body.seo.description;
      content.seo = seo;
    }
    if (errors.length) throw new BadRequest("The edit breaks the content limits.", errors);
    const now = this.now();
    const [updated] = await this.db
      .update(contentItems)
      .set({
        body: content,
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.caption !== undefined ? { caption: body.caption } : {}),
        metadata: { ...row.metadata, editedBy: this.actor.userId, editedAt: now },
        updatedAt: now,
      })
      .where(and(eq(contentItems.id, id), eq(contentItems.updatedAt, row.updatedAt)))
      .returning();
    if (!updated) throw new Conflict("The content changed meanwhile; reload and try again.");
    return { row: updated, changedSlides: changed };
  }
}

/**
 * Whether an R2 key may be streamed to this actor: the slides/PDF/banner of content they may
 * see, or a product picture that is public (any signed-in user) or confidential (marketing/admin).
 */
export async function canReadAsset(db: Db, actor: Actor, key: string): Promise<boolean> {
  const content = key.match(/^content\/([^/]+)\//);
  if (content?.[1]) {
    const row = await db.query.contentItems.findFirst({
      columns: { userId: true },
      where: eq(contentItems.id, content[1]),
    });
    return !!row && (isAdmin(actor) || row.userId === actor.userId);
  }
  if (key.startsWith("products/")) {
    const img = await db.query.productImages.findFirst({ where: eq(productImages.r2Key, key) });
    return !!img && (img.publicOk || actor.role === "admin" || actor.role === "marketing");
  }
  return false;
}

/**
 * The download name of a carousel's PDF: its title (or topic) as a slug, so ten downloads are not
 * ten `carousel.pdf` files (#17.10).
 */
export async function pdfFileName(db: Db, key: string): Promise<string> {
  const id = key.match(/^content\/([^/]+)\//)?.[1];
  const row = id
    ? await db.query.contentItems.findFirst({
        columns: { title: true, topic: true },
        where: eq(contentItems.id, id),
      })
    : undefined;
  const slug = slugify(row?.title || row?.topic || "");
  return `${slug || "carrossel"}.pdf`;
}
