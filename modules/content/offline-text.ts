/**
 * Helpers for the offline drafts: they pick whole phrasings that fit a limit instead of cutting
 * words, and show the user's topic only as a title or a quoted subject in its own casing.
 */

/** The first candidate that fits in `max` characters; the last one is the safe fallback. */
export function firstFit(candidates: readonly string[], max: number): string {
  const clean = candidates.map((c) => c.replace(/\s+/g, " ").trim()).filter(Boolean);
  return clean.find((c) => c.length <= max) ?? clean.at(-1) ?? "";
}

/** Upper-cases only the first letter (a title position); the rest keeps the user's casing. */
export const capFirst = (s: string): string => s.charAt(0).toLocaleUpperCase("pt-BR") + s.slice(1);

/** The topic as written, whitespace normalised. */
export const subject = (topic: string): string => topic.replace(/\s+/g, " ").trim();

/** The part of a topic before its first ":" / "?" / " — " (a shorter variant of the same subject). */
export function topicHead(topic: string): string {
  const t = subject(topic);
  const m = /^(.{3,}?)(?:\s*[:?]|\s+[—–-]\s+)/.exec(t);
  return m?.[1]?.trim() ?? t;
}

/** Quotes a subject the language's way (« » in pt-BR, “ ” in English). */
export const quote = (s: string, pt: boolean): string => (pt ? `«${s}»` : `“${s}”`);

/** Joins with a full stop unless the sentence already ends in punctuation. */
export const sentence = (s: string): string => (/[.!?»”]$/.test(s) ? s : `${s}.`);

/**
 * Picks, in order, a subset of `parts` whose joined length falls in [min, max] — so a description
 * meets a length window without padding or cutting. Prefers the subset found first from `start`.
 */
export function fitWindow(parts: readonly string[], min: number, max: number, start = 0): string | null {
  const n = parts.length;
  for (let k = 0; k < 1 << n; k++) {
    const mask = (k + start) % (1 << n);
    const chosen = parts.filter((_, i) => mask & (1 << i));
    const text = chosen.join(" ");
    if (text.length >= min && text.length <= max) return text;
  }
  return null;
}
