import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ImportJsonBody, ImportPreview, ImportQuery, TemplateQuery } from "../contracts/leads";
import { BadRequest } from "../core/errors";
import {
  type AppEnv,
  access,
  type createRouter,
  json,
  limitResponses,
  problemResponse,
  problemResponses,
  rawBody,
  requireActor,
} from "../core/http";
import { newId } from "../core/ids";
import { JobEnvelope } from "../jobs/schema";
import { csvToTable } from "./csv";
import { type CsvEncoding, decodeCsv } from "./csv-decode";
import { checkRow } from "./import";
import {
  applyMapping,
  type Column,
  type ColumnMapping,
  headersOf,
  MAX_COLUMNS,
  readColumnMapping,
  resolveMapping,
  suggestMapping,
} from "./import-mapping";
import { importTemplate, previewImport } from "./import-preview";
import { importPrefix, MAX_IMPORT_ROWS } from "./jobs";
import { localeOf } from "./locale";
import { LeadsRepo } from "./repo";
import type { LeadDeps } from "./routes";

function parseMapping(raw: unknown): ColumnMapping | undefined {
  if (raw === undefined || raw === null) return undefined;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new BadRequest("mapping is not valid JSON.", [{ path: "mapping", message: "Not JSON" }]);
    }
  }
  const parsed = readColumnMapping(value);
  if (!parsed.ok) {
    throw new BadRequest(
      "mapping must be an object of column header → lead field (or null to ignore the column).",
      parsed.errors,
    );
  }
  return parsed.mapping;
}

interface ImportBody {
  source: "csv" | "json";
  /** The encoding the body was read in (JSON is always UTF-8). */
  encoding: CsvEncoding;
  rows: unknown[];
  columns: Column[];
  suggested: Column[];
}

/**
 * Reads an import body (text/csv, a JSON array, or `{rows, mapping}`) and the column mapping
 * (the `mapping` query parameter or JSON field): precise 400s for anything unusable.
 */
async function readImport(c: Context<AppEnv>): Promise<ImportBody> {
  const contentType = c.req.header("content-type") ?? "";
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  let rows: unknown;
  let headers: string[] = [];
  let chosen: unknown = c.req.query("mapping");
  const source = type === "text/csv" ? "csv" : "json";
  let encoding: CsvEncoding = "utf-8";
  if (source === "csv") {
    // Bytes, not `text()`: a spreadsheet's CSV is often not UTF-8 (csv-decode.ts).
    const decoded = decodeCsv(new Uint8Array(await c.req.arrayBuffer()), contentType);
    encoding = decoded.encoding;
    const table = csvToTable(decoded.text);
    rows = table.rows;
    headers = [...new Set(table.headers)];
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await c.req.text());
    } catch {
      throw new BadRequest("The body is not valid JSON.");
    }
    if (Array.isArray(parsed)) rows = parsed;
    else if (parsed && typeof parsed === "object") {
      const body = parsed as { rows?: unknown; mapping?: unknown };
      rows = body.rows;
      if (body.mapping !== undefined) chosen = body.mapping;
    }
    if (Array.isArray(rows)) headers = headersOf(rows);
  }
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new BadRequest("Send at least one lead: a CSV with a header row, or a JSON array.", [
      { path: "", message: "No rows found" },
    ]);
  }
  if (rows.length > MAX_IMPORT_ROWS)
    throw new BadRequest("At most 10,000 leads per import.", [{ path: "", message: "Too many rows" }]);
  if (headers.length > MAX_COLUMNS)
    throw new BadRequest(`At most ${MAX_COLUMNS} columns per import.`, [
      { path: "", message: "Too many columns" },
    ]);
  const mapping = resolveMapping(headers, parseMapping(chosen));
  if (!mapping.ok) throw new BadRequest("The column mapping does not fit the file.", mapping.errors);
  return { source, encoding, rows, columns: mapping.columns, suggested: suggestMapping(headers) };
}

/** Import, its preview and its template: `/leads/import…`. */
export function registerImportRoutes(
  app: ReturnType<typeof createRouter>,
  depsFor: (c: Context<AppEnv>) => LeadDeps,
): void {
  // The body is CSV or JSON, read by `readImport` rather than by a JSON validator: its 400s say
  // which row or column is wrong, in the caller's terms.
  const importBody = rawBody({ "text/csv": z.string(), "application/json": ImportJsonBody });

  app.openapi(
    createRoute({
      method: "post",
      path: "/leads/import",
      middleware: [access("leads:write")],
      summary:
        "Import leads from text/csv (header row) or a JSON array, with an optional column mapping → 202 {job}; invalid rows are skipped and reported",
      request: { query: ImportQuery, ...importBody },
      responses: {
        202: json(JobEnvelope, "A leads.import job"),
        413: problemResponse("Body larger than 8 MB"),
        415: problemResponse(
          "Not text/csv or JSON, or a charset that is not read (UTF-8, UTF-16, Windows-1252)",
        ),
        ...problemResponses,
        ...limitResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      new LeadsRepo(depsFor(c).db, actor).requireWrite();
      const body = await readImport(c);
      const rows = applyMapping(body.rows, body.columns);
      // An import in which no row can be stored is refused before anything is queued; otherwise
      // the job stores the valid rows and reports the others.
      const locale = await localeOf(c, depsFor(c).db, actor.userId);
      const checked = rows.map((r) => checkRow(r, locale));
      if (checked.every((r) => !r.ok)) {
        throw new BadRequest(
          locale === "en" ? "No row can be imported." : "Nenhuma linha pode ser importada.",
          checked
            .flatMap((r, i) =>
              r.ok ? [] : r.errors.map((e) => ({ ...e, path: `rows.${i + 1}${e.path ? `.${e.path}` : ""}` })),
            )
            .slice(0, 200),
        );
      }
      // The rows go to R2, not into the job's input: a job is one D1 row (≤ 2 MB), and 10,000
      // rows are more. The file stays after the job so "retry" needs no re-upload.
      const rowsKey = `${importPrefix(actor.userId)}${newId()}.json`;
      await c.env.FILES.put(rowsKey, JSON.stringify(rows), {
        httpMetadata: { contentType: "application/json" },
      });
      try {
        const { job } = await depsFor(c).engine.enqueue(actor, {
          type: "leads.import",
          input: { rowsKey, rowCount: rows.length, source: body.source },
        });
        return c.json({ job }, 202);
      } catch (err) {
        // Refused (a limit, a role): no job will ever read the file.
        await c.env.FILES.delete(rowsKey);
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/leads/import/preview",
      middleware: [access("leads:write")],
      summary:
        "What an import would do, storing nothing: columns with the suggested and applied mapping, counts, each invalid row's problems in your language, the first 20 rows as stored",
      request: { query: ImportQuery, ...importBody },
      responses: {
        200: json(ImportPreview, "The preview"),
        413: problemResponse("Body larger than 8 MB"),
        415: problemResponse(
          "Not text/csv or JSON, or a charset that is not read (UTF-8, UTF-16, Windows-1252)",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      new LeadsRepo(depsFor(c).db, actor).requireWrite();
      const body = await readImport(c);
      const locale = await localeOf(c, depsFor(c).db, actor.userId);
      return c.json(
        previewImport(body.source, body.encoding, body.rows, body.columns, body.suggested, locale),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/leads/import/template.csv",
      middleware: [access("leads:read")],
      summary:
        "The import template: header in your language (or ?lang=pt-BR|en) and an example row, `;`-separated with a UTF-8 BOM",
      request: { query: TemplateQuery },
      responses: {
        200: { content: { "text/csv": { schema: z.string() } }, description: "The template" },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      // A download link cannot set headers: the dashboard names its language in the query.
      const { lang } = c.req.valid("query");
      const locale = lang ?? (await localeOf(c, depsFor(c).db, actor.userId));
      const name = locale === "en" ? "leads-template.csv" : "modelo-leads.csv";
      return c.body(importTemplate(locale), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
      });
    },
    // The answer this route gave before it had a schema, kept word for word.
    (result) => {
      if (!result.success)
        throw new BadRequest("lang must be pt-BR or en.", [{ path: "lang", message: "Unknown language" }]);
      return undefined;
    },
  );
}
