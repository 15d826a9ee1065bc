/**
 * An in-worker fake of the Gemini API speaking the real `generateContent` wire format
 * (`POST /{v1,v1beta}/models/{model}:generateContent`; SDK 3.x calls v1). Tests run inside workerd, where no TCP server
 * can be started, so the fake is a `fetch` function the content module hands to the official SDK
 * (`httpOptions.fetch`). Answers are routed by the `TASK: <name>` line our prompts start with.
 * Failures are scriptable: 429 with Retry-After, 500, malformed or over-long JSON, and a random
 * failure rate from a seeded generator.
 */

export const FAKE_GEMINI_URL = "https://gemini.fake.test";

/** A valid 2×2 PNG (navy pixels): what the fake "generates" for image tasks. */
const PNG_2X2 =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGPgEtPgEtNgYDAIAiIACKQBlT8KvMQAAAAASUVORK5CYII=";

export type Fault =
  | { kind: "status"; status: 429 | 500 | 503 | 400; retryAfter?: string }
  | { kind: "malformed" }
  | { kind: "overlong" };

export interface FakeCall {
  model: string;
  task: string;
  status: number;
}

export interface FakeGemini {
  fetch: typeof fetch;
  calls: FakeCall[];
  /** The next `times` calls (of `task`, or any) answer with the fault. */
  inject(fault: Fault, opts?: { task?: string; times?: number }): void;
  /** Random transient failures (429/500 alternately) at this rate, from a seeded generator. */
  setFailureRate(rate: number, seed?: number): void;
  count(task?: string): number;
  reset(): void;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const STATUS_NAME: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

function words(n: number): string {
  const base =
    "A usinagem suíça em tornos Citizen M32 e Tornos GT26 permite tolerâncias de poucos mícrons com rastreabilidade por lote e inspeção em CMM ZEISS Contura conforme a ISO 13485 e as exigências da ANVISA".split(
      " ",
    );
  return Array.from({ length: n }, (_, i) => base[i % base.length]).join(" ");
}

function answer(task: string, overlong: boolean): { parts: unknown[]; grounding?: unknown } {
  const text = (v: unknown) => ({ parts: [{ text: JSON.stringify(v) }] });
  switch (task) {
    case "carousel.strategy":
      return text({
        angle: "Tolerâncias apertadas sem retrabalho",
        hook: "Engenheiros de P&D: menos retrabalho em implantes",
        arc: ["Hook", "Agitate", "Solution", "Proof", "CTA"],
        slideCount: 5,
      });
    case "carousel.copy":
    case "carousel.rewrite":
      return text({
        slides: [
          {
            type: "hook",
            headline: overlong
              ? "Engenheiros de P&D: como eliminar o retrabalho em implantes dentários usinados em série"
              : "Engenheiros de P&D: menos retrabalho",
            body: "Como tornos suíços e metrologia ZEISS reduzem o risco do seu implante.",
          },
          {
            type: "content",
            headline: "O problema: tolerância",
            body: "Peças fora de tolerância atrasam a validação.",
          },
          {
            type: "content",
            headline: "A solução: Citizen M32",
            body: "Usinagem em uma fixação reduz erro acumulado.",
          },
          {
            type: "content",
            headline: "Prova: ISO 13485 e ANVISA",
            body: "Cada lote medido em CMM ZEISS Contura.",
          },
          {
            type: "cta",
            headline: "Vamos revisar seu desenho?",
            body: "Envie uma mensagem para uma análise técnica.",
          },
        ],
        caption:
          "Engenheiros de P&D: menos retrabalho em implantes. Mostramos como tornos suíços e metrologia ZEISS reduzem risco. Fale com nosso time.",
        hashtags: ["#ISO13485", "#MedTech", "#Usinagem"],
      });
    case "carousel.review":
      return text({ score: 86, clarity: 88, engagement: 82, brandFit: 88, feedback: "Good proof." });
    case "sequence.plan":
      return text({
        parts: [1, 2, 3].map((i) => ({
          topic: `Parte ${i} da série`,
          brief: `Brief da parte ${i}, ligada à anterior.`,
        })),
      });
    case "blog.research":
      return {
        parts: [{ text: "A ANVISA atualizou a RDC 665/2022. A ISO 13485:2016 segue como base." }],
        grounding: {
          webSearchQueries: ["anvisa rdc 665"],
          groundingChunks: [
            { web: { uri: "https://www.gov.br/anvisa/pt-br", title: "ANVISA" } },
            { web: { uri: "https://www.iso.org/standard/59752.html", title: "ISO 13485:2016" } },
          ],
          groundingSupports: [
            {
              segment: { startIndex: 0, endIndex: 38, text: "A ANVISA atualizou a RDC 665/2022." },
              groundingChunkIndices: [0],
            },
            {
              segment: { startIndex: 39, endIndex: 80, text: "A ISO 13485:2016 segue como base." },
              groundingChunkIndices: [1],
            },
          ],
        },
      };
    case "blog.strategy":
      return text({
        persona: "Engenheiro de P&D",
        angle: "Guia de validação",
        outline: ["Contexto regulatório", "Processo de usinagem", "Metrologia e rastreabilidade"],
      });
    case "blog.write": {
      const section = (h: string) => `<h2>${h}</h2><p>${words(300)}</p>`;
      return text({
        title: "Validação de implantes: guia técnico para engenharia",
        seoTitle: "Validação de implantes: guia técnico",
        seoDescription:
          "Como validar implantes usinados com ISO 13485, ISO 14971 e ANVISA: processo, metrologia ZEISS e rastreabilidade por lote, do protótipo ao registro.",
        excerpt: "Um guia técnico de validação de implantes usinados.",
        keywords: ["ISO 13485", "ANVISA", "implantes"],
        html: ["Contexto regulatório", "Processo de usinagem", "Metrologia e rastreabilidade"]
          .map(section)
          .join(""),
      });
    }
    case "carousel.image":
    case "blog.image":
      return { parts: [{ inlineData: { mimeType: "image/png", data: PNG_2X2 } }] };
    default:
      return text({ error: `fake has no answer for ${task}` });
  }
}

export function createFakeGemini(): FakeGemini {
  const calls: FakeCall[] = [];
  let queue: Array<{ fault: Fault; task?: string | undefined; left: number }> = [];
  let rate = 0;
  let rng = 1;
  const random = () => {
    // xorshift32: reproducible "random" failures.
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    return (rng >>> 0) / 0x1_0000_0000;
  };

  const handle = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const m = url.pathname.match(/^\/v1(?:beta)?\/models\/([^/:]+):generateContent$/);
    if (req.method !== "POST" || !m)
      return json(
        { error: { code: 404, message: `no route ${req.method} ${url.pathname}`, status: "NOT_FOUND" } },
        404,
      );
    if (!req.headers.get("x-goog-api-key")) {
      return json({ error: { code: 401, message: "API key missing", status: "UNAUTHENTICATED" } }, 401);
    }
    const body = (await req.json()) as { contents?: Array<{ parts?: Array<{ text?: string }> }> };
    const prompt = body.contents?.[0]?.parts?.[0]?.text ?? "";
    const task = prompt.match(/^TASK: ([\w.]+)/)?.[1] ?? "unknown";
    const model = m[1] ?? "";
    const scripted = queue.find((q) => q.left > 0 && (!q.task || q.task === task));
    let fault: Fault | undefined;
    if (scripted) {
      scripted.left--;
      fault = scripted.fault;
      queue = queue.filter((q) => q.left > 0);
    } else if (rate > 0 && random() < rate) {
      fault =
        random() < 0.5 ? { kind: "status", status: 429, retryAfter: "1" } : { kind: "status", status: 500 };
    }
    if (fault?.kind === "status") {
      calls.push({ model, task, status: fault.status });
      return json(
        { error: { code: fault.status, message: `fake ${fault.status}`, status: STATUS_NAME[fault.status] } },
        fault.status,
        fault.retryAfter ? { "retry-after": fault.retryAfter } : {},
      );
    }
    calls.push({ model, task, status: 200 });
    const a =
      fault?.kind === "malformed"
        ? { parts: [{ text: 'Claro! Aqui está: {"slides": [ {"type": "hook", ' }] }
        : answer(task, fault?.kind === "overlong");
    return json({
      candidates: [
        {
          content: { parts: a.parts, role: "model" },
          finishReason: "STOP",
          index: 0,
          ...(a.grounding ? { groundingMetadata: a.grounding } : {}),
        },
      ],
      usageMetadata: { promptTokenCount: 420, candidatesTokenCount: 310, totalTokenCount: 730 },
      modelVersion: model,
    });
  };

  return {
    calls,
    fetch: async (input, init) => handle(new Request(input, init)),
    inject(fault, opts = {}) {
      queue.push({ fault, task: opts.task, left: opts.times ?? 1 });
    },
    setFailureRate(r, seed = 12345) {
      rate = r;
      rng = seed || 1;
    },
    count(task) {
      return calls.filter((c) => c.status === 200 && (!task || c.task === task)).length;
    },
    reset() {
      calls.length = 0;
      queue = [];
      rate = 0;
    },
  };
}
