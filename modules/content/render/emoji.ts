import { EMOJI_SVG } from "./emoji-svgs";

/** Bundled emoji keyed without U+FE0F, so "⚙" and "⚙️" (both seen in copy) find the same one. */
const BY_BARE = new Map(Object.keys(EMOJI_SVG).map((e) => [e.replace(/\uFE0F/g, ""), e]));
const graphemes = new Intl.Segmenter("pt-BR", { granularity: "grapheme" });
const urls = new Map<string, string>();

/** The bundled emoji a grapheme is (in its canonical spelling), if any. */
export function bundledEmoji(grapheme: string): string | undefined {
  return BY_BARE.get(grapheme.replace(/\uFE0F/g, ""));
}

/** Splits text into user-perceived characters (an emoji with modifiers or ZWJ is one). */
export function splitGraphemes(text: string): string[] {
  return [...graphemes.segment(text)].map((s) => s.segment);
}

/**
 * satori's `graphemeImages` for the emoji in `text`: each drawn from its Twemoji SVG instead of
 * the font (Inter has no emoji; without this they would be boxes, so they used to be stripped).
 */
export function emojiImages(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of splitGraphemes(text)) {
    const emoji = bundledEmoji(g);
    const svg = emoji ? EMOJI_SVG[emoji] : undefined;
    if (!emoji || !svg) continue;
    let url = urls.get(emoji);
    if (!url) {
      // Twemoji SVGs are plain ASCII, so btoa is safe.
      url = `data:image/svg+xml;base64,${btoa(svg)}`;
      urls.set(emoji, url);
    }
    out[emoji] = url;
  }
  return out;
}
