import { hash } from "../text";
import { BRAND } from "./brand";
import { svgToPng } from "./png";

/**
 * Brand-palette abstract art (no text, logos or faces): the offline provider's "generated image"
 * and the blog banner fallback. Deterministic per seed string.
 */
function brandArtSvg(seed: string, width: number, height: number, accent: string = BRAND.blue): string {
  const h = hash(seed);
  const circles = Array.from({ length: 6 }, (_, i) => {
    const v = hash(`${seed}:${i}`);
    const cx = v % width;
    const cy = (v >>> 8) % height;
    const r = 60 + ((v >>> 16) % Math.round(height / 2));
    const color = i % 3 === 0 ? accent : i % 3 === 1 ? BRAND.blue : BRAND.green;
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${color}" stroke-width="${6 + (i % 3) * 6}" opacity="0.55"/>`;
  }).join("");
  const lines = Array.from({ length: 12 }, (_, i) => {
    const y = ((h >>> (i % 16)) % height) + i * 8;
    return `<line x1="0" y1="${y}" x2="${width}" y2="${(y + height / 3) % height}" stroke="#FFFFFF" stroke-opacity="0.06" stroke-width="2"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${BRAND.gradientTop}"/><stop offset="1" stop-color="${BRAND.gradientBottom}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>${lines}${circles}
<rect x="${width * 0.08}" y="${height * 0.82}" width="${width * 0.2}" height="8" rx="4" fill="${BRAND.orange}"/></svg>`;
}

export const brandArtPng = (
  seed: string,
  width: number,
  height: number,
  accent?: string,
): Promise<Uint8Array> => svgToPng(brandArtSvg(seed, width, height, accent));
