import Papa from "papaparse";

/** A CSV row that could not be read as cells; it travels with the rows so numbering stays true. */
export const CSV_PROBLEM = "$csvProblem";
export type CsvProblem =
  | { code: "unterminated_quote" }
  | { code: "extra_cells"; params: { cells: number; columns: number } };

const CANDIDATES = [";", ",", "\t", "|"] as const;

/**
 * The separator is read from the header row: Excel in pt-BR writes `;` (because `,` is the
 * decimal mark), elsewhere `,`. Guessing over data rows misleads when values hold commas.
 */
export function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const unquoted = header.replace(/"[^"]*"/g, "");
  let best: string = ",";
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const n = unquoted.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Parses a CSV with a header row into one entry per data row, numbered from 1: a record keyed by
 * the header, or a problem. A UTF-8 BOM and Excel's `sep=` line are dropped. An unterminated
 * quote is reported on its row and reading resumes on the next line, instead of swallowing the
 * rest of the file into one cell.
 */
export function csvToRecords(input: string): Array<Record<string, string> | { [CSV_PROBLEM]: CsvProblem }> {
  return csvToTable(input).rows;
}

/** The header row (trimmed, as written) and the records of `csvToRecords`. */
export function csvToTable(input: string): {
  headers: string[];
  rows: Array<Record<string, string> | { [CSV_PROBLEM]: CsvProblem }>;
} {
  // One line ending for the whole file: papaparse takes the first one it sees as the only one.
  const unmarked = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, "\n");
  // Excel's separator hint (`sep=;` alone on the first line, written by exports meant for Excel,
  // which hides the line): it names the separator, and the header is the next line.
  const hint = /^sep=([^\n])[ \t]*\n/i.exec(unmarked);
  const text = hint ? unmarked.slice(hint[0].length) : unmarked;
  const delimiter = hint?.[1] ?? detectDelimiter(text);
  const out: Array<Record<string, string> | { [CSV_PROBLEM]: CsvProblem }> = [];
  let keys: string[] | undefined;
  let rest = text;
  while (rest.trim() !== "") {
    let rowStart = 0;
    let brokenAt: number | undefined;
    Papa.parse<string[]>(rest, {
      delimiter,
      skipEmptyLines: "greedy",
      step: (r, parser) => {
        // A quote error means a quote opened on this row is never closed where it should be:
        // papaparse would otherwise merge the following lines into this row.
        if (r.errors.some((e) => e.type === "Quotes")) {
          brokenAt = rowStart;
          parser.abort();
          return;
        }
        rowStart = r.meta.cursor;
        if (!keys) {
          keys = r.data.map((h) => h.trim());
          return;
        }
        const header = keys;
        const extra = r.data.slice(header.length).some((c) => c.trim() !== "");
        out.push(
          extra
            ? {
                [CSV_PROBLEM]: {
                  code: "extra_cells",
                  params: { cells: r.data.length, columns: header.length },
                },
              }
            : Object.fromEntries(header.map((k, i) => [k, r.data[i] ?? ""])),
        );
      },
    });
    if (brokenAt === undefined) break;
    if (keys) out.push({ [CSV_PROBLEM]: { code: "unterminated_quote" } });
    // Resume on the line after the one where the broken row starts.
    const lineStart = rest.slice(brokenAt).search(/\S/) + brokenAt;
    const nextLine = rest.indexOf("\n", Math.max(brokenAt, lineStart));
    rest = nextLine < 0 ? "" : rest.slice(nextLine + 1);
  }
  return { headers: keys ?? [], rows: out };
}
