import { z } from "zod";
import { resolveAiProvider } from "../core/config";

/** Provider settings, parsed from the Worker's env (not in the generated Env). */
const AiEnv = z.object({
  ENVIRONMENT: z.string().optional(),
  AI_PROVIDER: z.string().optional(),
  GEMINI_API_KEY: z.string().min(1).optional(),
  GEMINI_BASE_URL: z.url().optional(),
  GEMINI_TEXT_MODEL: z.string().min(1).default("gemini-2.5-flash"),
  GEMINI_IMAGE_MODEL: z.string().min(1).default("gemini-2.5-flash-image"),
  /** Optional JSON price-table overrides, e.g. `{"gemini-2.5-flash":{"perCallUsd":0.01}}`. */
  AI_PRICES_JSON: z.string().optional(),
});

export interface AiConfig {
  provider: "gemini" | "offline";
  gemini: { apiKey: string; baseUrl: string | undefined; textModel: string; imageModel: string };
  pricesJson: string | undefined;
}

interface Runtime {
  /** Tests only: env values layered over the Worker's env (e.g. a fake Gemini base URL). */
  envOverrides?: Record<string, string | undefined>;
  /** Tests only: the fetch the Gemini SDK uses (the fake server in `test/fakes/gemini.ts`). */
  fetch?: typeof fetch;
}

const runtime: Runtime = {};

/** Test hook: swap the provider's env and network (the fake Gemini server). Production never calls it. */
export function configureAi(patch: Runtime): void {
  Object.assign(runtime, patch);
}

export function aiFetch(): typeof fetch | undefined {
  return runtime.fetch;
}

/** The env as the provider sees it (the test hook's overrides included). */
export function aiEnv(env: Env): Record<string, unknown> {
  return { ...(env as unknown as Record<string, unknown>), ...runtime.envOverrides };
}

export function aiConfig(env: Env): AiConfig {
  const raw = AiEnv.parse(aiEnv(env));
  return {
    provider: resolveAiProvider(raw),
    gemini: {
      apiKey: raw.GEMINI_API_KEY ?? "",
      baseUrl: raw.GEMINI_BASE_URL,
      textModel: raw.GEMINI_TEXT_MODEL,
      imageModel: raw.GEMINI_IMAGE_MODEL,
    },
    pricesJson: raw.AI_PRICES_JSON,
  };
}
