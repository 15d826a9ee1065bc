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
const deaccent = (s: string): string => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/**
 * Lower-case, accents stripped, every run of non-alphanumerics → "-", trimmed; at most 80
 * characters, cut between words (never `…-oems-a`).
 */
export function slugify(s: string): string {
  const full = deaccent(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length <= 80) return full;
  const cut = full.slice(0, 81).lastIndexOf("-");
  return (cut > 0 ? full.slice(0, cut) : full.slice(0, 80)).replace(/-+$/g, "");
}

/** Little words a shortened text must not end on ("…tolerância de", "…parts and"). */
const DANGLING = new Set(
  "a o os as ao aos de da do das dos e ou em no na nos nas para por pelo pela com sem um uma que se seu sua the a an of and or for with in on to by at your our".split(
    " ",
  ),
);

/**
 * Shortens a text to `max` characters the way an editor would, never with "…" or mid-word: at
 * the last sentence or clause end that keeps at least `min` characters (half the room by
 * default), else at the last word, without a dangling little word or punctuation. Text that fits
 * is returned as it is.
 */
export function fitText(s: string, max: number, min = Math.ceil(max / 2)): string {
  const t = s.trim().replace(/\s+/g, " ");
  if (t.length <= max) return t;
  const head = t.slice(0, max + 1);
  const sentence = Math.max(...[". ", "! ", "? "].map((p) => head.lastIndexOf(p)));
  if (sentence + 1 >= min) return t.slice(0, sentence + 1);
  const clause = Math.max(...[": ", "; ", " — ", " – ", ", ", " ("].map((p) => head.lastIndexOf(p)));
  let out = clause >= min ? t.slice(0, clause) : head.slice(0, Math.max(head.lastIndexOf(" "), 0));
  if (!out) out = t.slice(0, max);
  for (;;) {
    const trimmed = out.replace(/[\s,;:–—(-]+$/u, "");
    const words = trimmed.split(" ");
    const last = words.at(-1)?.toLowerCase() ?? "";
    out = words.length > 1 && DANGLING.has(last) ? words.slice(0, -1).join(" ") : trimmed;
    if (out === trimmed) return out;
  }
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
