export type Locale = "pt-BR" | "en";

/**
 * The caller's language from `Accept-Language` (the dashboard sends the one the user chose):
 * the first English or Portuguese tag by weight; Portuguese when neither is asked for.
 *
 * @example localeFrom("en-US,en;q=0.9,pt;q=0.8") // "en"
 */
export function localeFrom(header: string | null | undefined): Locale {
  if (!header) return "pt-BR";
  const tags = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const t of tags) {
    if (t.tag === "en" || t.tag.startsWith("en-")) return "en";
    if (t.tag === "pt" || t.tag.startsWith("pt-")) return "pt-BR";
  }
  return "pt-BR";
}
