import { z } from "zod";
import { resolveAiProvider } from "../core/config";

/** Provider and renderer settings, parsed once from the Worker's env (not in the generated Env). */
const ContentEnv = z.object({
  ENVIRONMENT: z.string().optional(),
  AI_PROVIDER: z.string().optional(),
  GEMINI_API_KEY: z.string().min(1).optional(),
  GEMINI_BASE_URL: z.url().optional(),
  GEMINI_TEXT_MODEL: z.string().min(1).default("gemini-2.5-flash"),
  GEMINI_IMAGE_MODEL: z.string().min(1).default("gemini-2.5-flash-image"),
  /** `none` skips slide rendering (load tests only); `full` is the default everywhere else. */
  CONTENT_RENDER_MODE: z.enum(["full", "none"]).default("full"),
  /** Optional JSON price-table overrides, e.g. `{"gemini-2.5-flash":{"perCallUsd":0.01}}`. */
  AI_PRICES_JSON: z.string().optional(),
});

export interface ContentConfig {
  provider: "gemini" | "offline";
  gemini: { apiKey: string; baseUrl: string | undefined; textModel: string; imageModel: string };
  renderMode: "full" | "none";
  pricesJson: string | undefined;
}

interface Runtime {
  /** Tests only: env values layered over the Worker's env (e.g. a fake Gemini base URL). */
  envOverrides?: Record<string, string | undefined>;
  /** Tests only: the fetch the Gemini SDK uses (the fake server in `test/fakes/gemini.ts`). */
  fetch?: typeof fetch;
}

const runtime: Runtime = {};

/**
 * Test hook: swap the provider's env and network (the fake Gemini server). Production never
 * calls it.
 */
export function configureContent(patch: Runtime): void {
  Object.assign(runtime, patch);
}

export function contentFetch(): typeof fetch | undefined {
  return runtime.fetch;
}

export function contentConfig(env: Env): ContentConfig {
  const raw = ContentEnv.parse({ ...(env as unknown as Record<string, unknown>), ...runtime.envOverrides });
  return {
    provider: resolveAiProvider(raw),
    gemini: {
      apiKey: raw.GEMINI_API_KEY ?? "",
      baseUrl: raw.GEMINI_BASE_URL,
      textModel: raw.GEMINI_TEXT_MODEL,
      imageModel: raw.GEMINI_IMAGE_MODEL,
    },
    renderMode: raw.CONTENT_RENDER_MODE,
    pricesJson: raw.AI_PRICES_JSON,
  };
}
