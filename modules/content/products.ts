import { and, asc, eq, inArray } from "drizzle-orm";
import { productImages, products } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { AppError, BadRequest, NotFound } from "../core/errors";
import { newId } from "../core/ids";
import { imageDimensions, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, withinImageBounds } from "./image-size";
import { requireEditor } from "./personas";
import { pngSize } from "./render/png";
import type { PatchProductBody, ProductBody, ProductWire } from "./schema";
import { keywords, wordsMatch } from "./text";

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

type ProductRow = typeof products.$inferSelect;
type ImageRow = typeof productImages.$inferSelect;

export const assetUrl = (key: string): string => `/api/assets/${key}`;

/** The real type of an upload from its first bytes; the name and declared type are not trusted. */
export function sniffImage(
  bytes: Uint8Array,
): { mime: "image/png" | "image/jpeg" | "image/webp"; ext: string } | null {
  const at = (i: number) => bytes[i];
  if (pngSize(bytes)) return { mime: "image/png", ext: "png" };
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return { mime: "image/jpeg", ext: "jpg" };
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP")
    return { mime: "image/webp", ext: "webp" };
  return null;
}

/** Shared product catalogue: all signed-in users read, marketing/admin write. */
export class ProductService {
  constructor(
    private readonly db: Db,
    private readonly files: R2Bucket,
    private readonly now: () => number = Date.now,
  ) {}

  private wire(p: ProductRow, images: ImageRow[], actor: Actor): ProductWire {
    const seeAll = actor.role === "admin" || actor.role === "marketing";
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      category: p.category,
      metadata: p.metadata,
      images: images
        .filter((i) => i.productId === p.id && (seeAll || i.publicOk))
        .map((i) => ({
          id: i.id,
          url: assetUrl(i.r2Key),
          contentType: i.contentType,
          bytes: i.bytes,
          width: i.width,
          height: i.height,
          publicOk: i.publicOk,
          alt: i.alt,
        })),
      createdAt: new Date(p.createdAt).toISOString(),
      updatedAt: new Date(p.updatedAt).toISOString(),
    };
  }

  async list(actor: Actor): Promise<ProductWire[]> {
    const rows = await this.db.select().from(products).orderBy(asc(products.name)).limit(500);
    const imgs = rows.length ? await this.db.select().from(productImages) : [];
    return rows.map((p) => this.wire(p, imgs, actor));
  }

  async get(actor: Actor, id: string): Promise<ProductWire> {
    const p = await this.db.query.products.findFirst({ where: eq(products.id, id) });
    if (!p) throw new NotFound("Product");
    const imgs = await this.db.select().from(productImages).where(eq(productImages.productId, id));
    return this.wire(p, imgs, actor);
  }

  async create(actor: Actor, body: ProductBody): Promise<ProductWire> {
    requireEditor(actor);
    const now = this.now();
    const [row] = await this.db
      .insert(products)
      .values({ id: newId(), ...body, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error("product insert returned nothing");
    return this.wire(row, [], actor);
  }

  async patch(actor: Actor, id: string, body: PatchProductBody): Promise<ProductWire> {
    requireEditor(actor);
    const [row] = await this.db
      .update(products)
      .set({ ...body, updatedAt: this.now() })
      .where(eq(products.id, id))
      .returning();
    if (!row) throw new NotFound("Product");
    return this.get(actor, row.id);
  }

  /** Stores an uploaded picture in R2 after checking its real type and size. */
  async addImage(
    actor: Actor,
    productId: string,
    file: { bytes: Uint8Array; publicOk: boolean; alt?: string | undefined },
  ): Promise<ProductWire> {
    requireEditor(actor);
    const p = await this.db.query.products.findFirst({ where: eq(products.id, productId) });
    if (!p) throw new NotFound("Product");
    if (file.bytes.length === 0)
      throw new BadRequest("The file is empty.", [{ path: "file", message: "Empty" }]);
    if (file.bytes.length > MAX_IMAGE_BYTES) {
      throw new AppError(413, "Payload too large", "Images are limited to 10 MB.");
    }
    const kind = sniffImage(file.bytes);
    if (!kind) {
      throw new AppError(
        415,
        "Unsupported media type",
        "Upload a PNG, JPEG or WebP image (checked by content).",
      );
    }
    const size = imageDimensions(file.bytes, kind.mime);
    if (!size || !withinImageBounds(size)) {
      throw new BadRequest(
        `The image must declare at most ${MAX_IMAGE_SIDE} px per side and ${MAX_IMAGE_PIXELS / 1e6} MP.`,
        [
          {
            path: "file",
            message: size ? `Declares ${size.width} × ${size.height} px` : "Unreadable header",
          },
        ],
      );
    }
    await insertImage(
      this.db,
      this.files,
      productId,
      { bytes: file.bytes, ...kind, publicOk: file.publicOk, alt: file.alt ?? null },
      this.now(),
    );
    return this.get(actor, productId);
  }
}

export async function insertImage(
  db: Db,
  files: R2Bucket,
  productId: string,
  img: { bytes: Uint8Array; mime: string; ext: string; publicOk: boolean; alt: string | null },
  now: number,
): Promise<string> {
  const id = newId();
  const key = `products/${productId}/${id}.${img.ext}`;
  await files.put(key, img.bytes, { httpMetadata: { contentType: img.mime } });
  const size = img.mime === "image/png" ? pngSize(img.bytes) : null;
  await db.insert(productImages).values({
    id,
    productId,
    r2Key: key,
    contentType: img.mime,
    bytes: img.bytes.length,
    width: size?.width ?? null,
    height: size?.height ?? null,
    publicOk: img.publicOk,
    alt: img.alt,
    createdAt: now,
  });
  return key;
}

export interface ImageMatch {
  productId: string;
  productName: string;
  imageId: string;
  r2Key: string;
  contentType: string;
  score: number;
}

/**
 * The best public pictures for a topic: word overlap of the topic with the product's name (×3),
 * category (×2) and description (×1); products the user picked come first. Confidential images
 * (publicOk false) are never returned, so they never reach a slide or a model.
 */
export async function findImagesForTopic(
  db: Db,
  topic: string,
  opts: { productIds?: string[] | undefined; limit?: number } = {},
): Promise<ImageMatch[]> {
  const words = keywords(topic);
  const picked = new Set(opts.productIds ?? []);
  // Products the user chose are the only ones whose pictures may appear ("the chosen products'
  // images go into the slides"); the topic ranks among them. With none chosen, the topic picks.
  const rows = await db
    .select({ img: productImages, p: products })
    .from(productImages)
    .innerJoin(products, eq(products.id, productImages.productId))
    .where(
      picked.size > 0
        ? and(eq(productImages.publicOk, true), inArray(products.id, [...picked]))
        : eq(productImages.publicOk, true),
    );
  const overlap = (text: string): number => {
    const ws = keywords(text);
    return words.filter((w) => ws.some((x) => wordsMatch(w, x))).length;
  };
  const scored = rows.map(({ img, p }) => {
    const meta = Object.values(p.metadata)
      .filter((v) => typeof v === "string")
      .join(" ");
    const score =
      (picked.has(p.id) ? 100 : 0) +
      overlap(p.name) * 3 +
      overlap(`${p.category} ${meta}`) * 2 +
      overlap(p.description);
    return {
      productId: p.id,
      productName: p.name,
      imageId: img.id,
      r2Key: img.r2Key,
      contentType: img.contentType,
      score,
    };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.r2Key.localeCompare(b.r2Key))
    .slice(0, opts.limit ?? 6);
}

export async function productsByIds(db: Db, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(products).where(inArray(products.id, ids));
}
