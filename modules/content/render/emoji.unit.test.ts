import { describe, expect, it } from "vitest";
import { drawable } from "../text";
import { emojiImages } from "./emoji";
import { renderSlide } from "./slide";

/** Inflates the renderer's deflated RGB frame. */
async function rgbOf(deflated: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([deflated]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Pixels in Twemoji's fire colours (#F4900C orange, #FFCC4D yellow); the brand uses neither. */
function firePixels(rgb: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0];
    if (Math.abs(r - 244) + Math.abs(g - 144) + Math.abs(b - 12) < 30) n++;
    else if (Math.abs(r - 255) + Math.abs(g - 204) + Math.abs(b - 77) < 30) n++;
  }
  return n;
}

const slide = (headline: string) => ({
  index: 1,
  type: "hook" as const,
  headline,
  body: "Tolerância de 5 µm, medida em 100% das peças ✅",
  badge: false,
  logo: true,
});

describe("emoji on slides (#15)", () => {
  it("keeps bundled emoji (with or without U+FE0F), drops unknown ones and maps arrows", () => {
    expect(drawable("🔥 Precisão → ação ✅ çãé 🦄")).toBe("🔥 Precisão -> ação ✅ çãé");
    expect(drawable("⚙ Setup")).toBe("⚙️ Setup");
    expect(Object.keys(emojiImages("🔥 e 👩‍🔬"))).toEqual(["🔥", "👩‍🔬"]);
    expect(emojiImages("🔥")["🔥"]).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("draws 🔥 from the Twemoji SVG instead of a box or nothing", async () => {
    const withEmoji = await renderSlide({
      slide: slide("Usinagem suíça 🔥🔥"),
      total: 5,
      profile: "company",
    });
    const without = await renderSlide({ slide: slide("Usinagem suíça"), total: 5, profile: "company" });
    const fire = firePixels(await rgbOf(withEmoji.deflatedRgb));
    expect(firePixels(await rgbOf(without.deflatedRgb))).toBe(0);
    // Two ~88 px emoji: thousands of fire-coloured pixels.
    expect(fire).toBeGreaterThan(2000);
    // `VITE_DUMP_SLIDE=1 npx vitest run …` prints the PNG so a person can look at it.
    if ((import.meta as { env?: Record<string, string | undefined> }).env?.VITE_DUMP_SLIDE) {
      let s = "";
      for (const byte of withEmoji.png) s += String.fromCharCode(byte);
      console.log(`SLIDE_PNG_BASE64:${btoa(s)}`);
    }
  });
});
