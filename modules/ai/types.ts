import { z } from "zod";
import type { CostEntry, LogEvent } from "../jobs/types";

/** Grounded research: a summary and its cited findings (web search through the provider). */
const Finding = z.object({
  claim: z.string().min(3).max(500),
  sourceUrl: z.url(),
  sourceTitle: z.string().max(200),
});
export const Research = z.object({
  summary: z.string().max(2000),
  findings: z.array(Finding).min(1).max(12),
});
export type Research = z.infer<typeof Research>;

/** Meters every paid call: reserve before (guardrails), record after (real usage). */
export interface Meter {
  reserve(estimateUsd: number, what: string): Promise<void>;
  record(entry: CostEntry): Promise<void>;
  log(level: "info" | "warn", message: string, data?: unknown, event?: LogEvent): Promise<void>;
  /** Provider-wide requests-per-minute gate, and the pause after a 429. */
  throttle(): Promise<void>;
  rateLimited(retryAfterMs: number): Promise<void>;
}

export interface ImageData {
  mimeType: string;
  data: Uint8Array;
}

export interface JsonRequest<T> {
  /** Stable task name ("carousel.copy"); the prompt carries it so logs and fakes can route. */
  task: string;
  system: string;
  prompt: string;
  schema: z.ZodType<T>;
  /** Deterministic fixes for near-misses (over-long text, slide counts) tried before a re-ask. */
  repair?: (raw: unknown) => unknown;
  /** The offline provider's answer: built from the brief, persona and products, no network. */
  offline: () => T;
}

export interface ResearchRequest {
  task: string;
  system: string;
  query: string;
  offline: () => Research;
}

export interface ImageRequest {
  task: string;
  prompt: string;
  references: ImageData[];
  aspectRatio: "4:5" | "16:9";
  offline: () => Promise<ImageData | null>;
}

/**
 * One interface for text, grounded research and image generation. Stages never know which
 * implementation runs; drafts record `provider.offline` so the UI can label "offline draft".
 */
export interface AiProvider {
  readonly name: "gemini" | "offline";
  readonly offline: boolean;
  readonly models: { text: string; image: string };
  generateJson<T>(req: JsonRequest<T>): Promise<T>;
  research(req: ResearchRequest): Promise<Research>;
  /** Null when no picture could be made (the slide falls back to the brand gradient). */
  generateImage(req: ImageRequest): Promise<ImageData | null>;
}
