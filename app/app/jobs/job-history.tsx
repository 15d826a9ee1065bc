import { Link } from "react-router";
import { useI18n } from "../i18n";
import type { Profile } from "../lib/preferences";
import { usePreferences } from "../lib/preferences-context";
import type { Job } from "../lib/types";
import { jobLabel, progressText } from "./job-text";
import { ProgressBar } from "./progress-bar";
import { useJobsApi, useLiveJobs } from "./provider";
import { StatusBadge } from "./status-badge";

const MAX_ITEMS = 20;

/** The "Histórico de jobs" side panel: the signed-in user's recent jobs, updated live. */
export function JobHistory({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { me, connection } = useJobsApi();
  const { profile } = usePreferences();
  const jobs = activeProfileFirst(
    useLiveJobs().filter((j) => j.userId === me.id),
    profile,
  ).slice(0, MAX_ITEMS);
  const connectionText =
    connection === "open"
      ? t.history.live
      : connection === "connecting"
        ? t.history.connecting
        : t.history.reconnecting;

  return (
    <aside
      id="job-history"
      aria-labelledby="job-history-title"
      hidden={!open}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      // Below lg a drawer over the page (not appended under it); from lg a docked column.
      className="fixed inset-y-0 right-0 z-30 w-[min(20rem,100vw)] shrink-0 overflow-y-auto border-l border-slate-200 bg-white shadow-xl lg:sticky lg:inset-auto lg:top-16 lg:z-auto lg:h-[calc(100vh-4rem)] lg:w-80 lg:shadow-none dark:border-slate-800 dark:bg-navy-900"
    >
      <div className="flex items-start justify-between gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div>
          <h2 id="job-history-title" className="text-sm font-semibold">
            {t.history.title}
          </h2>
          <p className="flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400" role="status">
            <span
              aria-hidden="true"
              className={`size-2 rounded-full ${connection === "open" ? "bg-brand-green" : "animate-pulse bg-amber-500"}`}
            />
            {connectionText}
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:hover:bg-slate-800 dark:hover:text-slate-100"
          aria-label={t.history.close}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {jobs.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t.history.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t.history.title}>
          {jobs.map((job) => (
            <HistoryItem key={job.id} job={job} />
          ))}
        </ul>
      )}
    </aside>
  );
}

/** The job's profile (Empresa/Vendedor) when its input names one (content jobs). */
function profileOf(job: Job): string | null {
  const input = job.input as { profile?: unknown } | null;
  return typeof input?.profile === "string" ? input.profile : null;
}

/**
 * Jobs of the profile the user is working as come first (newest first within each group); jobs
 * of the other profile follow, then jobs without a profile keep their place among them by time.
 */
function activeProfileFirst(jobs: Job[], profile: Profile): Job[] {
  const rank = (j: Job) => (profileOf(j) === null || profileOf(j) === profile ? 0 : 1);
  return jobs
    .map((job, i) => ({ job, i }))
    .sort((a, b) => rank(a.job) - rank(b.job) || a.i - b.i)
    .map((x) => x.job);
}

function HistoryItem({ job }: { job: Job }) {
  const { t, fmt, locale } = useI18n();
  const label = jobLabel(job, locale);
  const retrying = job.status === "queued" && job.error !== null;
  return (
    <li data-job-id={job.id} data-status={job.status} aria-label={`${label} ${job.id}`} title={job.type}>
      <Link
        to={`/jobs/${job.id}`}
        className="block space-y-1.5 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 dark:hover:bg-slate-800/60 dark:focus-visible:bg-slate-800/60"
      >
        <div className="flex items-center justify-between gap-2">
          <span className="truncate text-sm font-medium text-slate-800 dark:text-slate-100">{label}</span>
          <StatusBadge status={job.status} />
        </div>
        {job.status === "running" && (
          <div className="space-y-1">
            <ProgressBar progress={job.progress} label={t.job.progress} />
            <p className="text-xs text-slate-600 dark:text-slate-300">
              {job.progress ? progressText(t, locale, fmt, job.progress) : `${fmt.number(0, 0)}%`}
            </p>
          </div>
        )}
        {retrying && <p className="text-xs text-amber-700 dark:text-amber-300">{t.history.nextAttempt}</p>}
        <p className="flex justify-between text-xs text-slate-500 dark:text-slate-400">
          <span>{fmt.dateTime(job.createdAt)}</span>
          {job.attempts > 1 && <span>{t.history.attempt(job.attempts, job.maxAttempts)}</span>}
        </p>
      </Link>
    </li>
  );
}
