import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ExportLeadsQuery, type Lead } from "../contracts/leads";
import { type AppEnv, access, type createRouter, problemResponses, requireActor } from "../core/http";
import { UserDirectory } from "../identity/directory";
import { exportChunk } from "./export";
import { exportPages } from "./export-pages";
import { localeOf } from "./locale";
import { LeadsRepo } from "./repo";
import type { LeadDeps } from "./routes";

/**
 * Leads per read while the file streams: one D1 query and one names lookup each; 2,000 rows stay
 * a few MB of the isolate's 128 (the ids of every matching lead, read first, are ~30 B each).
 * (Before the list's orders had indexes, each read sorted the whole list, and 10,306 leads took
 * 1.0–1.4 s at 2,000 a read and 2.5–2.9 s at 500.)
 */
const EXPORT_PAGE = 2000;

/** `GET /leads/export.csv`: the filtered, ranked list as a spreadsheet, streamed page by page. */
export function registerExportRoute(
  app: ReturnType<typeof createRouter>,
  depsFor: (c: Context<AppEnv>) => LeadDeps,
): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/leads/export.csv",
      middleware: [access("leads:read")],
      summary:
        "The leads list as CSV with the list's filters and order (every page): the import's columns in your language (or ?lang=), then scores, heat, territory and owner; `;` and decimal comma in pt-BR",
      request: { query: ExportLeadsQuery },
      responses: {
        200: { content: { "text/csv": { schema: z.string() } }, description: "The leads" },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { lang, ...filters } = c.req.valid("query");
      const { db } = depsFor(c);
      const locale = lang ?? (await localeOf(c, db, actor.userId));
      const repo = new LeadsRepo(db, actor);
      const users = new UserDirectory(db);
      // The ids and the first page are read before answering: a failure then is a problem
      // response, not a file cut short. Each later page is read when the client asks for more
      // (memory stays one page), not ahead of it: reading ahead held the first bytes back.
      const pages = exportPages(repo, filters, EXPORT_PAGE);
      let next: IteratorResult<Lead[], void> | null = await pages.next();
      let first = true;
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // Loops past a page whose leads were all deleted meanwhile: a pull that enqueues
          // nothing would leave the reader waiting.
          for (;;) {
            next ??= await pages.next();
            if (next.done) return controller.close();
            const items = next.value;
            next = null;
            const owners = await users.names(items.flatMap((l) => (l.ownerId ? [l.ownerId] : [])));
            // The header is written even when no lead matches: an empty sheet with its columns.
            const chunk = exportChunk(items, owners, locale, first);
            first = false;
            if (chunk) return controller.enqueue(encoder.encode(chunk));
          }
        },
        async cancel() {
          await pages.return();
        },
      });
      const day = new Date().toISOString().slice(0, 10);
      return c.body(body, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="leads-${day}.csv"`,
        "cache-control": "no-store",
      });
    },
  );
}
