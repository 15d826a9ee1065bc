import { useEffect, useRef, useState } from "react";
import { LEAD_FIELDS } from "../../../modules/contracts/leads-values";
import { buttonClass, cardClass, inputClass, ScrollRegion } from "../components/page";
import { useI18n } from "../i18n";
import { clientApi } from "../lib/api-client";

type Problem = { path: string; code: string; message: string };
/** `POST /api/leads/import/preview`'s answer. */
export type ImportPreview = {
  source: "csv" | "json";
  encoding: string;
  columns: Array<{ header: string; field: string | null; suggested: string | null }>;
  missing: string[];
  total: number;
  valid: number;
  invalid: number;
  problems: Array<{ row: number; errors: Problem[] }>;
  sample: Array<{
    row: number;
    valid: boolean;
    cells: Array<string | null>;
    lead: Record<string, unknown> | null;
    errors: Problem[];
  }>;
};
export type Mapping = Record<string, string | null>;

/** Shown problems per row before "… and N more" (the counts above stay exact). */
const SHOWN_PROBLEMS = 50;

export function previewUrl(path: string, mapping: Mapping | null): string {
  return mapping ? `${path}?mapping=${encodeURIComponent(JSON.stringify(mapping))}` : path;
}

/**
 * A chosen CSV before anything is stored: a field per column (each change asks the server
 * again), the rows as they will be stored, each invalid row's problems, and "import the valid
 * rows" with the mapping shown.
 */
export function ImportPreviewPanel({
  name,
  file,
  workbook = false,
  busy,
  onImport,
  onCancel,
}: {
  name: string;
  /** The file as chosen: its bytes go up as they are, so the server reads their encoding. */
  file: Blob;
  /** The file was an Excel workbook, sent as its first sheet in CSV. */
  workbook?: boolean;
  busy: boolean;
  onImport: (mapping: Mapping | null) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const P = t.leadsImport;
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const heading = useRef<HTMLHeadingElement>(null);

  // Keyboard and screen-reader users land on the preview that just opened.
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void clientApi<ImportPreview>(previewUrl("/api/leads/import/preview", mapping), {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: file,
    }).then((res) => {
      if (!current) return;
      setLoading(false);
      if (res.ok) {
        setPreview(res.data);
        setError(null);
      } else setError(res.problem?.detail ?? P.failed);
    });
    return () => {
      current = false;
    };
  }, [file, mapping, P.failed]);

  // The choice shows at once; the server's answer for it follows.
  const fieldOf = (c: { header: string; field: string | null }) =>
    mapping && Object.hasOwn(mapping, c.header) ? (mapping[c.header] ?? null) : c.field;
  const choose = (header: string, field: string) => {
    if (!preview) return;
    const next: Mapping = {};
    for (const c of preview.columns) {
      // A field belongs to one column: choosing it elsewhere frees it here.
      const now = fieldOf(c);
      next[c.header] = c.header === header ? field || null : now === field ? null : now;
    }
    setMapping(next);
  };

  const num = new Intl.NumberFormat(locale === "pt-BR" ? "pt-BR" : "en-US");
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return num.format(v);
    if (typeof v === "boolean") return v ? P.yes : P.no;
    if (Array.isArray(v)) return v.join("; ");
    return String(v);
  };
  // In a CSV the header is line 1, so data row n is line n + 1.
  const line = (row: number) => (preview?.source === "csv" ? row + 1 : row);

  return (
    <section
      aria-labelledby="import-preview-title"
      aria-busy={loading}
      data-import-preview
      className={`${cardClass} mb-4 space-y-4`}
    >
      <div>
        <h2
          id="import-preview-title"
          ref={heading}
          tabIndex={-1}
          className="text-base font-semibold text-slate-900 outline-none dark:text-white"
        >
          {P.title}
        </h2>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          {P.file(name)}
          {workbook ? (
            <span data-preview-encoding> · {P.workbook}</span>
          ) : (
            preview?.source === "csv" && <span data-preview-encoding> · {P.encoding(preview.encoding)}</span>
          )}
        </p>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700 dark:text-slate-200" data-preview-counts>
        {loading && !preview
          ? P.loading
          : preview
            ? P.counts(preview.total, preview.valid, preview.invalid)
            : ""}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {preview && (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-300">{P.mappingHint}</p>
          {preview.missing.includes("company") && (
            <p role="alert" className="text-sm font-medium text-amber-800 dark:text-amber-200">
              {P.missingCompany}
            </p>
          )}
          {/* Wide files scroll inside this region, which the keyboard can reach. */}
          <ScrollRegion label={P.tableLabel}>
            <table className="min-w-full border-separate border-spacing-0 text-left text-xs">
              <caption className="pb-2 text-left text-xs text-slate-500">
                {P.sampleCaption(preview.sample.length, preview.total)}
              </caption>
              <thead>
                <tr>
                  <th
                    scope="col"
                    className="px-2 py-1 align-bottom font-medium text-slate-600 dark:text-slate-300"
                  >
                    {P.colLine}
                  </th>
                  <th
                    scope="col"
                    className="px-2 py-1 align-bottom font-medium text-slate-600 dark:text-slate-300"
                  >
                    {P.colStatus}
                  </th>
                  {preview.columns.map((c, i) => {
                    const header = c.header || P.untitled(i + 1);
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                      <th key={i} scope="col" className="min-w-36 px-2 py-1 align-bottom">
                        <span className="block truncate font-semibold text-slate-800 dark:text-slate-100">
                          {header}
                        </span>
                        <select
                          aria-label={P.columnField(header)}
                          data-column={c.header}
                          value={fieldOf(c) ?? ""}
                          onChange={(e) => choose(c.header, e.target.value)}
                          className={`${inputClass} mt-1 w-full py-1 text-xs`}
                        >
                          <option value="">{P.ignore}</option>
                          {LEAD_FIELDS.map((f) => (
                            <option key={f} value={f}>
                              {P.fields[f] ?? f}
                            </option>
                          ))}
                        </select>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((r) => (
                  <tr key={r.row} data-preview-row={line(r.row)} data-valid={r.valid}>
                    <th
                      scope="row"
                      className="border-t border-slate-200 px-2 py-1 font-normal tabular-nums dark:border-slate-700"
                    >
                      {line(r.row)}
                    </th>
                    <td className="border-t border-slate-200 px-2 py-1 dark:border-slate-700">
                      <span
                        className={`whitespace-nowrap rounded px-1.5 py-0.5 font-medium ${r.valid ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100"}`}
                      >
                        {r.valid ? P.valid : P.invalid}
                      </span>
                    </td>
                    {preview.columns.map((c, i) => {
                      const stored = r.lead && c.field ? show(r.lead[c.field]) : null;
                      // The cell a problem is about stands out (the message says why, below).
                      const bad = c.field !== null && r.errors.some((e) => e.path.split(".")[0] === c.field);
                      return (
                        <td
                          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                          key={i}
                          className={`max-w-60 truncate border-t border-slate-200 px-2 py-1 dark:border-slate-700 ${bad ? "bg-amber-50 font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-100" : c.field ? "text-slate-800 dark:text-slate-100" : "text-slate-500 line-through dark:text-slate-400"}`}
                          data-problem={bad || undefined}
                        >
                          {stored ?? r.cells[i] ?? ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {preview.invalid > 0 && (
            <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
              <h3 className="font-semibold">{P.problemsTitle(preview.invalid)}</h3>
              <ul className="mt-1 space-y-0.5" data-preview-problems>
                {preview.problems.slice(0, SHOWN_PROBLEMS).map((r) => (
                  <li key={r.row} data-problem-line={line(r.row)}>
                    <span className="font-medium">{P.line(line(r.row))}:</span>{" "}
                    {r.errors.map((e) => e.message).join(" ")}
                  </li>
                ))}
              </ul>
              {preview.invalid > Math.min(SHOWN_PROBLEMS, preview.problems.length) && (
                <p className="mt-1">
                  {P.problemsMore(preview.invalid - Math.min(SHOWN_PROBLEMS, preview.problems.length))}
                </p>
              )}
            </div>
          )}
        </>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={busy || loading || !preview || preview.valid === 0}
          onClick={() => onImport(mapping)}
        >
          {P.importValid(preview?.valid ?? 0)}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onCancel}>
          {P.cancel}
        </button>
      </div>
    </section>
  );
}
