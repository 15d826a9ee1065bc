import { capFirst, firstFit, quote, sentence, subject, topicHead } from "./offline-text";
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
import { fitText, hash, keywords, pick, truncate, wordCount } from "./text";

/** The prompts, offline answers and repairs of the carousel's text stages (domain §2–§3.1). */

export interface Brief {
  input: CarouselInput;
  voice: Voice;
  products: Array<{ name: string; description: string }>;
}

const PT = (b: Brief) => b.input.language === "pt-BR";

const WRITING_RULES = [
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
    // The reviewer reads the feedback beside the draft: in the draft's language.
    `Write "feedback" in ${PT(b) ? "Brazilian Portuguese" : "English"}.`,
    JSON.stringify(copy),
    'Answer JSON: {"score":number,"clarity":number,"engagement":number,"brandFit":number,"feedback":string}',
  ].join("\n");
}

// ---- offline answers ------------------------------------------------------------------------------

function defaultSlideCount(b: Brief): number {
  if (b.input.slideCount) return b.input.slideCount;
  const deep = /\b(tecnic|técnic|technical|toleranc|metrolog|usinagem|machining|process|valida)/i.test(
    b.input.topic,
  );
  return deep ? 7 : 6;
}

/** The reader the hook calls out, steered by the persona's audience (never quoted from it). */
function audience(b: Brief, seed: number): string {
  const a = b.voice.audience;
  const i =
    /quality|qualidade|\bRA\b/i.test(a) && seed % 2
      ? 1
      : /buyer|procurement|compra/i.test(a) && seed % 3 === 0
        ? 2
        : 0;
  return (
    (PT(b)
      ? ["Engenheiros de P&D", "Times de Qualidade e RA", "Compradores de OEMs"]
      : ["R&D engineers", "Quality and RA teams", "OEM buyers"])[i] ?? ""
  );
}

/** A persona whose tone is didactic/technical gets the "lesson" phrasings; others the "proof" ones. */
const technicalTone = (b: Brief): boolean =>
  b.voice.toneWords.some((w) => /technical|didactic|técnic|didátic|precise|preciso/i.test(w));

const seedOf = (b: Brief): number => hash(b.input.topic);

export function offlineStrategy(b: Brief): Strategy {
  const pt = PT(b);
  const n = defaultSlideCount(b);
  const seed = seedOf(b);
  const aud = audience(b, seed);
  const topic = subject(b.input.topic);
  const benefit = pt ? "menos risco no próximo lote" : "less risk in your next lot";
  const hook = [
    `${aud}: ${capFirst(topic)}`,
    `${aud}: ${capFirst(topicHead(topic))}`,
    `${aud}: ${benefit}`,
  ].find((h) => h.length <= 100 && wordCount(h) < 15);
  const arcPt = ["Gancho", "Agitação", "Solução", "Prova", "Processo", "Resultado", "Detalhe técnico"];
  const arcEn = ["Hook", "Agitate", "Solution", "Proof", "Process", "Outcome", "Technical detail"];
  const arc = (pt ? arcPt : arcEn).slice(0, n - 1).concat("CTA");
  return {
    angle: pt
      ? `Reduzir o risco de fabricação com provas concretas. Tema: ${quote(topic, true)}`
      : `De-risk manufacturing with concrete proof. Subject: ${quote(topic, false)}`,
    hook: hook ?? `${aud}: ${benefit}`,
    arc,
    slideCount: n,
  };
}

type Text = { headline: string; body: string };

function middleSlides(b: Brief): Text[] {
  const we = b.voice.profile === "company";
  const product = b.products[0]?.name;
  if (PT(b)) {
    const made = firstFit(
      [
        `Tornos Citizen M32/L20 e Tornos GT26 fabricam ${product ? quote(product, true) : "seus componentes"} em uma única fixação.`,
        "Tornos Citizen M32/L20 e Tornos GT26 fabricam seus componentes em uma única fixação.",
      ],
      SLIDE_LIMITS.content.body,
    );
    return [
      {
        headline: "O problema: tolerância que não fecha",
        body: "Peças fora de tolerância atrasam a validação, geram retrabalho e travam o registro na ANVISA.",
      },
      { headline: we ? "Como resolvemos: usinagem suíça" : "Como eu resolvo: usinagem suíça", body: made },
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
    ];
  }
  // Catalogue names are often Portuguese, so an English draft names the part generically.
  return [
    {
      headline: "The problem: tolerances that drift",
      body: "Out-of-tolerance parts delay validation, cause rework and stall regulatory submissions.",
    },
    {
      headline: we ? "How we solve it: Swiss-type machining" : "How I solve it: Swiss-type machining",
      body: "Citizen M32/L20 and Tornos GT26 lathes make your components in a single clamping.",
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
}

const SERIES_HOOK = {
  pt: {
    intro: {
      headline: "Prazer: precisão que vira produto",
      we: "Quem somos, o que fabricamos e por que isso importa para o seu projeto.",
      me: "Quem sou eu, o que faço e por que isso importa para o seu projeto.",
    },
    expertise: {
      headline: "Onde a precisão faz diferença",
      we: "As máquinas, a metrologia e o sistema de qualidade por trás de cada peça.",
      me: "As máquinas, a metrologia e a qualidade que acompanho em cada peça.",
    },
    story: {
      headline: "Uma lição de chão de fábrica",
      we: "Um projeto real de cliente, do desenho ao primeiro lote aprovado.",
      me: "Um projeto real que acompanhei, do desenho ao primeiro lote aprovado.",
    },
  },
  en: {
    intro: {
      headline: "Hello: precision that ships",
      we: "Who we are, what we make and why it matters for your project.",
      me: "Who I am, what I do and why it matters for your project.",
    },
    expertise: {
      headline: "Where precision matters",
      we: "The machines, metrology and quality system behind every part.",
      me: "The machines, metrology and quality I follow on every part.",
    },
    story: {
      headline: "A lesson from the shop floor",
      we: "A real customer project, from drawing to the first approved lot.",
      me: "A real project I worked on, from drawing to the first approved lot.",
    },
  },
} as const;

function hookSlide(b: Brief, seed: number): Text {
  const pt = PT(b);
  const we = b.voice.profile === "company";
  const series = b.input.series;
  if (series) {
    const s = SERIES_HOOK[pt ? "pt" : "en"][series.role];
    return { headline: s.headline, body: we ? s.we : s.me };
  }
  const aud = audience(b, seed);
  const tech = technicalTone(b);
  const bodies = pt
    ? we
      ? [
          "o que muda no seu próximo lote, com provas e não promessas.",
          "como reduzir o risco de fabricação com dados, não promessas.",
        ]
      : tech
        ? [
            "explico o porquê de cada mícron, com números.",
            "o que aprendi medindo peça por peça, com números.",
          ]
        : [
            "o que aprendi em projetos com OEMs, com provas e não promessas.",
            "o que vejo funcionar em projetos reais com OEMs.",
          ]
    : we
      ? [
          "what changes in your next lot, with proof, not promises.",
          "how to de-risk manufacturing with data, not promises.",
        ]
      : tech
        ? [
            "I explain the why behind every micron, with numbers.",
            "what measuring part by part taught me, with numbers.",
          ]
        : [
            "what I learned on OEM projects, with proof, not promises.",
            "what I see working on real OEM projects.",
          ];
  const generic = pt ? "Precisão que passa na auditoria" : "Precision that passes the audit";
  const topic = subject(b.input.topic);
  return {
    headline: firstFit([capFirst(topic), capFirst(topicHead(topic)), generic], SLIDE_LIMITS.hook.headline),
    body: firstFit([`${aud}: ${pick(bodies, seed)}`, `${aud}: ${bodies[0]}`], SLIDE_LIMITS.hook.body),
  };
}

function ctaSlide(b: Brief, seed: number): Text {
  const we = b.voice.profile === "company";
  const options = PT(b)
    ? we
      ? [
          {
            headline: "Vamos revisar o seu desenho?",
            body: "Envie uma mensagem: devolvemos uma análise de fabricabilidade em 48 h.",
          },
          {
            headline: "Quer uma segunda opinião técnica?",
            body: "Mande o desenho: respondemos com uma análise de fabricabilidade em 48 h.",
          },
        ]
      : [
          {
            headline: "Quer que eu revise o seu desenho?",
            body: "Me mande uma mensagem: devolvo uma análise de fabricabilidade em 48 h.",
          },
          {
            headline: "Vamos conversar sobre a sua peça?",
            body: "Mande o desenho: respondo com uma análise de fabricabilidade em 48 h.",
          },
        ]
    : we
      ? [
          {
            headline: "Shall we review your drawing?",
            body: "Send a message: we return a manufacturability review within 48 h.",
          },
          {
            headline: "Want a second technical opinion?",
            body: "Send the drawing: we reply with a manufacturability review within 48 h.",
          },
        ]
      : [
          {
            headline: "Want me to review your drawing?",
            body: "Send me a message: I return a manufacturability review within 48 h.",
          },
          {
            headline: "Shall we talk about your part?",
            body: "Send the drawing: I reply with a manufacturability review within 48 h.",
          },
        ];
  return pick(options, seed >>> 3);
}

export function offlineCopy(b: Brief, strategy: Strategy): Copy {
  const pt = PT(b);
  const we = b.voice.profile === "company";
  const seed = seedOf(b);
  const n = strategy.slideCount;
  const middle = middleSlides(b);
  const rotated = middle.map((_, i) => middle[(i + (seed % 2)) % middle.length] as Text);
  const slides: Copy["slides"] = [{ type: "hook", ...hookSlide(b, seed) }];
  for (let i = 0; i < n - 2; i++) slides.push({ type: "content", ...(rotated[i % rotated.length] as Text) });
  slides.push({ type: "cta", ...ctaSlide(b, seed) });
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
    ? `${sentence(strategy.hook)} ${we ? "Mostramos" : "Mostro"} como tornos suíços, metrologia ZEISS e ISO 13485 reduzem o risco do seu projeto. ${we ? "Fale com nosso time" : "Fale comigo"} para uma análise técnica.`
    : `${sentence(strategy.hook)} ${we ? "We show" : "I show"} how Swiss-type lathes, ZEISS metrology and ISO 13485 de-risk your project. ${we ? "Talk to our team" : "Message me"} for a technical review.`;
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
    feedback: PT(b)
      ? proof
        ? "Prova específica presente; gancho curto."
        : "Acrescente uma prova específica (máquinas, ISO 13485)."
      : proof
        ? "Specific proof present; hook is short."
        : "Add specific proof (machines, ISO 13485).",
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
  // Over-long texts are shortened as an editor would (no "…", no cut word), and each one is
  // named in `shortened` so the Brand Analyst's score says the draft needs a look (#17.4).
  const shortened: string[] = [];
  const shorten = (text: string, max: number, path: string) => {
    const out = fitText(text, max);
    if (out !== text.trim().replace(/\s+/g, " ")) shortened.push(path);
    return out;
  };
  const fixed = slides.map((s, i) => {
    const type: SlideType = i === 0 ? "hook" : i === slides.length - 1 ? "cta" : "content";
    const lim = SLIDE_LIMITS[type];
    return {
      type,
      headline: shorten(str(s.headline), lim.headline, `slides.${i}.headline`),
      body: shorten(str(s.body), lim.body, `slides.${i}.body`),
    };
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
  // The hook sentence ends where it was shortened, so the next one does not run into it.
  if (first && first.length > 150) {
    caption = [shorten(first, 149, "caption").replace(/([^.!?])$/, "$1."), ...rest].join(" ");
  }
  return {
    slides: fixed,
    caption: shorten(caption, 2000, "caption"),
    hashtags: [...new Set(tags)],
    ...(shortened.length ? { shortened: [...new Set(shortened)] } : {}),
  };
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
