/**
 * A minimal PDF writer: one page per frame, each frame a Flate-compressed RGB image object.
 * Embedding the PNGs with pdf-lib costs ~0.9 s per carousel and holds every decoded image until
 * save(); writing the already-deflated frames takes milliseconds (platform notes).
 */
export function buildPdf(
  frames: Array<{ width: number; height: number; deflatedRgb: Uint8Array }>,
  pageSize: { width: number; height: number },
): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Uint8Array | string): void => {
    const bytes = typeof b === "string" ? enc.encode(b) : b;
    chunks.push(bytes);
    length += bytes.length;
  };
  const obj = (n: number, body: string): void => {
    offsets[n] = length;
    push(`${n} 0 obj\n${body}\nendobj\n`);
  };
  push("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
  const pageIds = frames.map((_, i) => 3 + i * 3);
  obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
  obj(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${frames.length} >>`);
  const { width: W, height: H } = pageSize;
  frames.forEach((f, i) => {
    const page = 3 + i * 3;
    const content = `q ${W} 0 0 ${H} 0 0 cm /Im0 Do Q`;
    obj(
      page,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
    );
    obj(page + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    offsets[page + 2] = length;
    push(
      `${page + 2} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${f.width} /Height ${f.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${f.deflatedRgb.length} >>\nstream\n`,
    );
    push(f.deflatedRgb);
    push("\nendstream\nendobj\n");
  });
  const count = 3 + frames.length * 3;
  const xref = length;
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let n = 1; n < count; n++) table += `${String(offsets[n] ?? 0).padStart(10, "0")} 00000 n \n`;
  push(`${table}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
