import { eq } from "drizzle-orm";
import { z } from "zod";
import { appSettings } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { MAX_GENERATED_IMAGES } from "./schema";

/** The one admin setting this feature reads; the guardrails feature owns and validates the row. */
const Stored = z.object({ maxImagesPerCarousel: z.number().int().min(0).max(8).optional() });

/**
 * How many pictures a carousel may generate (the admin's `maxImagesPerCarousel`, default 7).
 * Read from the settings row directly: features do not import each other.
 */
export async function maxGeneratedImages(db: Db): Promise<number> {
  const row = await db.query.appSettings.findFirst({ where: eq(appSettings.key, "guardrails") });
  const parsed = Stored.safeParse(row?.value ?? {});
  return (parsed.success ? parsed.data.maxImagesPerCarousel : undefined) ?? MAX_GENERATED_IMAGES;
}
