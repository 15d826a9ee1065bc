import { z } from "zod";
import type { Db } from "../core/db";
import { Forbidden } from "../core/errors";
import { UserDirectory } from "../identity/directory";
import { defineJobType, JobFailure } from "../jobs/types";
import { applyEnrichment, enrichFromWebsite } from "./enrichment";
import { IMPORT_CHUNK, type ImportRowReport, importRows } from "./import";
import type { Locale } from "./import-problems";
import { leadJobDeps } from "./job-deps";
import { leadById, rankLeads, rescoreWith } from "./ranking";
import { LeadsRepo } from "./repo";
import { recordWebhookEngagement, WebhookInput } from "./webhooks";

const LEAD_ROLES = ["admin", "sales"] as const;

/** Rows one import may hold (issue #13: 10,000 import and rank in one job). */
export const MAX_IMPORT_ROWS = 10_000;
/** Where the import route keeps a user's uploaded rows (the job reads them back from there). */
export const importPrefix = (userId: string) => `imports/${userId}/`;

const userLocale = (db: Db, id: string): Promise<Locale> => new UserDirectory(db).locale(id);

const rowCount = (i: { rows: unknown[] } | { rowCount: number }) =>
  "rows" in i ? i.rows.length : i.rowCount;
/** "1 lead", "7 leads": the word is the same in both languages, its plural is not optional. */
/** "1 lead", "10.000 leads" (pt-BR) or "10,000 leads" (en): labels read like the dashboard. */
const leadsN = (n: number, locale?: string) =>
  n === 1 ? "1 lead" : `${n.toLocaleString(locale === "en" ? "en-US" : "pt-BR")} leads`;

/** The rows to import: inline, or read back from R2, where only the uploader's files are readable. */
async function importedRows(
  files: R2Bucket,
  input: { rows: unknown[] } | { rowsKey: string },
  userId: string,
): Promise<unknown[]> {
  if ("rows" in input) return input.rows;
  if (!input.rowsKey.startsWith(importPrefix(userId))) {
    throw new JobFailure("forbidden", "This import file belongs to another user.", false);
  }
  const obj = await files.get(input.rowsKey);
  if (!obj) throw new JobFailure("import_file_missing", "The uploaded file is no longer stored.", false);
  const rows: unknown = await obj.json();
  if (!Array.isArray(rows)) throw new JobFailure("invalid_input", "The stored file holds no rows.", false);
  return rows;
}

const leadsImport = defineJobType({
  type: "leads.import",
  deps: leadJobDeps,
  description: "Imports leads from CSV/JSON rows, merges duplicates, then ranks them.",
  runner: "queue",
  // Inline rows (≤ 5,000: a job's input is one D1 row, ≤ 2 MB), or the rows of an uploaded file
  // the import route stored in R2 (≤ 10,000), under the uploader's own prefix.
  input: z.union([
    z.object({ rows: z.array(z.unknown()).min(1).max(5000), source: z.enum(["csv", "json"]) }),
    z.object({
      rowsKey: z.string().regex(/^imports\/[^/]+\/[^/]+\.json$/),
      rowCount: z.number().int().min(1).max(MAX_IMPORT_ROWS),
      source: z.enum(["csv", "json"]),
    }),
  ]),
  result: z.object({
    created: z.number(),
    merged: z.number(),
    unchanged: z.number(),
    invalid: z.number(),
    ranked: z.number(),
    rows: z.array(z.unknown()),
  }),
  retry: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 },
  timeoutMs: 120_000,
  allowedRoles: LEAD_ROLES,
  scope: "leads:write",
  // Refused before a job exists: a job that would only fail later (the run checks again) is still
  // a job in the caller's history pointing at another user's file.
  authorize(actor, input) {
    if ("rowsKey" in input && !input.rowsKey.startsWith(importPrefix(actor.userId))) {
      throw new Forbidden("This import file belongs to another user.");
    }
  },
  label: (i, locale) =>
    locale === "en" ? `Import ${leadsN(rowCount(i), locale)}` : `Importar ${leadsN(rowCount(i))}`,
  name: { "pt-BR": "Importação de leads", en: "Lead import" },
  notify: "always",
  stages: {
    import: { "pt-BR": "Importando leads", en: "Importing leads" },
    rank: { "pt-BR": "Ranqueando leads", en: "Ranking leads" },
  },
  async run(ctx) {
    const repo = new LeadsRepo(ctx.db, ctx.actor);
    const rows = await importedRows(ctx.deps.files, ctx.input, ctx.actor.userId);
    const total = rows.length;
    const locale = await userLocale(ctx.db, ctx.actor.userId);
    // A slice at a time, checkpointed after each: a continuation (ctx.yieldPoint) or a retry
    // resumes after the last stored slice. Importing is idempotent anyway (dedupe keys).
    let st = (ctx.checkpoint.import as ImportState | undefined) ?? emptyImport();
    while (st.next < total) {
      const slice = rows.slice(st.next, st.next + IMPORT_CHUNK);
      const reports = await importRows(
        ctx.db,
        repo,
        ctx.actor,
        slice,
        ctx.jobId,
        noProgress,
        locale,
        st.next,
      );
      st = addReports(st, reports, slice.length);
      await ctx.saveCheckpoint("import", st);
      await ctx.progress({
        percent: (st.next / total) * 70,
        stage: "import",
        message: `Imported ${st.next}/${total}`,
        done: st.next,
        total,
      });
      await ctx.yieldPoint();
    }
    // Nothing to import is not a success: say so, with the first rows' problems.
    if (st.counts.invalid === total) {
      const first = st.invalid
        .slice(0, 3)
        .map((r) => `${r.row}: ${r.errors?.map((e) => e.message).join(" ")}`)
        .join(" · ");
      throw new JobFailure(
        "no_valid_rows",
        locale === "en"
          ? `None of the ${total} rows can be imported. ${first}`
          : `Nenhuma das ${total} linhas pode ser importada. ${first}`,
        false,
      );
    }
    const ids = st.ids;
    let rk = (ctx.checkpoint.rank as { done: number } | undefined) ?? { done: 0 };
    const from = rk.done;
    if (from < ids.length) {
      await ctx.progress({
        percent: 75 + (from / ids.length) * 25,
        stage: "rank",
        message: `Ranking ${leadsN(ids.length, "en")}`,
        done: from,
        total: ids.length,
      });
      await rankLeads(ctx.db, repo, ctx.deps.python(ctx.actor.userId), ctx.jobId, {
        leadIds: ids.slice(from),
        onPage: async (_last, done) => {
          rk = { done: from + done };
          await ctx.saveCheckpoint("rank", rk);
          await ctx.progress({
            percent: 75 + (rk.done / ids.length) * 25,
            stage: "rank",
            message: `Ranked ${rk.done}/${ids.length}`,
            done: rk.done,
            total: ids.length,
          });
          await ctx.yieldPoint();
        },
      });
    }
    return { ...st.counts, ranked: ids.length, rows: st.invalid };
  },
});

const noProgress = async () => {};

/** Where an import stands: rows done, tallies, the invalid rows' reports, the leads to rank. */
interface ImportState {
  next: number;
  counts: { created: number; merged: number; unchanged: number; invalid: number };
  invalid: ImportRowReport[];
  ids: string[];
}

/** Invalid-row reports kept for the result (the counts stay exact): 10,000 would not fit a row. */
const MAX_INVALID_REPORTS = 1000;

const emptyImport = (): ImportState => ({
  next: 0,
  counts: { created: 0, merged: 0, unchanged: 0, invalid: 0 },
  invalid: [],
  ids: [],
});

function addReports(st: ImportState, reports: ImportRowReport[], rows: number): ImportState {
  const counts = { ...st.counts };
  const seen = new Set(st.ids);
  const ids = [...st.ids];
  const invalid = [...st.invalid];
  for (const r of reports) {
    counts[r.status]++;
    if (r.status === "invalid" && invalid.length < MAX_INVALID_REPORTS) invalid.push(r);
    // Unchanged rows keep their scores; created and merged leads are ranked once each.
    if (r.leadId && r.status !== "unchanged" && !seen.has(r.leadId)) {
      seen.add(r.leadId);
      ids.push(r.leadId);
    }
  }
  return { next: st.next + rows, counts, invalid, ids };
}

const leadsRank = defineJobType({
  type: "leads.rank",
  deps: leadJobDeps,
  description: "Re-ranks every lead (fit V2, heatmap, territory) in the Python service.",
  runner: "queue",
  input: z.object({ leadIds: z.array(z.string()).max(5000).optional() }),
  result: z.object({ ranked: z.number(), changed: z.number() }),
  retry: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 },
  timeoutMs: 120_000,
  allowedRoles: LEAD_ROLES,
  scope: "leads:write",
  label: (i, locale) =>
    i.leadIds
      ? locale === "en"
        ? `Rank ${leadsN(i.leadIds.length, locale)}`
        : `Ranquear ${leadsN(i.leadIds.length)}`
      : locale === "en"
        ? "Rank all leads"
        : "Ranquear todos os leads",
  name: { "pt-BR": "Ranqueamento de leads", en: "Lead ranking" },
  notify: "always",
  stages: { rank: { "pt-BR": "Ranqueando leads", en: "Ranking leads" } },
  async run(ctx) {
    const repo = new LeadsRepo(ctx.db, ctx.actor);
    const service = ctx.deps.python(ctx.actor.userId);
    const resume = ctx.checkpoint.rank as { lastId: string; done: number; changed: number } | undefined;
    const changedBefore = resume?.changed ?? 0;
    // Resumes after the checkpoint: by id order for "every lead", by position in a given list.
    const out = await rankLeads(ctx.db, repo, service, ctx.jobId, {
      ...(ctx.input.leadIds ? { leadIds: ctx.input.leadIds.slice(resume?.done ?? 0) } : {}),
      ...(resume && !ctx.input.leadIds ? { afterId: resume.lastId } : {}),
      onPage: async (lastId, done, changed) => {
        const total = (resume?.done ?? 0) + done;
        await ctx.saveCheckpoint("rank", { lastId, done: total, changed: changedBefore + changed });
        await ctx.progress({ percent: 50, stage: "rank", message: `Ranked ${total}`, done: total });
        await ctx.yieldPoint();
      },
    });
    return { ranked: (resume?.done ?? 0) + out.ranked, changed: changedBefore + out.changed };
  },
});

const ENRICH_CHUNK = 5;

const leadsEnrich = defineJobType({
  type: "leads.enrich",
  deps: leadJobDeps,
  description: "Finds decision makers and company facts on LinkedIn (Unipile), with citations.",
  runner: "queue",
  input: z.object({ leadIds: z.array(z.string().min(1)).min(1).max(1000) }),
  result: z.object({ enriched: z.number(), notFound: z.number(), failed: z.number(), total: z.number() }),
  retry: { maxAttempts: 5, baseDelayMs: 5000, maxDelayMs: 120_000, nonRetryable: ["unipile_auth"] },
  timeoutMs: 180_000,
  allowedRoles: LEAD_ROLES,
  scope: "leads:write",
  label: (i, locale) =>
    locale === "en" ? `Enrich ${leadsN(i.leadIds.length, locale)}` : `Enriquecer ${leadsN(i.leadIds.length)}`,
  name: { "pt-BR": "Enriquecimento de leads", en: "Lead enrichment" },
  notify: "always",
  stages: { enrich: { "pt-BR": "Enriquecendo leads", en: "Enriching leads" } },
  async run(ctx) {
    const repo = new LeadsRepo(ctx.db, ctx.actor);
    const service = ctx.deps.python(ctx.actor.userId);
    const ids = [...new Set(ctx.input.leadIds)];
    const tally = {
      enriched: 0,
      notFound: 0,
      failed: 0,
      ...(ctx.checkpoint.enrich as object | undefined),
    } as {
      enriched: number;
      notFound: number;
      failed: number;
      done?: number;
    };
    let done = tally.done ?? 0;
    while (done < ids.length) {
      const chunk = ids.slice(done, done + ENRICH_CHUNK);
      const rows = (await Promise.all(chunk.map((id) => leadById(ctx.db, id)))).filter(
        (r) => r !== undefined,
      );
      const results = rows.length
        ? await service.enrich(
            rows.map((r) => ({
              id: r.id,
              company: r.company,
              website: r.website,
              linkedinUrl: r.linkedinUrl,
            })),
          )
        : [];
      for (const r of results) {
        const auth = r.error?.code === "unipile_auth";
        if (auth)
          throw new JobFailure("unipile_auth", r.error?.message ?? "Unipile refused the account.", false);
        const row = rows.find((x) => x.id === r.id);
        if (row) await applyEnrichment(ctx.db, repo, row, r, ctx.jobId, rescoreWith(ctx.db, service));
        if (row) await enrichFromWebsite(ctx.db, repo, service, row.id, ctx.jobId);
        if (r.status === "enriched") tally.enriched++;
        else if (r.status === "not_found") tally.notFound++;
        else tally.failed++;
      }
      tally.failed += chunk.length - rows.length;
      done += chunk.length;
      await ctx.saveCheckpoint("enrich", { ...tally, done });
      await ctx.progress({
        percent: (done / ids.length) * 100,
        stage: "enrich",
        message: `Enriched ${done}/${ids.length}`,
        done,
        total: ids.length,
      });
      await ctx.yieldPoint();
    }
    return { enriched: tally.enriched, notFound: tally.notFound, failed: tally.failed, total: ids.length };
  },
});

/** Provisioned for phase 2 (FR18): signed provider webhooks processed as jobs. */
const incomingWebhook = defineJobType({
  type: "incoming_webhook",
  description: "Processes a signed Unipile webhook (new relation, message reply) into engagement.",
  runner: "queue",
  input: WebhookInput,
  result: z.object({ recorded: z.boolean(), leadId: z.string().nullable() }),
  retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
  timeoutMs: 30_000,
  allowedRoles: ["admin"],
  scope: "leads:write",
  name: { "pt-BR": "Webhook recebido", en: "Incoming webhook" },
  label: (_i, locale) => (locale === "en" ? "Incoming webhook" : "Webhook recebido"),
  run: (ctx) => recordWebhookEngagement(ctx.db, ctx.actor, ctx.input),
});

export const leadJobTypes = [leadsImport, leadsRank, leadsEnrich, incomingWebhook];
