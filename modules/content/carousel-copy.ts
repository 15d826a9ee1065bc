import type { Voice } from "./personas";
import {
  type CarouselInput,
  type Copy,
  MAX_SLIDES,
  MIN_SLIDES,
  type Review,
  SLIDE_LIMITS,
  type SlideType,
  type Strategy,
} from "./schema";
import { hash, keywords, pick, truncate, wordCount } from "./text";

/** The prompts, offline answers and repairs of the carousel's text stages (domain §2–§3.1). */

export interface Brief {
  input: CarouselInput;
  voice: Voice;
  products: Array<{ name: string; description: string }>;
}

const PT = (b: Brief) => b.input.language === "pt-BR";

export const WRITING_RULES = [
  "One core problem per piece.",
  "Hook = audience callout + implied benefit, under 15 words.",
  "Proof early and specific: named machines (Citizen M32/L20, Tornos GT26, ZEISS Contura CMM), ISO 13485:2016, ANVISA, ISO 7 cleanrooms — never generic claims.",
  "Exactly one low-friction CTA. Engineer-to-engineer, not salesy. No emoji.",
].join("\n");

export function systemPrompt(b: Brief): string {
  return [
    "You write LinkedIn carousels for Lifetrek Medical, a Brazilian ISO 13485 contract manufacturer of precision medical, dental and veterinary components (Indaiatuba/SP).",
    WRITING_RULES,
    `Language: ${PT(b) ? "Brazilian Portuguese (pt-BR)" : "English"}.`,
    `Voice: ${b.voice.profile === "company" ? 'company page, "we", authoritative industry leader' : 'a salesperson\'s own profile, "I", expert consultant'}.`,
  ].join("\n");
}

const seriesLine = (b: Brief): string =>
  b.input.series
    ? `This is part ${b.input.series.index} of 3 (${b.input.series.role}) of a "First 3 Posts" series: ${b.input.series.brief}`
    : "";

const productLine = (b: Brief): string =>
  b.products.length
    ? `Products to feature: ${b.products.map((p) => `${p.name} — ${p.description}`).join(" | ")}`
    : "";

export function strategyPrompt(b: Brief, personaBlock: string): string {
  return [
    personaBlock,
    `Topic: ${b.input.topic}`,
    seriesLine(b),
    productLine(b),
    `Plan the carousel: angle, hook (under 15 words), the arc Hook → Agitate → Solution → Proof → CTA, and slideCount (${b.input.slideCount ?? "3–4 simple, 5–6 educational, 7–8 deep technical"}; never more than ${MAX_SLIDES}).`,
    'Answer JSON: {"angle": string, "hook": string, "arc": string[], "slideCount": number}',
  ]
    .filter(Boolean)
    .join("\n");
}

export function copyPrompt(b: Brief, personaBlock: string, strategy: Strategy, feedback?: string): string {
  return [
    personaBlock,
    `Topic: ${b.input.topic}`,
    seriesLine(b),
    productLine(b),
    `Strategy: ${JSON.stringify(strategy)}`,
    `Write exactly ${strategy.slideCount} slides: the first "hook", the last "cta", the rest "content".`,
    `Limits (characters): hook headline ≤ ${SLIDE_LIMITS.hook.headline}, body ≤ ${SLIDE_LIMITS.hook.body}; content headline ≤ ${SLIDE_LIMITS.content.headline}, body ≤ ${SLIDE_LIMITS.content.body}; cta headline ≤ ${SLIDE_LIMITS.cta.headline}, body ≤ ${SLIDE_LIMITS.cta.body}.`,
    "Caption: 2–3 sentences, the hook within the first 125–150 characters; 3–5 hashtags separately.",
    feedback ? `A brand reviewer asked for a rewrite: ${feedback}` : "",
    'Answer JSON: {"slides":[{"type":"hook"|"content"|"cta","headline":string,"body":string}],"caption":string,"hashtags":string[]}',
  ]
    .filter(Boolean)
    .join("\n");
}

export function reviewPrompt(b: Brief, personaBlock: string, copy: Copy): string {
  return [
    personaBlock,
    `Review this carousel for clarity, engagement and brand fit (0–100 each; score = their mean). Check: one problem, hook under 15 words, specific proof, one CTA, correct voice for the ${b.voice.profile} profile.`,
    JSON.stringify(copy),
    'Answer JSON: {"score":number,"clarity":number,"engagement":number,"brandFit":number,"feedback":string}',
  ].join("\n");
}

// ---- offline answers ------------------------------------------------------------------------------

function defaultSlideCount(b: Brief): number {
  if (b.input.slideCount) return b.input.slideCount;
  const deep = /\b(tecnic|technical|toleranc|metrolog|usinagem|machining|process|valida)/i.test(
    b.input.topic,
  );
  return deep ? 7 : 6;
}

function topicShort(b: Brief, max: number): string {
  return truncate(b.input.topic.replace(/\s+/g, " "), max);
}

export function offlineStrategy(b: Brief): Strategy {
  const pt = PT(b);
  const n = defaultSlideCount(b);
  const audience = pt ? "Engenheiros de P&D" : "R&D engineers";
  const hook = truncate(`${audience}: ${b.input.topic}`, 100);
  const arcPt = ["Gancho", "Agitação", "Solução", "Prova", "Processo", "Resultado", "Detalhe técnico", "CTA"];
  const arcEn = ["Hook", "Agitate", "Solution", "Proof", "Process", "Outcome", "Technical detail", "CTA"];
  const arc = (pt ? arcPt : arcEn).slice(0, n - 1).concat(pt ? "CTA" : "CTA");
  return {
    angle: pt
      ? `Mostrar, com provas concretas, como reduzir risco em ${b.input.topic.toLowerCase()}`
      : `Show, with concrete proof, how to de-risk ${b.input.topic.toLowerCase()}`,
    hook: wordCount(hook) < 15 ? hook : truncate(hook, 60),
    arc: arc.slice(0, n),
    slideCount: n,
  };
}

export function offlineCopy(b: Brief, strategy: Strategy): Copy {
  const pt = PT(b);
  const we = b.voice.profile === "company";
  const seed = hash(b.input.topic);
  const product = b.products[0]?.name;
  const n = strategy.slideCount;
  const series = b.input.series;
  const hookHeadline = series
    ? pt
      ? {
          intro: "Prazer: precisão que vira produto",
          expertise: "Onde a precisão faz diferença",
          story: "Uma lição de chão de fábrica",
        }[series.role]
      : {
          intro: "Hello: precision that ships",
          expertise: "Where precision matters",
          story: "A lesson from the shop floor",
        }[series.role]
    : topicShort(b, SLIDE_LIMITS.hook.headline);
  const middle: Array<{ headline: string; body: string }> = pt
    ? [
        {
          headline: "O problema: tolerância que não fecha",
          body: "Peças fora de tolerância atrasam a validação, geram retrabalho e travam o registro na ANVISA.",
        },
        {
          headline: we ? "Como resolvemos: usinagem suíça" : "Como eu resolvo: usinagem suíça",
          body: `Tornos Citizen M32/L20 e Tornos GT26 fabricam ${product ?? "componentes"} em uma única fixação.`,
        },
        {
          headline: "Prova: metrologia ZEISS Contura",
          body: "Cada lote é medido em CMM ZEISS Contura, com relatório dimensional rastreável por peça.",
        },
        {
          headline: "Qualidade: ISO 13485 e ANVISA",
          body: "Sistema de qualidade ISO 13485:2016, registro ANVISA e duas salas limpas ISO 7 em Indaiatuba/SP.",
        },
        {
          headline: "Processo validado do início ao fim",
          body: "IQ/OQ/PQ, gestão de risco ISO 14971 e FAI antes do primeiro lote de produção.",
        },
        {
          headline: "Resultado: menos risco no lançamento",
          body: "Menos não conformidades, prazos previsíveis e documentação pronta para auditoria.",
        },
      ]
    : [
        {
          headline: "The problem: tolerances that drift",
          body: "Out-of-tolerance parts delay validation, cause rework and stall regulatory submissions.",
        },
        {
          headline: we ? "How we solve it: Swiss-type machining" : "How I solve it: Swiss-type machining",
          body: `Citizen M32/L20 and Tornos GT26 lathes make ${product ?? "components"} in a single clamping.`,
        },
        {
          headline: "Proof: ZEISS Contura metrology",
          body: "Every lot is measured on a ZEISS Contura CMM with a traceable dimensional report.",
        },
        {
          headline: "Quality: ISO 13485 and ANVISA",
          body: "ISO 13485:2016 quality system, ANVISA registration and two ISO 7 cleanrooms in Brazil.",
        },
        {
          headline: "A validated process end to end",
          body: "IQ/OQ/PQ, ISO 14971 risk management and a first-article inspection before production.",
        },
        {
          headline: "Outcome: lower launch risk",
          body: "Fewer nonconformities, predictable lead times and audit-ready documentation.",
        },
      ];
  const rotated = middle.map(
    (_, i) => middle[(i + (seed % 2)) % middle.length] as { headline: string; body: string },
  );
  const slides: Copy["slides"] = [];
  slides.push({
    type: "hook",
    headline: hookHeadline,
    body: truncate(
      series?.brief ??
        (pt
          ? `${we ? "Nós fabricamos" : "Eu acompanho"} ${b.input.topic.toLowerCase()} com provas, não promessas.`
          : `${we ? "We make" : "I work on"} ${b.input.topic.toLowerCase()} with proof, not promises.`),
      SLIDE_LIMITS.hook.body,
    ),
  });
  for (let i = 0; i < n - 2; i++) {
    const m = rotated[i % rotated.length] as { headline: string; body: string };
    slides.push({
      type: "content",
      headline: truncate(m.headline, SLIDE_LIMITS.content.headline),
      body: truncate(m.body, SLIDE_LIMITS.content.body),
    });
  }
  slides.push({
    type: "cta",
    headline: pt ? "Vamos revisar o seu desenho?" : "Shall we review your drawing?",
    body: pt
      ? "Envie uma mensagem: devolvemos uma análise de fabricabilidade em 48 h."
      : "Send a message: we return a manufacturability review within 48 h.",
  });
  const hashtags = pt
    ? [
        "#DispositivosMedicos",
        "#ISO13485",
        "#UsinagemDePrecisao",
        pick(["#ANVISA", "#Implantes", "#MedTech"], seed),
      ]
    : [
        "#MedicalDevices",
        "#ISO13485",
        "#PrecisionMachining",
        pick(["#MedTech", "#Implants", "#Manufacturing"], seed),
      ];
  const caption = pt
    ? `${truncate(strategy.hook, 120)}. ${we ? "Mostramos" : "Mostro"} como tornos suíços, metrologia ZEISS e ISO 13485 reduzem o risco do seu projeto. ${we ? "Fale com nosso time" : "Fale comigo"} para uma análise técnica.`
    : `${truncate(strategy.hook, 120)}. ${we ? "We show" : "I show"} how Swiss-type lathes, ZEISS metrology and ISO 13485 de-risk your project. ${we ? "Talk to our team" : "Message me"} for a technical review.`;
  return { slides, caption, hashtags: [...new Set(hashtags)] };
}

export function offlineReview(b: Brief, copy: Copy): Review {
  const hook = copy.slides[0];
  const text = copy.slides.map((s) => `${s.headline} ${s.body}`).join(" ");
  const clarity = 70 + (hook && wordCount(hook.headline) < 15 ? 15 : 0) + (copy.slides.length <= 8 ? 5 : 0);
  const proof = /(ISO 13485|ANVISA|Citizen|Tornos|ZEISS)/.test(text);
  const engagement = 72 + (copy.hashtags.length >= 3 ? 8 : 0) + (copy.caption.length > 120 ? 5 : 0);
  const voiceOk = b.voice.profile === "company" ? !/\b(eu|I)\b/.test(hook?.body ?? "") : true;
  const brandFit = 65 + (proof ? 20 : 0) + (voiceOk ? 5 : 0) + (keywords(text).length > 20 ? 5 : 0);
  const score = Math.round((clarity + engagement + brandFit) / 3);
  return {
    score,
    clarity,
    engagement,
    brandFit,
    feedback: proof ? "Specific proof present; hook is short." : "Add specific proof (machines, ISO 13485).",
  };
}

// ---- repairs ---------------------------------------------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);

export function repairStrategy(raw: unknown, wanted?: number): unknown {
  if (!isObj(raw)) return raw;
  const n = Number(raw.slideCount);
  const slideCount =
    wanted ?? Math.min(MAX_SLIDES, Math.max(MIN_SLIDES, Number.isFinite(n) ? Math.round(n) : 6));
  const arc = Array.isArray(raw.arc) ? raw.arc.map((a) => truncate(str(a), 80)).slice(0, MAX_SLIDES) : [];
  while (arc.length < MIN_SLIDES) arc.push(["Hook", "Solution", "CTA"][arc.length] ?? "CTA");
  return { angle: truncate(str(raw.angle), 300), hook: truncate(str(raw.hook), 120), arc, slideCount };
}

/** Fixes near-misses: clamps the slide count, forces hook/content/cta order, trims texts, hashtags. */
export function repairCopy(raw: unknown, wanted?: number): unknown {
  if (!isObj(raw) || !Array.isArray(raw.slides)) return raw;
  let slides = raw.slides.filter(isObj);
  const max = Math.min(MAX_SLIDES, wanted ?? MAX_SLIDES);
  if (slides.length > max) slides = [...slides.slice(0, max - 1), slides.at(-1) as Record<string, unknown>];
  const fixed = slides.map((s, i) => {
    const type: SlideType = i === 0 ? "hook" : i === slides.length - 1 ? "cta" : "content";
    const lim = SLIDE_LIMITS[type];
    return { type, headline: truncate(str(s.headline), lim.headline), body: truncate(str(s.body), lim.body) };
  });
  let tags = Array.isArray(raw.hashtags) ? raw.hashtags.map(str) : str(raw.hashtags).split(/[\s,]+/);
  tags = tags
    .map((t) => `#${t.replace(/^#+/, "").replace(/[^\p{L}\p{N}_]/gu, "")}`)
    .filter((t) => t.length >= 3)
    .slice(0, 5);
  for (const d of ["#ISO13485", "#MedTech", "#Manufacturing"])
    if (tags.length < 3 && !tags.includes(d)) tags.push(d);
  let caption = str(raw.caption).trim();
  const [first, ...rest] = caption.split(/(?<=[.!?])\s/);
  if (first && first.length > 150) caption = [truncate(first, 149).replace(/…$/, "."), ...rest].join(" ");
  return { slides: fixed, caption: truncate(caption, 2000), hashtags: [...new Set(tags)] };
}

export function repairReview(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const clamp = (v: unknown) => Math.min(100, Math.max(0, Number(v) || 0));
  const clarity = clamp(raw.clarity);
  const engagement = clamp(raw.engagement);
  const brandFit = clamp(raw.brandFit);
  const score =
    raw.score === undefined ? Math.round((clarity + engagement + brandFit) / 3) : clamp(raw.score);
  return { score, clarity, engagement, brandFit, feedback: truncate(str(raw.feedback), 1000) };
}
