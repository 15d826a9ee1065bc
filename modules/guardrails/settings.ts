import { z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { appSettings } from "../../drizzle/schema";
import { orNull } from "../contracts/absent";
import { type Db, perDb } from "../core/db";

/** Admin-configurable limits; defaults from domain.md §4. */
export const Guardrails = z
  .object({
    killSwitch: orNull(z.boolean().default(false)),
    globalDailyUsd: orNull(z.number().min(0).max(100_000).default(50)),
    globalMonthlyUsd: orNull(z.number().min(0).max(1_000_000).default(500)),
    userDailyUsd: orNull(z.number().min(0).max(100_000).default(20)),
    /** Jobs per user per day, by type. */
    userJobsPerDay: orNull(
      z.record(z.string(), z.number().int().min(0).max(10_000)).default({ "content.carousel": 10 }),
    ),
    maxImagesPerCarousel: orNull(z.number().int().min(0).max(8).default(7)),
    maxConcurrentAiJobsPerUser: orNull(z.number().int().min(1).max(50).default(3)),
    /** Job types that spend money; empty means "every type with a cost estimate". */
    aiJobTypes: orNull(z.array(z.string()).default([])),
    warnAtFraction: orNull(z.number().min(0.1).max(1).default(0.8)),
    /** Requests per minute per AI provider, shared by all jobs. */
    providerRpm: orNull(z.record(z.string(), z.number().int().min(1).max(100_000)).default({ gemini: 60 })),
  })
  .openapi("Guardrails");
export type Guardrails = z.infer<typeof Guardrails>;

const KEY = "guardrails";
/**
 * Settings are read on every enqueue and paid call; an isolate keeps them `CACHE_MS`. A change
 * made through this isolate applies at once; other isolates pick it up within
 * `CACHE_MS + REFRESH_GRACE_MS` (3 s).
 */
const CACHE_MS = 2000;
/**
 * Once the kept copy has expired, one request reads it again; requests arriving while that read is
 * under way (for at most this long) go on with the copy they have. Otherwise a burst arriving
 * together would read the settings once per request (issue #10's 300-request burst: 300 reads).
 * Nothing is shared between requests but the value itself: no request waits on another's read.
 */
const REFRESH_GRACE_MS = 1000;
let cached: { at: number; value: Guardrails; db: Db } | null = null;
let refreshing: { since: number; db: Db } | null = null;

/**
 * The read's SQL, built once per database handle (building the query was most of a read's CPU,
 * issue #10's profile).
 */
const readSettings = perDb((db) =>
  db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, sql.placeholder("key")))
    .limit(1)
    .prepare(),
);

export async function loadGuardrails(db: Db): Promise<Guardrails> {
  const now = Date.now();
  if (cached?.db === db) {
    if (now - cached.at < CACHE_MS) return cached.value;
    if (refreshing?.db === db && now - refreshing.since < REFRESH_GRACE_MS) return cached.value;
  }
  const mine = { since: now, db };
  refreshing = mine;
  try {
    const row = await readSettings(db).get({ key: KEY });
    const value = Guardrails.parse(row?.value ?? {});
    // A save made while this read was under way is newer: keep it.
    if (!(cached?.db === db && cached.at >= now)) cached = { at: now, value, db };
    return value;
  } finally {
    if (refreshing === mine) refreshing = null;
  }
}

export async function saveGuardrails(db: Db, value: Guardrails, by: string): Promise<Guardrails> {
  const now = Date.now();
  await db
    .insert(appSettings)
    .values({ key: KEY, value, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now, updatedBy: by } });
  cached = { at: now, value, db };
  return value;
}
