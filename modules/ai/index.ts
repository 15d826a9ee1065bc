import type { JobContext } from "../jobs/types";
import { type AiConfig, aiFetch } from "./config";
import { GeminiProvider } from "./gemini";
import { OfflineProvider } from "./offline";
import { loadPriceTable } from "./prices";
import type { AiProvider } from "./types";

export { type AiConfig, aiConfig } from "./config";

export type { AiProvider, ImageData } from "./types";

/** The provider for a job: Gemini when a key is configured (`cfg`, from `aiConfig(env)`), else the offline one. */
export function providerFor(ctx: JobContext<unknown>, cfg: AiConfig): AiProvider {
  if (cfg.provider === "offline") return new OfflineProvider();
  const fetchImpl = aiFetch();
  return new GeminiProvider({
    apiKey: cfg.gemini.apiKey,
    textModel: cfg.gemini.textModel,
    imageModel: cfg.gemini.imageModel,
    prices: () => loadPriceTable(ctx.db, cfg.pricesJson),
    ...(cfg.gemini.baseUrl ? { baseUrl: cfg.gemini.baseUrl } : {}),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    meter: {
      reserve: (usd, what) => ctx.reserveSpend(usd, what),
      record: (entry) => ctx.recordCost(entry),
      log: (level, message, data, event) => ctx.log(level, message, data, event),
      throttle: () => ctx.throttle("gemini"),
      rateLimited: (ms) => ctx.rateLimited("gemini", ms),
    },
  });
}
