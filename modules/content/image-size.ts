/** Bounds on a product picture's declared size: a 100,000 × 100,000 PNG header must not pass. */
export const MAX_IMAGE_SIDE = 8000;
export const MAX_IMAGE_PIXELS = 40_000_000;

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => ((u16be(b, i) << 16) >>> 0) + u16be(b, i + 2);

/**
 * The width and height a PNG, JPEG or WebP header declares (what a decoder would allocate), or
 * null if the header cannot be read.
 */
export function imageDimensions(b: Uint8Array, mime: string): { width: number; height: number } | null {
  if (mime === "image/png") {
    // Signature (8), IHDR length (4) and type (4), then width and height.
    return b.length >= 24 ? { width: u32be(b, 16), height: u32be(b, 20) } : null;
  }
  if (mime === "image/jpeg") {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1] ?? 0;
      // Start-of-frame markers (all but DHT C4, JPG C8, DAC CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
      }
      i += 2 + u16be(b, i + 2);
    }
    return null;
  }
  if (mime === "image/webp") {
    const chunk = String.fromCharCode(...b.subarray(12, 16));
    if (chunk === "VP8X" && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    if (chunk === "VP8L" && b.length >= 25) {
      const bits = ((b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24)) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === "VP8 " && b.length >= 30)
      return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    return null;
  }
  return null;
}

/** Whether a decoder could take the picture without an absurd allocation. */
export function withinImageBounds(d: { width: number; height: number }): boolean {
  return (
    d.width > 0 &&
    d.height > 0 &&
    d.width <= MAX_IMAGE_SIDE &&
    d.height <= MAX_IMAGE_SIDE &&
    d.width * d.height <= MAX_IMAGE_PIXELS
  );
}
