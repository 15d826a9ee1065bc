import { AppError } from "../core/errors";

/**
 * The encodings a CSV upload is read in, by their WHATWG names. Excel in pt-BR saves "CSV
 * (separado por vírgulas)" in Windows-1252, not UTF-8, so that is what a file that is not valid
 * UTF-8 is: read as UTF-8, "São Paulo" would be stored as "S\uFFFDo Paulo", silently.
 */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
const SUPPORTED: readonly string[] = ["utf-8", "utf-16le", "utf-16be", "windows-1252"];

/** The WHATWG encoding a `charset` label names ("latin1", "ISO-8859-1" → windows-1252), if known. */
function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Which encoding the bytes are in: a byte order mark decides (Excel's "CSV UTF-8" and "Unicode
 * text" write one); then a declared charset other than UTF-8; then a header that starts with
 * ASCII every other byte is UTF-16 without a mark; then valid UTF-8 is UTF-8, and anything else
 * Windows-1252, which decodes every byte. A declared "utf-8" is not trusted over the bytes: a
 * generic client labels whatever it sends as UTF-8.
 */
function sniff(b: Uint8Array, declared: string | undefined): CsvEncoding {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  if (declared && declared !== "utf-8") return declared as CsvEncoding;
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return "utf-16le";
  if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(b);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/**
 * An uploaded CSV's text and the encoding it was read in. `contentType` may declare a charset;
 * one this cannot read is a 415 (nothing is guessed against an explicit label).
 */
export function decodeCsv(bytes: Uint8Array, contentType: string): { text: string; encoding: CsvEncoding } {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
  const declared = label === undefined ? undefined : encodingOf(label);
  if (label !== undefined && (declared === undefined || !SUPPORTED.includes(declared))) {
    throw new AppError(
      415,
      "Unsupported media type",
      `charset=${label} is not read here: send the CSV as UTF-8, UTF-16 or Windows-1252 (Latin-1).`,
    );
  }
  const encoding = sniff(bytes, declared);
  // The decoder drops a byte order mark of its own encoding; the text starts with the header.
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
