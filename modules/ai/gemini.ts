import {
  ApiError,
  type GenerateContentConfig,
  type GenerateContentResponse,
  GoogleGenAI,
  type Part,
} from "@google/genai";
import { z } from "zod";
import { JobFailure } from "../jobs/types";
import { parseModelJson } from "./json";
import type { PriceTable } from "./prices";
import type {
  AiProvider,
  ImageData,
  ImageRequest,
  JsonRequest,
  Meter,
  Research,
  ResearchRequest,
} from "./types";

export interface GeminiOptions {
  apiKey: string;
  baseUrl?: string;
  textModel: string;
  imageModel: string;
  /** Read per call, so an admin's price change applies to the next call. */
  prices: () => Promise<PriceTable>;
  meter: Meter;
  /**
   * The network. Production passes nothing (global fetch); tests pass the in-worker fake from
   * `test/fakes/gemini.ts`. We keep the official SDK and hand it this fetch through
   * `httpOptions.fetch` (supported by @google/genai 3.x) rather than calling REST by hand, so the
   * wire format exercised in tests is exactly the SDK's.
   */
  fetch?: typeof fetch;
}

/** Without a Retry-After header a 429 waits this long before the job retries. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15_000;

const Base64 = z.string().min(1);

/** Gemini via @google/genai: text/JSON, Google-Search-grounded research, images with references. */
export class GeminiProvider implements AiProvider {
  readonly name = "gemini" as const;
  readonly offline = false;
  readonly models: { text: string; image: string };

  constructor(private readonly o: GeminiOptions) {
    this.models = { text: o.textModel, image: o.imageModel };
  }

  /**
   * One SDK call with metering and error mapping. A client per call lets the fetch wrapper see
   * this call's response headers (the SDK's ApiError keeps only the status, not Retry-After).
   */
  private async call(
    what: string,
    model: string,
    parts: Part[],
    config: GenerateContentConfig,
    kind: "text" | "image" | "search",
  ): Promise<GenerateContentResponse> {
    const search = kind === "search";
    const prices = await this.o.prices();
    await this.o.meter.reserve(prices.estimate(model, search), what);
    await this.o.meter.throttle();
    let retryAfter: string | null = null;
    const base = this.o.fetch ?? fetch;
    const wrapped: typeof fetch = async (input, init) => {
      const res = await base(input, init);
      retryAfter = res.headers.get("retry-after");
      return res;
    };
    const client = new GoogleGenAI({
      apiKey: this.o.apiKey,
      httpOptions: {
        ...(this.o.baseUrl ? { baseUrl: this.o.baseUrl } : {}),
        fetch: wrapped,
        timeout: 120_000,
      },
    });
    let res: GenerateContentResponse;
    try {
      res = await client.models.generateContent({ model, contents: [{ role: "user", parts }], config });
    } catch (err) {
      const failure = mapError(err, retryAfter);
      if (failure.code === "provider_rate_limited" && failure.retryAfterMs) {
        await this.o.meter.rateLimited(failure.retryAfterMs);
      }
      throw failure;
    }
    const usage = res.usageMetadata;
    const inputTokens = usage?.promptTokenCount ?? 0;
    const outputTokens = (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0);
    await this.o.meter.record({
      model,
      kind,
      inputTokens,
      outputTokens,
      ...(kind === "image" ? { images: 1 } : {}),
      usd: prices.cost(model, inputTokens, outputTokens, search),
    });
    const finish = res.candidates?.[0]?.finishReason;
    if (finish === "SAFETY" || finish === "PROHIBITED_CONTENT" || finish === "BLOCKLIST") {
      throw new JobFailure("provider_blocked", `The model refused the ${what} request (${finish}).`, false);
    }
    return res;
  }

  async generateJson<T>(req: JsonRequest<T>): Promise<T> {
    let problem = "";
    for (let ask = 0; ask < 2; ask++) {
      const prompt =
        ask === 0
          ? `TASK: ${req.task}\n${req.prompt}`
          : `TASK: ${req.task}\n${req.prompt}\n\nYour previous answer was rejected: ${problem}\nAnswer again with valid JSON only, respecting every limit.`;
      const res = await this.call(
        req.task,
        this.o.textModel,
        [{ text: prompt }],
        { systemInstruction: req.system, responseMimeType: "application/json", temperature: 0.7 },
        "text",
      );
      const raw = parseModelJson(res.text ?? "");
      if (raw === undefined) {
        problem = "it was not valid JSON.";
      } else {
        const ok = req.schema.safeParse(raw);
        if (ok.success) return ok.data;
        // A repair that loses nothing (order, padding, hashtags) is taken at once. One that had
        // to shorten text (it lists `shortened`) waits: the model rewrites first, told exactly
        // what broke a limit, so delivered text is the model's own wording where it can be (#17.4).
        if (req.repair) {
          const repaired = req.repair(raw);
          const lossy =
            typeof repaired === "object" &&
            repaired !== null &&
            Array.isArray((repaired as { shortened?: unknown }).shortened);
          const fixed = req.schema.safeParse(repaired);
          if (fixed.success && (!lossy || ask === 1)) {
            await this.o.meter.log(
              "warn",
              `${req.task}: model answer repaired`,
              { issues: ok.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`) },
              { code: "ai.repaired", params: { task: req.task } },
            );
            return fixed.data;
          }
        }
        problem = z.prettifyError(ok.error).slice(0, 1500);
      }
      await this.o.meter.log(
        "warn",
        `${req.task}: malformed model answer (ask ${ask + 1})`,
        { problem },
        { code: "ai.malformed", params: { task: req.task, ask: ask + 1 } },
      );
    }
    throw new JobFailure(
      "malformed_output",
      `The model's ${req.task} answer stayed invalid: ${problem}`,
      true,
    );
  }

  async research(req: ResearchRequest): Promise<Research> {
    const res = await this.call(
      req.task,
      this.o.textModel,
      [{ text: `TASK: ${req.task}\n${req.query}` }],
      { systemInstruction: req.system, tools: [{ googleSearch: {} }], temperature: 0.3 },
      "search",
    );
    const meta = res.candidates?.[0]?.groundingMetadata;
    const chunks = meta?.groundingChunks ?? [];
    const findings: Research["findings"] = [];
    const seen = new Set<string>();
    for (const support of meta?.groundingSupports ?? []) {
      for (const i of support.groundingChunkIndices ?? []) {
        const web = chunks[i]?.web;
        if (!web?.uri || seen.has(web.uri) || !URL.canParse(web.uri)) continue;
        seen.add(web.uri);
        findings.push({
          claim: (support.segment?.text ?? web.title ?? web.uri).slice(0, 500),
          sourceUrl: web.uri,
          sourceTitle: (web.title ?? web.uri).slice(0, 200),
        });
      }
    }
    for (const c of chunks) {
      const web = c.web;
      if (!web?.uri || seen.has(web.uri) || !URL.canParse(web.uri)) continue;
      seen.add(web.uri);
      findings.push({
        claim: web.title ?? web.uri,
        sourceUrl: web.uri,
        sourceTitle: (web.title ?? web.uri).slice(0, 200),
      });
    }
    if (findings.length === 0) {
      throw new JobFailure("research_ungrounded", "The research answer cited no sources.", true);
    }
    return { summary: (res.text ?? "").slice(0, 2000), findings: findings.slice(0, 12) };
  }

  async generateImage(req: ImageRequest): Promise<ImageData | null> {
    const parts: Part[] = [{ text: `TASK: ${req.task}\n${req.prompt}` }];
    for (const ref of req.references.slice(0, 3)) {
      parts.push({ inlineData: { mimeType: ref.mimeType, data: toBase64(ref.data) } });
    }
    const res = await this.call(
      req.task,
      this.o.imageModel,
      parts,
      { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: req.aspectRatio } },
      "image",
    );
    for (const p of res.candidates?.[0]?.content?.parts ?? []) {
      const data = Base64.safeParse(p.inlineData?.data);
      const mimeType = p.inlineData?.mimeType ?? "";
      if (data.success && /^image\/(png|jpeg)$/.test(mimeType)) {
        return { mimeType, data: fromBase64(data.data) };
      }
    }
    await this.o.meter.log("warn", `${req.task}: the image model returned no usable picture`, undefined, {
      code: "ai.no_picture",
      params: { task: req.task },
    });
    return null;
  }
}

/** Provider errors → job errors: 429 and 5xx retry (honouring Retry-After), other 4xx do not. */
function mapError(err: unknown, retryAfter: string | null): JobFailure {
  if (err instanceof JobFailure) return err;
  if (err instanceof ApiError) {
    const msg = `Gemini answered ${err.status}: ${err.message.slice(0, 300)}`;
    if (err.status === 429) {
      return new JobFailure(
        "provider_rate_limited",
        msg,
        true,
        parseRetryAfter(retryAfter) ?? DEFAULT_RATE_LIMIT_WAIT_MS,
      );
    }
    if (err.status >= 500) return new JobFailure("provider_unavailable", msg, true);
    if (err.status === 408) return new JobFailure("provider_timeout", msg, true);
    return new JobFailure("provider_rejected", msg, false);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new JobFailure("provider_network", `Gemini could not be reached: ${message.slice(0, 300)}`, true);
}

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function parseRetryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s) && s >= 0) return Math.min(s, 3600) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
