import type { JobProgress } from "../../../modules/contracts/jobs";
import { useI18n } from "../i18n";
import { progressText } from "./job-text";

/** A thin progress bar with an accessible value. */
export function ProgressBar({ progress, label }: { progress: JobProgress | null; label: string }) {
  const { t, locale, fmt } = useI18n();
  const percent = Math.round(progress?.percent ?? 0);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={progress ? progressText(t, locale, fmt, progress) : `${fmt.number(percent, 0)}%`}
      className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
    >
      <div
        className="h-full rounded-full bg-brand-blue transition-[width] duration-500 dark:bg-blue-400"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
