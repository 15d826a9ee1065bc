import { describe, expect, it } from "vitest";
import { type BlogBrief, offlineBlogDraft, offlineBlogStrategy, offlineResearch } from "./blog-copy";
import { type Brief, offlineCopy, offlineReview, offlineStrategy, reviewPrompt } from "./carousel-copy";
import { capFirst, topicHead } from "./offline-text";
import type { Voice } from "./personas";
import { BLOG_WORDS, type Language, SLIDE_LIMITS } from "./schema";
import { SEED_PERSONAS } from "./seed";
import { stripHtml, wordCount } from "./text";

/** Issue #15: offline drafts must read as natural pt-BR / English, not a filled-in template. */

const TOPICS = [
  "ISO 13485 na prática: como auditar um fornecedor de implantes",
  "Usinagem suíça de parafusos",
  "Registro na ANVISA",
  "FDA 510(k) para implantes dentários",
  "Por que a metrologia ZEISS reduz o retrabalho?",
  "Titânio Ti-6Al-4V ELI",
  "Validação IQ/OQ/PQ de processos de limpeza em salas limpas ISO 7 para componentes implantáveis de coluna",
  "CMM",
  "Swiss-type machining of bone screws",
  "How do you qualify a contract manufacturer for Class III implants under EU MDR and FDA QMSR?",
  "Rugosidade Ra em superfícies de implantes",
  "Passivação e anodização",
  "Tolerâncias de ±5 µm",
  "usinagem de instrumentais cirúrgicos",
  "Gestão de risco ISO 14971 e FMEA",
  "Lead time: do protótipo ao lote piloto",
  "Implantes veterinários",
  "Cleanroom packaging for orthopedic implants",
  "O que muda com a RDC 665/2022?",
  "Micro-usinagem de componentes odontológicos com diâmetro abaixo de 1 mm",
];
const LANGS: Language[] = ["pt-BR", "en"];

const voices: Voice[] = SEED_PERSONAS.map((p, i) => ({ personaId: `p${i}`, ...p }));
const personaTexts = SEED_PERSONAS.flatMap((p) => [
  p.audience,
  ...p.doRules,
  ...p.dontRules,
  ...p.examplePosts,
]);
const PT_WORDS = [" de ", " para ", " com ", " não ", " que ", " da ", " dos ", " em ", " uma ", " sobre "];

/** Every place the topic shows must be its own casing (or the first letter capitalised, as a title). */
function topicMisuse(text: string, topic: string): string | null {
  const lower = text.toLowerCase();
  const needle = topic.toLowerCase();
  const allowed = [topic, topic.charAt(0).toLocaleUpperCase("pt-BR") + topic.slice(1)];
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
    const found = text.slice(i, i + topic.length);
    if (!allowed.includes(found)) return found;
  }
  return null;
}

function carousel(topic: string, language: Language, voice: Voice) {
  const b: Brief = { input: { topic, language, profile: voice.profile }, voice, products: [] };
  const strategy = offlineStrategy(b);
  return { strategy, copy: offlineCopy(b, strategy) };
}

function blog(topic: string, language: Language, voice: Voice) {
  const b: BlogBrief = { input: { topic, language, category: "educacional", profile: voice.profile }, voice };
  const research = offlineResearch(b);
  const strategy = offlineBlogStrategy(b);
  return { research, strategy, draft: offlineBlogDraft(b, research, strategy) };
}

function expectNatural(texts: string[], topic: string, language: Language): void {
  const all = texts.join("\n");
  expect(topicMisuse(all, topic)).toBeNull();
  expect(all).not.toContain("…");
  for (const p of personaTexts) expect(all).not.toContain(p);
  if (language === "en") {
    // The user's own topic may be Portuguese; everything we wrote around it must be English.
    let ours = all;
    for (const t of [topic, capFirst(topic), capFirst(topicHead(topic))]) ours = ours.split(t).join(" ");
    for (const w of PT_WORDS) expect(ours.includes(w), `"${w.trim()}" in an English draft`).toBe(false);
    expect(ours).not.toMatch(/[ãõç]/);
  }
}

describe("offline drafts (20 topics × pt-BR/en × seeded personas)", () => {
  for (const language of LANGS) {
    it(`carousels read naturally in ${language}`, () => {
      for (const topic of TOPICS) {
        for (const voice of voices) {
          const { strategy, copy } = carousel(topic, language, voice);
          expect(copy.slides.length).toBe(strategy.slideCount);
          expect(wordCount(strategy.hook)).toBeLessThan(15);
          expect(strategy.hook).toMatch(/^(Engenheiros|Times|Compradores|R&D|Quality|OEM)/);
          for (const s of copy.slides) {
            expect(s.headline.length).toBeLessThanOrEqual(SLIDE_LIMITS[s.type].headline);
            expect(s.body.length).toBeLessThanOrEqual(SLIDE_LIMITS[s.type].body);
          }
          const proof = copy.slides.map((s) => s.body).join(" ");
          expect(proof).toMatch(/Citizen M32\/L20|Tornos GT26|ZEISS Contura/);
          expect(copy.slides.filter((s) => s.type === "cta")).toHaveLength(1);
          expect(copy.hashtags.length).toBeGreaterThanOrEqual(3);
          expect(copy.caption.length).toBeGreaterThan(125);
          expectNatural(
            [
              strategy.angle,
              strategy.hook,
              copy.caption,
              ...copy.slides.flatMap((s) => [s.headline, s.body]),
            ],
            topic,
            language,
          );
          expect(carousel(topic, language, voice)).toEqual({ strategy, copy });
        }
      }
    });

    it(`blog posts read naturally in ${language}`, () => {
      for (const topic of TOPICS) {
        for (const voice of voices) {
          const { research, strategy, draft } = blog(topic, language, voice);
          expect(draft.title.length).toBeLessThanOrEqual(70);
          expect(draft.seoTitle.length).toBeLessThanOrEqual(60);
          expect(draft.seoDescription.length).toBeGreaterThanOrEqual(150);
          expect(draft.seoDescription.length).toBeLessThanOrEqual(160);
          const words = wordCount(stripHtml(draft.html));
          expect(words).toBeGreaterThanOrEqual(BLOG_WORDS.min);
          expect(words).toBeLessThanOrEqual(BLOG_WORDS.max);
          expect(draft.html).toMatch(/Citizen M32/);
          expectNatural(
            [
              strategy.persona,
              strategy.angle,
              ...strategy.outline,
              draft.title,
              draft.seoTitle,
              draft.seoDescription,
              draft.excerpt,
              ...draft.keywords,
              stripHtml(draft.html),
              ...research.findings.map((f) => `${f.claim} ${f.sourceTitle}`),
            ],
            topic,
            language,
          );
          expect(blog(topic, language, voice)).toEqual({ research, strategy, draft });
        }
      }
    });
  }

  it("varies phrasing between topics", () => {
    const hooks = new Set(TOPICS.map((t) => carousel(t, "pt-BR", voices[0] as Voice).copy.slides[0]?.body));
    expect(hooks.size).toBeGreaterThan(1);
  });

  it("writes the Brand Analyst's note in the draft's language, and asks the model to", () => {
    for (const [language, other] of [
      ["pt-BR", /\b(the|and|add|hook)\b/i],
      ["en", /[ãçõé]|\b(de|uma|gancho)\b/i],
    ] as const) {
      for (const topic of TOPICS) {
        const voice = voices[0] as Voice;
        const b: Brief = { input: { topic, language, profile: voice.profile }, voice, products: [] };
        const copy = offlineCopy(b, offlineStrategy(b));
        // With its proof (ISO 13485, ZEISS…) and without any.
        const bare = { ...copy, slides: copy.slides.map((sl) => ({ ...sl, headline: topic, body: topic })) };
        const notes = new Set([offlineReview(b, copy).feedback, offlineReview(b, bare).feedback]);
        for (const note of notes) expect(note, `${language}: ${note}`).not.toMatch(other);
        expect(reviewPrompt(b, "", copy)).toContain(
          language === "pt-BR" ? "Brazilian Portuguese" : "in English",
        );
      }
    }
  });
});
