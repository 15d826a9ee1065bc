import type { ImageData } from "../../ai/types";
import { lazy } from "../../core/lazy";
import type { Profile, Slide } from "../schema";
import { drawable } from "../text";
import { ACCENT, BRAND, FONT, SLIDE_H, SLIDE_W } from "./brand";
import { emojiImages } from "./emoji";
import { FONTS } from "./fonts";
import { type Raster, rasterize } from "./png";

type Style = Record<string, string | number>;
interface Node {
  type: string;
  props: { style?: Style; src?: string; width?: number; height?: number; children?: Node | Node[] | string };
}

/** A satori element; undefined style keys are left out (they crash satori ≤ 0.32). */
const h = (
  type: string,
  style: Style,
  children?: Node | Node[] | string,
  extra: Partial<Node["props"]> = {},
): Node => ({
  type,
  props: { style, ...extra, ...(children === undefined ? {} : { children }) },
});

/** The picture panel's height: leaves room for a 3-line headline, 3 body lines and the footer. */
const PICTURE_H = 400;

export interface SlideRenderInput {
  slide: Pick<Slide, "index" | "type" | "headline" | "body" | "badge" | "logo">;
  total: number;
  profile: Profile;
  /** A product photo or generated picture (PNG/JPEG) shown in its own panel, never under text. */
  picture?: ImageData | null;
}

function dataUrl(img: ImageData): string {
  let s = "";
  for (let i = 0; i < img.data.length; i += 0x8000)
    s += String.fromCharCode(...img.data.subarray(i, i + 0x8000));
  return `data:${img.mimeType};base64,${btoa(s)}`;
}

/** The brand template as a satori tree: deterministic for the same input. */
function slideTree(input: SlideRenderInput): Node {
  const { slide, total, profile } = input;
  const accent = ACCENT[profile];
  const pic = input.picture && /^image\/(png|jpeg)$/.test(input.picture.mimeType) ? input.picture : null;
  const headlineSize = slide.type === "hook" ? FONT.hookHeadline : FONT.headline;
  const number = `${String(slide.index).padStart(2, "0")} / ${String(total).padStart(2, "0")}`;

  const topBar = h(
    "div",
    { display: "flex", justifyContent: "space-between", alignItems: "center", width: "100%" },
    [
      h(
        "div",
        {
          display: "flex",
          backgroundColor: accent,
          color: BRAND.text,
          fontSize: FONT.meta,
          fontWeight: 700,
          padding: "10px 22px",
          borderRadius: 999,
        },
        number,
      ),
      slide.logo
        ? h(
            "div",
            {
              display: "flex",
              alignItems: "center",
              justifyContent: "center",
              width: 104,
              height: 104,
              backgroundColor: accent,
              border: `4px solid ${BRAND.text}`,
              borderRadius: 18,
              color: BRAND.text,
              fontSize: FONT.logo,
              fontWeight: 800,
              letterSpacing: -1,
            },
            "LM",
          )
        : h("div", { display: "flex", width: 104, height: 104 }),
    ],
  );

  const picture = pic
    ? h(
        "div",
        {
          display: "flex",
          width: "100%",
          height: PICTURE_H,
          flexShrink: 0,
          marginTop: 32,
          borderRadius: 28,
          overflow: "hidden",
        },
        [
          h("img", { width: "100%", height: PICTURE_H, objectFit: "cover" }, undefined, {
            src: dataUrl(pic),
            width: SLIDE_W - 176,
            height: PICTURE_H,
          }),
        ],
      )
    : null;

  const text = h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      flexGrow: 1,
      // The text block gives way (its lines clamp) so the footer and ISO badge always fit.
      flexShrink: 1,
      minHeight: 0,
      overflow: "hidden",
      justifyContent: pic ? "flex-start" : "center",
      marginTop: pic ? 40 : 0,
    },
    [
      h(
        "div",
        {
          display: "block",
          fontSize: headlineSize,
          fontWeight: 800,
          lineHeight: 1.1,
          color: BRAND.text,
          wordBreak: "break-word",
          lineClamp: pic ? 3 : 5,
        },
        drawable(slide.headline),
      ),
      h("div", {
        display: "flex",
        width: 140,
        height: 10,
        backgroundColor: accent,
        marginTop: 36,
        marginBottom: 36,
        borderRadius: 5,
      }),
      h(
        "div",
        {
          display: "block",
          fontSize: FONT.body,
          fontWeight: 400,
          lineHeight: 1.4,
          color: BRAND.muted,
          wordBreak: "break-word",
          lineClamp: pic ? 3 : 7,
        },
        drawable(slide.body),
      ),
    ],
  );

  const footerChildren: Node[] = [
    h(
      "div",
      { display: "flex", fontSize: FONT.meta, color: BRAND.muted, fontWeight: 700 },
      "Lifetrek Medical",
    ),
  ];
  if (slide.badge) {
    footerChildren.push(
      h(
        "div",
        {
          display: "flex",
          flexDirection: "column",
          alignItems: "center",
          border: `3px solid ${BRAND.text}`,
          borderRadius: 16,
          padding: "10px 20px",
          color: BRAND.text,
        },
        [
          h("div", { display: "flex", fontSize: FONT.meta, fontWeight: 800 }, "ISO 13485:2016"),
          h("div", { display: "flex", fontSize: FONT.meta, fontWeight: 400 }, "ANVISA"),
        ],
      ),
    );
  }
  const footer = h(
    "div",
    {
      display: "flex",
      justifyContent: "space-between",
      alignItems: "flex-end",
      width: "100%",
      flexShrink: 0,
      marginTop: 24,
    },
    footerChildren,
  );

  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      width: SLIDE_W,
      height: SLIDE_H,
      padding: "80px 88px",
      backgroundImage: `linear-gradient(180deg, ${BRAND.gradientTop} 0%, ${BRAND.gradientBottom} 100%)`,
      fontFamily: "Inter",
      color: BRAND.text,
    },
    [topBar, ...(picture ? [picture] : []), text, footer],
  );
}

// Imported on first use, like resvg (./png.ts): satori brings yoga's wasm.
const loadSatori = lazy(() => import("@cf-wasm/satori"));

/** Renders one slide to PNG (and deflated RGB for the PDF) at 1080×1350. */
export async function renderSlide(input: SlideRenderInput): Promise<Raster> {
  const { default: satori } = await loadSatori();
  const svg = await satori(slideTree(input) as never, {
    width: SLIDE_W,
    height: SLIDE_H,
    fonts: FONTS,
    graphemeImages: emojiImages(drawable(`${input.slide.headline} ${input.slide.body}`)),
  });
  return rasterize(svg, { withRgb: true });
}
