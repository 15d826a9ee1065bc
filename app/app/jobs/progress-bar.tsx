import type { JobProgress } from "../../../modules/jobs/schema";

/** A thin progress bar with an accessible value. */
export function ProgressBar({ progress, label }: { progress: JobProgress | null; label: string }) {
  const percent = Math.round(progress?.percent ?? 0);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={progress ? `${percent}% — ${progress.stage}` : `${percent}%`}
      className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
    >
      <div
        className="h-full rounded-full bg-brand-blue transition-[width] duration-500 dark:bg-blue-400"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
