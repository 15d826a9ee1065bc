import { eq } from "drizzle-orm";
import { z } from "zod";
import { appSettings } from "../../drizzle/schema";
import type { Db } from "../core/db";

/** USD per million tokens (and flat fees), seeded from domain §3.5; overridable by AI_PRICES_JSON. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  /** What one call is reserved at before it runs (guardrails check this). */
  estimateUsd: number;
}

const DEFAULT_PRICES: Record<string, ModelPrice> = {
  "gemini-2.5-flash": { inputPerMTok: 0.3, outputPerMTok: 2.5, estimateUsd: 0.01 },
  "gemini-2.5-flash-lite": { inputPerMTok: 0.1, outputPerMTok: 0.4, estimateUsd: 0.005 },
  "gemini-2.5-pro": { inputPerMTok: 1.25, outputPerMTok: 10, estimateUsd: 0.025 },
  // Image output is billed as tokens (~1290 per image ≈ USD 0.039).
  "gemini-2.5-flash-image": { inputPerMTok: 0.3, outputPerMTok: 30, estimateUsd: 0.06 },
};
/** Google Search grounding fee per grounded prompt. */
const SEARCH_FEE_USD = 0.035;
const FALLBACK: ModelPrice = { inputPerMTok: 1.25, outputPerMTok: 10, estimateUsd: 0.025 };

export const PriceOverrides = z.record(
  z.string(),
  z.object({
    inputPerMTok: z.number().min(0),
    outputPerMTok: z.number().min(0),
    estimateUsd: z.number().min(0),
  }),
);

export class PriceTable {
  private readonly prices: Record<string, ModelPrice>;
  /** Defaults, then the deploy's AI_PRICES_JSON, then what an admin saved (most specific wins). */
  constructor(overridesJson?: string, adminOverrides: Record<string, ModelPrice> = {}) {
    let overrides: Record<string, ModelPrice> = {};
    if (overridesJson) {
      const parsed = PriceOverrides.safeParse(JSON.parse(overridesJson));
      if (parsed.success) overrides = parsed.data;
    }
    this.prices = { ...DEFAULT_PRICES, ...overrides, ...adminOverrides };
  }

  /** The whole table, for the admin screen. */
  all(): { models: Record<string, ModelPrice>; searchFeeUsd: number } {
    return { models: { ...this.prices }, searchFeeUsd: SEARCH_FEE_USD };
  }
  price(model: string): ModelPrice {
    return this.prices[model] ?? FALLBACK;
  }
  estimate(model: string, search = false): number {
    return this.price(model).estimateUsd + (search ? SEARCH_FEE_USD : 0);
  }
  cost(model: string, inputTokens: number, outputTokens: number, search = false): number {
    const p = this.price(model);
    const usd = (inputTokens * p.inputPerMTok + outputTokens * p.outputPerMTok) / 1_000_000;
    return Math.round((usd + (search ? SEARCH_FEE_USD : 0)) * 1e6) / 1e6;
  }
}

const PRICES_KEY = "ai.prices";

/** The admin-edited price overrides (app_settings), merged into the table for each paid call. */
export async function loadPriceTable(db: Db, overridesJson?: string): Promise<PriceTable> {
  const row = await db.query.appSettings.findFirst({ where: eq(appSettings.key, PRICES_KEY) });
  const saved = PriceOverrides.safeParse(row?.value ?? {});
  return new PriceTable(overridesJson, saved.success ? saved.data : {});
}

export async function savePriceOverrides(
  db: Db,
  value: z.infer<typeof PriceOverrides>,
  by: string,
): Promise<void> {
  const now = Date.now();
  await db
    .insert(appSettings)
    .values({ key: PRICES_KEY, value, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now, updatedBy: by } });
}
