import { Link } from "react-router";
import { useI18n } from "../i18n";
import { describeError, progressText } from "../jobs/job-text";
import { ProgressBar } from "../jobs/progress-bar";
import { useJobsApi, useLiveJobs } from "../jobs/provider";
import { StatusBadge } from "../jobs/status-badge";
import { useProfile } from "../lib/preferences-context";
import type { Job } from "../lib/types";
import { CONTENT_JOB_TYPES, type GenerateKind } from "./types";

const isContentJob = (j: Job) => (CONTENT_JOB_TYPES as readonly string[]).includes(j.type);
const inputOf = (j: Job) => (j.input ?? {}) as { topic?: string; theme?: string; profile?: string };
const kindOf = (j: Job) => j.type.replace("content.", "") as GenerateKind;

/**
 * The "pending drafts" strip: this user's content jobs still running (plus the ones started on
 * this page), live from the job store; a finished one links to its draft.
 */
export function PendingStrip({ startedIds }: { startedIds: string[] }) {
  const { t } = useI18n();
  const { me } = useJobsApi();
  const { profile } = useProfile();
  const jobs = useLiveJobs().filter(
    (j) =>
      isContentJob(j) &&
      j.userId === me.id &&
      j.parentId === null &&
      (inputOf(j).profile ?? "company") === profile &&
      (j.status === "queued" || j.status === "running" || startedIds.includes(j.id)),
  );
  if (jobs.length === 0) return null;
  return (
    <section aria-labelledby="pending-title" className="space-y-2">
      <h2 id="pending-title" className="text-sm font-semibold text-slate-700 dark:text-slate-200">
        {t.studio.pending.title}
      </h2>
      <ul className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
        {jobs.slice(0, 6).map((job) => (
          <PendingItem key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}

function PendingItem({ job }: { job: Job }) {
  const { t, locale, fmt } = useI18n();
  const p = t.studio.pending;
  const input = inputOf(job);
  const result = (job.result ?? {}) as { contentId?: string; contentIds?: string[] };
  const draftId = result.contentId ?? result.contentIds?.[0];
  const active = job.status === "queued" || job.status === "running";
  return (
    <li
      data-job-id={job.id}
      data-status={job.status}
      aria-label={`${t.studio.kindShort[kindOf(job)]}: ${input.topic ?? input.theme ?? ""}`}
      className="rounded-xl border border-slate-200 border-l-4 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-navy-900"
      style={{ borderLeftColor: "var(--accent)" }}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {t.studio.kindShort[kindOf(job)]}
          </p>
          <p
            className="truncate text-sm font-medium text-slate-900 dark:text-white"
            title={input.topic ?? input.theme}
          >
            {input.topic ?? input.theme}
          </p>
        </div>
        <StatusBadge status={job.status} />
      </div>
      {active && (
        <div className="mt-2 space-y-1">
          <ProgressBar progress={job.progress} label={t.job.progress} />
          <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="pending-stage">
            {job.progress ? progressText(t, locale, fmt, job.progress) : p.queued}
          </p>
        </div>
      )}
      {job.status === "failed" && (
        <p className="mt-2 text-xs text-red-700 dark:text-red-300">
          {p.failed} {describeError(t, job.error)}
        </p>
      )}
      <div className="mt-2 flex flex-wrap gap-3 text-xs">
        {job.status === "succeeded" && draftId && (
          <Link
            to={`/content/${draftId}`}
            className="rounded-md bg-brand-blue px-2.5 py-1 font-medium text-white hover:bg-brand-blue-hover"
          >
            {job.type === "content.sequence" ? p.openSeries : p.open} →
          </Link>
        )}
        <Link to={`/jobs/${job.id}`} className="py-1 text-brand-blue hover:underline dark:text-blue-300">
          {p.details}
        </Link>
      </div>
    </li>
  );
}
