import { useI18n } from "../i18n";
import type { JobStatus } from "../lib/types";

const STYLES: Record<JobStatus, string> = {
  queued:
    "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  running: "bg-blue-50 text-brand-blue ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800",
  succeeded:
    "bg-green-50 text-brand-green ring-green-200 dark:bg-green-950 dark:text-green-300 dark:ring-green-800",
  failed: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  cancelled:
    "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
};

const DOTS: Record<JobStatus, string> = {
  queued: "bg-slate-400",
  running: "bg-brand-blue animate-pulse dark:bg-blue-300",
  succeeded: "bg-brand-green dark:bg-green-400",
  failed: "bg-red-600",
  cancelled: "bg-amber-500",
};

/** The job's status as a coloured pill with its name in words (never colour alone). */
export function StatusBadge({ status }: { status: JobStatus }) {
  const { t } = useI18n();
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${DOTS[status]}`} />
      {t.status[status]}
    </span>
  );
}
