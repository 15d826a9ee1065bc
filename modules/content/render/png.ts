import { lazy } from "../../core/lazy";

// resvg is imported on first use: loading it instantiates a multi-megabyte wasm module (~1.8 s of
// CPU here), which an isolate that never draws (every API request, most queue batches) should
// not pay when it starts. Bundled, the import stays in the one script; only its start is lazy.
const loadResvg = lazy(() => import("@cf-wasm/resvg"));

export interface Raster {
  png: Uint8Array;
  width: number;
  height: number;
  /** The frame as zlib-deflated RGB, ready to be a PDF image object. */
  deflatedRgb: Uint8Array;
}

/** Rasterises an SVG; resvg objects are freed at once (their wasm memory is not GC'd). */
export async function rasterize(svg: string, opts: { withRgb: boolean }): Promise<Raster> {
  const { Resvg } = await loadResvg();
  // `async` waits for the wasm instance the import starts; `new Resvg` would throw until it is up.
  const resvg = await Resvg.async(svg, { fitTo: { mode: "original" } });
  const img = resvg.render();
  try {
    const png = img.asPng();
    let deflatedRgb: Uint8Array = new Uint8Array(0);
    if (opts.withRgb) deflatedRgb = await deflate(rgbaToRgb(img.pixels));
    return { png, width: img.width, height: img.height, deflatedRgb };
  } finally {
    img.free();
    resvg.free();
  }
}

/** SVG → PNG bytes only (product pictures, banners). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  return (await rasterize(svg, { withRgb: false })).png;
}

function rgbaToRgb(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    out[j] = rgba[i] as number;
    out[j + 1] = rgba[i + 1] as number;
    out[j + 2] = rgba[i + 2] as number;
  }
  return out;
}

/** zlib ("deflate") via the runtime's native CompressionStream: fast and one frame of memory. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** PNG signature + IHDR size, for validating uploads and test output. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}
