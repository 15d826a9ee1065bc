import type { Font } from "@cf-wasm/satori";
import inter400 from "../assets/inter-latin-400.woff.bin";
import inter700 from "../assets/inter-latin-700.woff.bin";
import inter800 from "../assets/inter-latin-800.woff.bin";

/** Inter (OFL, from @fontsource/inter) as WOFF: satori ≤ 0.32 cannot read WOFF2. */
export const FONTS: Font[] = [
  { name: "Inter", data: inter400, weight: 400, style: "normal" },
  { name: "Inter", data: inter700, weight: 700, style: "normal" },
  { name: "Inter", data: inter800, weight: 800, style: "normal" },
];
