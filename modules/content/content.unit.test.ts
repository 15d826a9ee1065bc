import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../ai/gemini";
import { parseModelJson } from "../ai/json";
import { fitDescription } from "./blog-copy";
import { pictureSlots } from "./carousel";
import { repairCopy } from "./carousel-copy";
import { sniffImage } from "./products";
import { ACCENT, contrastRatio, FONT, MIN_FONT_PX, textPairs } from "./render/brand";
import { buildPdf } from "./render/pdf";
import { pngSize } from "./render/png";
import { renderSlide } from "./render/slide";
import { Copy, SLIDE_LIMITS } from "./schema";
import { drawable, fitText, slugify } from "./text";

describe("content rules", () => {
  it("slugifies: lower-case, accents stripped, non-alphanumerics → -", () => {
    expect(slugify("Validação de Implantes: ISO 13485 & ANVISA!")).toBe(
      "validacao-de-implantes-iso-13485-anvisa",
    );
  });

  it("cuts a long slug between words, never mid-word (#17.4)", () => {
    const slug = slugify(
      "Como compradores de OEMs avaliam fornecedores de implantes: auditoria, rastreabilidade e custo total",
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(
      "como-compradores-de-oems-avaliam-fornecedores-de-implantes-auditoria-rastreabilidade-e-custo-total",
    ).toMatch(new RegExp(`^${slug}-`));
  });

  it("shortens text the way an editor would: no '…', no cut word, no dangling little word (#17.4)", () => {
    const cases: Array<[string, number]> = [
      ["Engenheiros de P&D: como eliminar o retrabalho em implantes dentários usinados em série", 60],
      ["Retrabalho em parafusos ortopédicos custa caro. Veja como medimos cada peça na linha", 50],
      ["Tolerância de 5 µm em cada implante, medida em 100% das peças com metrologia ZEISS", 45],
      ["How OEM buyers audit implant suppliers for traceability and total cost of ownership", 60],
      ["Supercalifragilisticexpialidociousmente", 20],
    ];
    for (const [text, max] of cases) {
      const out = fitText(text, max);
      expect(out.length, out).toBeLessThanOrEqual(max);
      expect(out, out).not.toMatch(/…|\.\.\.$/);
      expect(out, out).not.toMatch(/[\s,;:–—-]$/);
      // Every word kept is a whole word of the original (the one unbreakable word aside).
      if (text.includes(" ")) expect(text.startsWith(out), out).toBe(true);
      const last = out.split(" ").at(-1)?.toLowerCase() ?? "";
      expect(["de", "em", "e", "a", "o", "com", "the", "of", "and", "for"], out).not.toContain(last);
    }
    expect(fitText("Retrabalho em parafusos ortopédicos custa caro. Veja como medimos cada peça", 50)).toBe(
      "Retrabalho em parafusos ortopédicos custa caro.",
    );
    expect(fitText("Engenheiros de P&D: como eliminar o retrabalho em implantes dentários", 60)).toBe(
      "Engenheiros de P&D: como eliminar o retrabalho em implantes",
    );
    expect(fitText("Curto o bastante", 60)).toBe("Curto o bastante");
  });

  it("keeps every template text legible: contrast ≥ 4.5 and fonts ≥ 28 px", () => {
    for (const profile of ["company", "salesperson"] as const) {
      for (const p of textPairs(profile))
        expect(contrastRatio(p.fg, p.bg), `${profile} ${p.what}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(Math.min(...Object.values(FONT))).toBeGreaterThanOrEqual(MIN_FONT_PX);
    expect(ACCENT).toEqual({ company: "#004F8F", salesperson: "#1A7A3E" });
  });

  it("removes glyphs the font cannot draw (unbundled emoji, arrows) instead of rendering boxes", () => {
    expect(drawable("🦄 Precisão → ação ➜ çãé")).toBe("Precisão -> ação -> çãé");
  });

  it("repairs an over-long, mis-ordered answer into a valid copy and clamps slide counts", () => {
    const raw = {
      slides: Array.from({ length: 10 }, (_, i) => ({
        type: "content",
        headline: "H".repeat(90 + i),
        body: "B".repeat(200),
      })),
      caption: `${"Frase longa ".repeat(20)}. Segunda frase.`,
      hashtags: "ISO13485, medtech",
    };
    expect(Copy.safeParse(raw).success).toBe(false);
    const fixed = Copy.parse(repairCopy(raw));
    expect(fixed.slides).toHaveLength(8);
    expect(fixed.slides[0]?.type).toBe("hook");
    expect(fixed.slides.at(-1)?.type).toBe("cta");
    for (const s of fixed.slides)
      expect(s.headline.length).toBeLessThanOrEqual(SLIDE_LIMITS[s.type].headline);
    expect(fixed.hashtags.length).toBeGreaterThanOrEqual(3);
  });

  it("puts pictures only on the first, middle and last slides", () => {
    expect(pictureSlots(6)).toEqual([1, 3, 6]);
    expect(pictureSlots(3)).toEqual([1, 2, 3]);
  });

  it("parses model JSON in fences or prose; Retry-After in seconds or as a date", () => {
    expect(parseModelJson('```json\n{"a":1}\n```')).toEqual({ a: 1 });
    expect(parseModelJson('Here: {"a":2} ok')).toEqual({ a: 2 });
    expect(parseModelJson("{broken")).toBeUndefined();
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("fits SEO descriptions into 150–160 characters", () => {
    for (const s of ["Curta.", "x ".repeat(120)]) {
      const d = fitDescription(s);
      expect(d.length).toBeGreaterThanOrEqual(150);
      expect(d.length).toBeLessThanOrEqual(160);
    }
  });

  it("sniffs image types from bytes", () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe("image/jpeg");
    expect(sniffImage(new TextEncoder().encode("RIFF1234WEBPVP8 "))?.mime).toBe("image/webp");
    expect(sniffImage(new TextEncoder().encode("GIF89a"))).toBeNull();
  });

  it("renders slides at 1080×1350 and assembles a PDF of 1080×1350-pt pages", async () => {
    const frames = [];
    const times: number[] = [];
    for (const [i, type] of (["hook", "content", "cta"] as const).entries()) {
      const t0 = performance.now();
      const r = await renderSlide({
        slide: {
          index: i + 1,
          type,
          headline: "Precisão de ±5 µm em implantes",
          body: "Citizen M32, ZEISS Contura e ISO 13485.",
          badge: type === "cta",
          logo: type !== "content",
        },
        total: 3,
        profile: "company",
      });
      times.push(performance.now() - t0);
      expect(pngSize(r.png)).toEqual({ width: 1080, height: 1350 });
      frames.push(r);
    }
    console.log(`slide render ms: ${times.map((t) => Math.round(t)).join(", ")}`);
    const pdf = await PDFDocument.load(buildPdf(frames, { width: 1080, height: 1350 }));
    expect(pdf.getPageCount()).toBe(3);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 1080, height: 1350 });
  });
});
