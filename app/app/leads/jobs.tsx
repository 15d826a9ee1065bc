import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useRevalidator } from "react-router";
import { toast } from "sonner";
import { useI18n } from "../i18n";
import { describeError, progressText } from "../jobs/job-text";
import { ProgressBar } from "../jobs/progress-bar";
import { useJobsApi, useLiveJob } from "../jobs/provider";
import { StatusBadge } from "../jobs/status-badge";
import { clientApi } from "../lib/api-client";
import type { Job } from "../lib/types";
import { type Mapping, previewUrl } from "./import-preview";
import type { ImportResult } from "./types";

/**
 * Jobs started from a leads screen: each is put in the live job store at once (so the history
 * panel and these cards show it), then followed over the realtime socket by id.
 */
export function useLeadJobs() {
  const { t } = useI18n();
  const { store } = useJobsApi();
  const [ids, setIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const track = useCallback(
    (job: Job) => {
      store.upsert([job], "snapshot");
      setIds((prev) => [job.id, ...prev.filter((x) => x !== job.id)].slice(0, 4));
    },
    [store],
  );

  const run = useCallback(
    async (path: string, init: RequestInit): Promise<Job | null> => {
      setBusy(true);
      try {
        const res = await clientApi<{ job: Job }>(path, init);
        if (res.ok) {
          track(res.data.job);
          return res.data.job;
        }
        toast.error(res.problem?.detail ?? res.problem?.title ?? t.leadsPage.startFailed);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [track, t],
  );

  const start = useCallback(
    (type: "leads.enrich" | "leads.rank", input: Record<string, unknown>) =>
      run("/api/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type, input }),
      }),
    [run],
  );

  const importCsv = useCallback(
    (file: Blob, mapping: Mapping | null = null) =>
      run(previewUrl("/api/leads/import", mapping), {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      }),
    [run],
  );

  const dismiss = useCallback((id: string) => setIds((prev) => prev.filter((x) => x !== id)), []);
  return { ids, busy, start, importCsv, dismiss };
}

/** The live jobs of this screen, newest first. */
export function LeadJobList({ ids, onDismiss }: { ids: string[]; onDismiss: (id: string) => void }) {
  const { t } = useI18n();
  if (ids.length === 0) return null;
  return (
    <section aria-label={t.leadsPage.jobsLabel} className="mb-4 space-y-2">
      {ids.map((id) => (
        <LeadJobCard key={id} id={id} onDismiss={() => onDismiss(id)} />
      ))}
    </section>
  );
}

function LeadJobCard({ id, onDismiss }: { id: string; onDismiss: () => void }) {
  const { t, locale, fmt } = useI18n();
  const L = t.leadsPage;
  const job = useLiveJob(id);
  const revalidator = useRevalidator();
  const refreshed = useRef(false);
  const done = job?.status === "succeeded";

  // When the job finishes, reload the page's data once (scores, owners, citations changed).
  useEffect(() => {
    if (done && !refreshed.current) {
      refreshed.current = true;
      void revalidator.revalidate();
    }
  }, [done, revalidator]);

  if (!job) return null;
  const active = job.status === "queued" || job.status === "running";
  return (
    <div
      data-lead-job={job.type}
      data-job-id={job.id}
      data-status={job.status}
      className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-800 dark:bg-navy-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <p className="font-semibold text-slate-900 dark:text-white">{L.jobTitle[job.type] ?? job.type}</p>
          <StatusBadge status={job.status} />
        </div>
        <div className="flex items-center gap-3 text-xs">
          <Link to={`/jobs/${job.id}`} className="text-brand-blue hover:underline dark:text-blue-300">
            {L.viewJob}
          </Link>
          {!active && (
            <button
              type="button"
              onClick={onDismiss}
              className="text-slate-500 hover:text-slate-800 dark:hover:text-slate-200"
            >
              {L.dismiss}
            </button>
          )}
        </div>
      </div>
      {active && (
        <div className="mt-3">
          <ProgressBar progress={job.progress} label={L.jobTitle[job.type] ?? job.type} />
          <p className="mt-1.5 text-xs text-slate-600 dark:text-slate-300" data-progress-message>
            {job.progress ? progressText(t, locale, fmt, job.progress) : t.status.queued}
          </p>
        </div>
      )}
      {job.status === "failed" && job.error && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {describeError(t, job.error)}
        </p>
      )}
      {done && <JobResult job={job} />}
    </div>
  );
}

function JobResult({ job }: { job: Job }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const r = job.result as Record<string, unknown> | null;
  if (!r) return null;
  if (job.type === "leads.import") {
    const res = r as ImportResult;
    // In a CSV file the header is line 1, so data row n is line n + 1.
    const csv = (job.input as { source?: string } | null)?.source === "csv";
    return (
      <div className="mt-2" aria-live="polite">
        <p className="text-xs text-slate-700 dark:text-slate-200" data-import-summary>
          {L.importResult(res)}
        </p>
        {res.rows.length > 0 && (
          <div
            role="alert"
            className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            <p className="font-semibold">{L.invalidRows(res.rows.length)}</p>
            <ul className="mt-1 space-y-0.5">
              {res.rows.map((row) => (
                <li key={row.row} data-invalid-row={row.row}>
                  <span className="font-medium">{L.row(csv ? row.row + 1 : row.row)}:</span>{" "}
                  {/* Each message names its field in the reader's words; the path is for programs. */}
                  {(row.errors ?? []).map((e) => e.message).join(" ")}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    );
  }
  const text =
    job.type === "leads.enrich"
      ? L.enrichResult(r as { enriched: number; notFound: number; failed: number; total: number })
      : job.type === "leads.rank"
        ? L.rankResult(r as { ranked: number; changed: number })
        : null;
  return text ? (
    <p className="mt-2 text-xs text-slate-700 dark:text-slate-200" aria-live="polite">
      {text}
    </p>
  ) : null;
}
