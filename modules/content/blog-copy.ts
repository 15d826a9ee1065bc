import { capFirst, firstFit, fitWindow, quote, subject, topicHead } from "./offline-text";
import type { Voice } from "./personas";
import { BLOG_WORDS, type BlogDraft, type BlogInput, type BlogStrategy, type Research } from "./schema";
import { fitText, hash, pick, stripHtml, truncate, wordCount } from "./text";

/** Prompts, offline answers and repairs of the blog stages (domain §3.2). */

export interface BlogBrief {
  input: BlogInput;
  voice: Voice;
}
const pt = (b: BlogBrief) => b.input.language === "pt-BR";

export function blogSystem(b: BlogBrief): string {
  return [
    "You write for the blog of Lifetrek Medical, an ISO 13485:2016 / ANVISA contract manufacturer of precision medical, dental and veterinary components in Indaiatuba/SP (Citizen M32/L20 and Tornos GT26 Swiss-type lathes, ZEISS Contura CMM, two ISO 7 cleanrooms).",
    "Expert and educational, not salesy; cite specific machines and regulations; no emoji.",
    `Language: ${pt(b) ? "Brazilian Portuguese (pt-BR)" : "English"}.`,
  ].join("\n");
}

export const researchQuery = (b: BlogBrief): string =>
  [
    `Research for a ${b.input.category} blog post about: ${b.input.topic}.`,
    "Cover the current regulatory context (ANVISA RDCs, ISO 13485, ISO 14971), market trends, technical innovation and recent news in Brazil's medical device manufacturing.",
    b.input.keywords?.length ? `Keywords: ${b.input.keywords.join(", ")}` : "",
    "Summarise the key findings in short factual sentences, each backed by a source.",
  ]
    .filter(Boolean)
    .join("\n");

export const strategyPromptBlog = (b: BlogBrief, persona: string, r: Research): string =>
  [
    persona,
    `Topic: ${b.input.topic} (category ${b.input.category})`,
    `Findings: ${JSON.stringify(r.findings.slice(0, 8))}`,
    "Choose the target reader persona, one angle, and an outline of 3–5 H2 sections.",
    'Answer JSON: {"persona": string, "angle": string, "outline": string[]}',
  ].join("\n");

export const writePrompt = (b: BlogBrief, persona: string, r: Research, s: BlogStrategy): string =>
  [
    persona,
    `Topic: ${b.input.topic} (category ${b.input.category})`,
    `Strategy: ${JSON.stringify(s)}`,
    `Findings with sources (cite them): ${JSON.stringify(r.findings.slice(0, 8))}`,
    `Write the post as HTML (<h2>, <p>, <ul>), ${BLOG_WORDS.min}–${BLOG_WORDS.max} words, one <h2> per outline section.`,
    "Also: title ≤ 70 chars, seoTitle ≤ 60, seoDescription 150–160 chars, excerpt (1–2 sentences), 3–10 keywords.",
    'Answer JSON: {"title": string, "seoTitle": string, "seoDescription": string, "excerpt": string, "keywords": string[], "html": string}',
  ].join("\n");

// ---- offline answers ------------------------------------------------------------------------------

/** Public, stable reference pages (regulators and standards bodies) for offline drafts. */
const SOURCES = [
  { url: "https://www.gov.br/anvisa/pt-br", title: "Agência Nacional de Vigilância Sanitária (ANVISA)" },
  {
    url: "https://www.iso.org/standard/59752.html",
    title: "ISO 13485:2016 — Medical devices — Quality management systems",
  },
  {
    url: "https://www.iso.org/standard/72704.html",
    title: "ISO 14971:2019 — Application of risk management to medical devices",
  },
  { url: "https://www.fda.gov/medical-devices", title: "U.S. FDA — Medical Devices" },
];

export function offlineResearch(b: BlogBrief): Research {
  const p = pt(b);
  const claims = p
    ? [
        "A ANVISA regula o registro e as boas práticas de fabricação de dispositivos médicos no Brasil (RDC 665/2022).",
        "A ISO 13485:2016 define os requisitos de sistema de gestão da qualidade para fabricantes de dispositivos médicos.",
        "A ISO 14971:2019 estabelece o processo de gestão de risco ao longo de todo o ciclo de vida do dispositivo.",
        "Exportar para os EUA exige conformidade com o FDA 21 CFR 820, agora alinhado à ISO 13485 (QMSR).",
      ]
    : [
        "ANVISA regulates registration and good manufacturing practice for medical devices in Brazil (RDC 665/2022).",
        "ISO 13485:2016 sets the quality management system requirements for medical device manufacturers.",
        "ISO 14971:2019 defines risk management across the whole device life cycle.",
        "Exporting to the US requires FDA 21 CFR 820 compliance, now aligned with ISO 13485 (QMSR).",
      ];
  return {
    summary: claims.join(" "),
    findings: claims.map((claim, i) => {
      const s = SOURCES[i] ?? SOURCES[0];
      return {
        claim,
        sourceUrl: s?.url ?? "https://www.gov.br/anvisa/pt-br",
        sourceTitle: !p && i === 0 ? "Brazilian Health Regulatory Agency (ANVISA)" : (s?.title ?? "ANVISA"),
      };
    }),
  };
}

/** The target reader, chosen from the persona's profile (the persona's own text is never pasted). */
function reader(b: BlogBrief): string {
  const company = b.voice.profile === "company";
  if (pt(b))
    return company
      ? "Líderes de Qualidade/RA, P&D e compras em fabricantes de dispositivos médicos"
      : "Engenheiros de produto e compradores que avaliam um fabricante contratado";
  return company
    ? "Quality/RA, R&D and procurement leaders at medical device makers"
    : "Product engineers and buyers evaluating a contract manufacturer";
}

export function offlineBlogStrategy(b: BlogBrief): BlogStrategy {
  const p = pt(b);
  const t = subject(b.input.topic);
  const seed = hash(b.input.topic);
  const why = p
    ? firstFit([`${quote(t, true)}: por que o tema importa agora`, "Por que o tema importa agora"], 120)
    : firstFit([`${quote(t, false)}: why it matters now`, "Why it matters now"], 120);
  return {
    persona: reader(b),
    angle: p
      ? `${pick(["Guia prático", "Guia técnico"], seed)} sobre ${quote(t, true)}: o impacto em qualidade, prazo e conformidade.`
      : `${pick(["A practical guide", "A technical guide"], seed)} to ${quote(t, false)}: the impact on quality, lead time and compliance.`,
    outline: p
      ? [
          why,
          "O contexto regulatório: ANVISA, ISO 13485 e ISO 14971",
          "Da usinagem suíça à metrologia: o processo na prática",
          "Como escolher um parceiro de manufatura",
        ]
      : [
          why,
          "The regulatory context: ANVISA, ISO 13485 and ISO 14971",
          "From Swiss-type machining to metrology: the process in practice",
          "How to choose a manufacturing partner",
        ],
  };
}

const PARAS_PT = [
  () =>
    `Em projetos de dispositivos médicos, a diferença entre um lançamento previsível e meses de atraso costuma estar nos detalhes de fabricação. Tolerâncias de poucos mícrons, acabamento superficial e rastreabilidade de lote precisam ser definidos desde o desenho, e não descobertos na primeira auditoria. Por isso, engenharia de produto e qualidade devem conversar com o fabricante antes do congelamento do projeto.`,
  () =>
    `Na Lifetrek, as peças são produzidas em tornos suíços Citizen M32 e L20 e em tornos Tornos GT26, que usinam geometrias complexas em uma única fixação. Menos fixações significam menos erro acumulado, menos manuseio e um processo mais fácil de validar com IQ, OQ e PQ documentados.`,
  () =>
    `A medição não é uma etapa final isolada: cada lote é inspecionado em uma máquina de medição por coordenadas ZEISS Contura, com relatório dimensional vinculado ao número de lote. Quando um cliente precisa investigar uma reclamação de campo, a rastreabilidade permite voltar da peça à matéria-prima, ao programa CNC e ao operador.`,
  () =>
    `O sistema de gestão da qualidade certificado pela ISO 13485:2016 organiza controle de documentos, treinamento, CAPA e auditorias internas. A gestão de risco segue a ISO 14971: os riscos de cada característica crítica são avaliados e os controles de processo são definidos de acordo com a severidade.`,
  () =>
    `As duas salas limpas ISO 7 permitem limpeza, inspeção visual e embalagem de componentes implantáveis com controle de partículas. Para muitos fabricantes de dispositivos, trazer essas etapas para dentro do fornecedor reduz transporte, risco de contaminação e tempo total de ciclo.`,
  () =>
    `No Brasil, a ANVISA exige boas práticas de fabricação e registro compatível com a classe de risco do produto. Um fornecedor que já opera sob essas exigências encurta o caminho do protótipo ao produto registrado, porque a documentação técnica nasce pronta para auditoria.`,
  () =>
    `Ao avaliar um parceiro de manufatura, vale pedir evidências objetivas: certificados válidos, capacidade de máquina, estudos de capabilidade (Cp e Cpk), exemplos de relatórios de inspeção e prazos de resposta para não conformidades. Promessas genéricas não substituem dados de processo.`,
  () =>
    `Também é importante entender como o fornecedor lida com mudanças. Alterações de desenho, de material ou de processo precisam passar por controle de mudanças, com análise de impacto na validação e comunicação formal ao cliente antes da implementação.`,
];
const PARAS_EN = [
  () =>
    `In medical device projects, the difference between a predictable launch and months of delay usually lies in manufacturing details. Tolerances of a few microns, surface finish and lot traceability must be defined at the drawing stage, not discovered at the first audit. Product engineering and quality should talk to the manufacturer before the design freeze.`,
  () =>
    `At Lifetrek, parts are made on Citizen M32 and L20 Swiss-type lathes and Tornos GT26 machines, which cut complex geometries in a single clamping. Fewer clampings mean less stacked error, less handling and a process that is easier to validate with documented IQ, OQ and PQ.`,
  () =>
    `Measurement is not an isolated final step: every lot is inspected on a ZEISS Contura coordinate measuring machine, with a dimensional report tied to the lot number. When a customer investigates a field complaint, traceability leads back from the part to the raw material, the CNC program and the operator.`,
  () =>
    `The ISO 13485:2016 certified quality management system governs document control, training, CAPA and internal audits. Risk management follows ISO 14971: the risks of each critical feature are assessed and process controls are set according to severity.`,
  () =>
    `Two ISO 7 cleanrooms allow cleaning, visual inspection and packaging of implantable components under particle control. For many device makers, bringing these steps to the supplier reduces transport, contamination risk and total cycle time.`,
  () =>
    `In Brazil, ANVISA requires good manufacturing practice and a registration matching the product's risk class. A supplier already operating under these rules shortens the path from prototype to registered product, because the technical file is audit-ready from day one.`,
  () =>
    `When assessing a manufacturing partner, ask for objective evidence: valid certificates, machine capacity, capability studies (Cp and Cpk), sample inspection reports and response times for nonconformities. Generic promises do not replace process data.`,
  () =>
    `It also matters how the supplier handles change. Changes to drawing, material or process must go through change control, with an impact assessment on validation and formal notice to the customer before implementation.`,
];

export function offlineBlogDraft(b: BlogBrief, r: Research, s: BlogStrategy): BlogDraft {
  const p = pt(b);
  const paras = p ? PARAS_PT : PARAS_EN;
  const seed = hash(b.input.topic);
  const sections: string[] = [];
  let words = 0;
  s.outline.forEach((h2, i) => {
    const body: string[] = [];
    for (let k = 0; k < 3; k++) body.push((paras[(i * 3 + k + seed) % paras.length] as () => string)());
    const finding = r.findings[i % r.findings.length];
    if (finding) {
      body.push(
        `${p ? "Referência" : "Reference"}: ${finding.claim} (<a href="${finding.sourceUrl}">${finding.sourceTitle}</a>).`,
      );
    }
    const html = `<h2>${h2}</h2>\n${body.map((x) => `<p>${x}</p>`).join("\n")}`;
    words += wordCount(stripHtml(html));
    sections.push(html);
  });
  while (words > BLOG_WORDS.max - 60 && sections.length > 3)
    words -= wordCount(stripHtml(sections.pop() ?? ""));
  const closing = p
    ? `<p>${pick(["Se o seu time está avaliando um novo projeto", "Se você está planejando um novo componente"], seed)}, podemos revisar o desenho e indicar os pontos críticos de fabricação e de validação antes do primeiro lote.</p>`
    : `<p>${pick(["If your team is planning a new project", "If you are planning a new component"], seed)}, we can review the drawing and point out the critical manufacturing and validation features before the first lot.</p>`;
  let html = sections.join("\n");
  let filler = 0;
  while (wordCount(stripHtml(`${html}${closing}`)) < BLOG_WORDS.min + 20) {
    html += `\n<p>${(paras[(filler + seed + 5) % paras.length] as () => string)()}</p>`;
    filler++;
  }
  html += `\n${closing}`;
  const topic = subject(b.input.topic);
  const T = capFirst(topic);
  const H = capFirst(topicHead(topic));
  // A topic that already has its own ":" or "?" reads badly with a second subtitle.
  const own = /[:?]/.test(topic);
  const title = p
    ? firstFit(
        [
          own ? "" : `${T}: guia técnico para engenharia e qualidade`,
          own ? "" : `${T}: guia técnico`,
          T,
          `${H}: guia técnico`,
          H,
          "Guia técnico de manufatura médica",
        ],
        70,
      )
    : firstFit(
        [
          own ? "" : `${T}: a technical guide`,
          T,
          `${H}: a technical guide`,
          H,
          "A technical guide to medical manufacturing",
        ],
        70,
      );
  const seoTitle = firstFit(
    [T, H, p ? "Guia técnico de manufatura médica" : "Medical manufacturing: a technical guide"],
    60,
  );
  const parts = p
    ? [
        `Guia técnico sobre ${quote(topic, true)}.`,
        "Qualidade, prazos e conformidade com ANVISA, ISO 13485 e ISO 14971.",
        "Exemplos de usinagem suíça e metrologia ZEISS.",
        "Para times de engenharia e qualidade.",
        "Fabricação ISO 13485 no Brasil.",
        "Salas limpas ISO 7.",
      ]
    : [
        `A technical guide to ${quote(topic, false)}.`,
        "Quality, lead time and compliance with ANVISA, ISO 13485 and ISO 14971.",
        "Examples from Swiss-type machining and ZEISS metrology.",
        "For engineering and quality teams.",
        "ISO 13485 manufacturing in Brazil.",
        "ISO 7 cleanrooms.",
      ];
  const seoDescription =
    fitWindow(parts, 150, 160, seed % 64) ?? fitWindow(parts.slice(1), 150, 160) ?? parts.slice(1).join(" ");
  return repairBlogDraft(
    {
      title,
      seoTitle,
      seoDescription,
      excerpt: firstFit(
        [
          s.angle,
          p
            ? "Guia prático: o impacto em qualidade, prazo e conformidade."
            : "A practical guide: the impact on quality, lead time and compliance.",
        ],
        280,
      ),
      keywords: [
        ...(b.input.keywords ?? []),
        "ISO 13485",
        "ANVISA",
        p ? "usinagem de precisão" : "precision machining",
      ].slice(0, 10),
      html,
    },
    b.input.language,
  ) as BlogDraft;
}

// ---- repairs ---------------------------------------------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** Fits the SEO description into 150–160 characters. */
export function fitDescription(s: string, lang: "pt" | "en" = "pt"): string {
  let d = s.replace(/\s+/g, " ").trim();
  const pad = lang === "pt" ? " Fabricação ISO 13485 no Brasil." : " ISO 13485 manufacturing in Brazil.";
  while (d.length < 150) d = `${d.replace(/[.\s]+$/, "")}.${pad}`.replace(/\.\./g, ".");
  return fitText(d, 160, 150);
}

/** `language` keeps the padding of an English post English (the default stays pt-BR). */
export function repairBlogDraft(raw: unknown, language: BlogInput["language"] = "pt-BR"): unknown {
  if (!isObj(raw)) return raw;
  const en = language === "en";
  const kw = Array.isArray(raw.keywords) ? raw.keywords.map(str).filter((k) => k.length >= 2) : [];
  for (const d of ["ISO 13485", "ANVISA", en ? "medical devices" : "dispositivos médicos"])
    if (kw.length < 3 && !kw.includes(d)) kw.push(d);
  // Shortened as an editor would (#17.4): never "…" or a cut word in a delivered title; each
  // shortened field is listed, so the provider asks the model to rewrite before accepting it.
  const shortened: string[] = [];
  const shorten = (text: string, max: number, field: string) => {
    const out = fitText(text, max);
    if (out !== text.trim().replace(/\s+/g, " ")) shortened.push(field);
    return out;
  };
  const description = str(raw.seoDescription) || str(raw.excerpt);
  if (description.replace(/\s+/g, " ").trim().length > 160) shortened.push("seoDescription");
  const draft = {
    title: shorten(str(raw.title), 70, "title"),
    seoTitle: shorten(str(raw.seoTitle) || str(raw.title), 60, "seoTitle"),
    seoDescription: fitDescription(description, en ? "en" : "pt"),
    excerpt: shorten(str(raw.excerpt) || str(raw.seoDescription), 300, "excerpt"),
    keywords: [...new Set(kw.map((k) => shorten(k, 40, "keywords")))].slice(0, 10),
    html: str(raw.html),
  };
  return shortened.length ? { ...draft, shortened: [...new Set(shortened)] } : draft;
}

export function repairBlogStrategy(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const outline = Array.isArray(raw.outline)
    ? raw.outline.map((o) => truncate(str(o), 120)).filter((o) => o.length >= 3)
    : [];
  return {
    persona: truncate(str(raw.persona), 200),
    angle: truncate(str(raw.angle), 300),
    outline: outline.slice(0, 5),
  };
}
