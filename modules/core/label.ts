/**
 * A topic shortened for a job label: whole words up to `max` characters, then "…". The topic is
 * kept as the person typed it (no case changes).
 *
 * @example clipTopic("Usinagem suíça de parafusos ortopédicos de titânio", 30) // "Usinagem suíça de parafusos…"
 */
export function clipTopic(topic: string, max = 48): string {
  const t = topic.trim().replace(/\s+/g, " ");
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}
