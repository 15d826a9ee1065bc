import type { Profile } from "../schema";

/** Brand palette (domain §1) and the template's text colours. */
export const BRAND = {
  blue: "#004F8F",
  green: "#1A7A3E",
  orange: "#F07818",
  gradientTop: "#0A1628",
  gradientBottom: "#003052",
  text: "#FFFFFF",
  muted: "#C9D8E8",
} as const;

export const ACCENT: Record<Profile, string> = { company: BRAND.blue, salesperson: BRAND.green };

export const SLIDE_W = 1080;
export const SLIDE_H = 1350;

/** Font sizes the template uses (px at 1080 wide); every one must be ≥ MIN_FONT_PX. */
export const FONT = { hookHeadline: 76, headline: 64, body: 36, meta: 28, logo: 40 } as const;
export const MIN_FONT_PX = 28;

/**
 * Every (text, background) pair the template draws. Text never sits on a photo: pictures get
 * their own panel, so legibility only depends on these pairs (checked ≥ 4.5:1 in tests).
 */
export function textPairs(profile: Profile): Array<{ what: string; fg: string; bg: string }> {
  const a = ACCENT[profile];
  const pairs: Array<{ what: string; fg: string; bg: string }> = [];
  for (const bg of [BRAND.gradientTop, BRAND.gradientBottom]) {
    pairs.push({ what: "headline", fg: BRAND.text, bg }, { what: "body", fg: BRAND.muted, bg });
    pairs.push({ what: "footer", fg: BRAND.muted, bg }, { what: "badge", fg: BRAND.text, bg });
  }
  pairs.push({ what: "slide number", fg: BRAND.text, bg: a }, { what: "logo", fg: BRAND.text, bg: a });
  return pairs;
}

/** WCAG 2 contrast ratio of two #RRGGBB colours. */
export function contrastRatio(fg: string, bg: string): number {
  const lum = (hex: string): number => {
    const n = Number.parseInt(hex.slice(1), 16);
    const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
  };
  const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Slides about certification, quality or regulation carry the ISO 13485 badge. */
export function isAboutQuality(text: string): boolean {
  return /\b(iso|13485|anvisa|certifica|qualidade|quality|regula|rdc|fda|auditor|compliance|conformidade|14971)/i.test(
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, ""),
  );
}
