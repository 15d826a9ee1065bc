/** Text helpers shared by the generators, the renderer and the validators. */

import { bundledEmoji, splitGraphemes } from "./render/emoji";

/**
 * Characters the shipped Inter subset (fontsource "latin") can draw. Anything else (emoji, arrows,
 * CJK…) would render as an empty box, so it is mapped or dropped before rendering.
 */
const DRAWABLE_SINGLES = new Set([
  0x131, 0x152, 0x153, 0x2bb, 0x2bc, 0x2c6, 0x2da, 0x2dc, 0x304, 0x308, 0x329, 0x20ac, 0x2122, 0x2191, 0x2193,
  0x2212, 0x2215,
]);
const isDrawable = (cp: number): boolean =>
  (cp >= 0x20 && cp <= 0xff && !(cp >= 0x7f && cp <= 0x9f)) ||
  (cp >= 0x2000 && cp <= 0x206f) ||
  DRAWABLE_SINGLES.has(cp);

const MAPPED: Record<string, string> = {
  "→": "->",
  "⇒": "->",
  "➜": "->",
  "➡": "->",
  "←": "<-",
  "≥": ">=",
  "≤": "<=",
  "✓": "",
  "✔": "",
  "✅": "",
  "×": "x",
};

/**
 * Makes a string safe for the slide font: bundled emoji stay (drawn from Twemoji SVGs, see
 * `render/emoji.ts`), other undrawable glyphs are mapped or removed.
 */
export function drawable(s: string): string {
  let out = "";
  for (const g of splitGraphemes(s.normalize("NFC"))) {
    const emoji = bundledEmoji(g);
    if (emoji) {
      out += emoji;
      continue;
    }
    for (const ch of g) {
      const mapped = MAPPED[ch];
      if (mapped !== undefined) out += mapped;
      else if (isDrawable(ch.codePointAt(0) ?? 0)) out += ch;
      else if (ch === "\n" || ch === "\t") out += " ";
    }
  }
  return out.replace(/[ \t]{2,}/g, " ").trim();
}

/** Strips accents: "Precisão Cirúrgica" → "Precisao Cirurgica". */
export const deaccent = (s: string): string => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/** Lower-case, accents stripped, every run of non-alphanumerics → "-", trimmed. */
export function slugify(s: string): string {
  return deaccent(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

/** Cuts at a word boundary so the result (with "…") fits in `max` characters. */
export function truncate(s: string, max: number): string {
  const t = s.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

export const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

export const stripHtml = (html: string): string =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z]+;/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const STOPWORDS = new Set(
  "a o os as de da do das dos e em no na nos nas para por com sem um uma como que the of and for with in on to".split(
    " ",
  ),
);

/** Normalised words of a text, for matching topics with products. */
export function keywords(s: string): string[] {
  return deaccent(s)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

/** Cheap stem match: equal words, or the same 5-letter prefix (implante ~ implant ~ implantes). */
export const wordsMatch = (a: string, b: string): boolean =>
  a === b || (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5));

/** A stable 32-bit hash (FNV-1a) so offline drafts vary by topic yet stay deterministic. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length] as T;
