/**
 * An Excel workbook (.xlsx) as the CSV the import reads: its first sheet, converted in the
 * browser, so the API keeps taking CSV and JSON only and never unzips an upload (decision 0034).
 * Loaded on demand: the reader and papaparse are not in the page's bundle until a workbook is
 * chosen.
 */
export function isWorkbook(file: File): boolean {
  return (
    /\.xlsx$/i.test(file.name) ||
    file.type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  );
}

/** The legacy binary format, which this does not read: the user is asked to save as .xlsx or CSV. */
export function isLegacyWorkbook(file: File): boolean {
  return /\.xls$/i.test(file.name) || file.type === "application/vnd.ms-excel";
}

/**
 * A cell as the import's parser reads it: numbers with a decimal comma (a dot followed by three
 * digits would read as thousands: "1.234" is 1234 in a pt-BR sheet), dates as ISO days, yes/no
 * as "sim"/"não" (both languages' words are read).
 */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v).replace(".", ",");
  if (typeof v === "boolean") return v ? "sim" : "não";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export async function workbookToCsv(file: Blob): Promise<Blob> {
  const [{ readSheet }, { default: Papa }] = await Promise.all([
    import("read-excel-file/universal"),
    import("papaparse"),
  ]);
  const rows = (await readSheet(file)) as unknown[][];
  const csv = Papa.unparse(
    rows.map((r) => r.map(cellText)),
    { delimiter: ";", newline: "\r\n" },
  );
  return new Blob([csv], { type: "text/csv" });
}
