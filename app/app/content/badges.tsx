import { useI18n } from "../i18n";
import type { ContentStatus } from "./types";

const STATUS_STYLES: Record<ContentStatus, string> = {
  draft:
    "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  approved:
    "bg-green-50 text-brand-green ring-green-200 dark:bg-green-950 dark:text-green-300 dark:ring-green-800",
  rejected: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
};
const DOTS: Record<ContentStatus, string> = {
  draft: "bg-slate-400",
  approved: "bg-brand-green dark:bg-green-400",
  rejected: "bg-red-600",
};

const pill =
  "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** Rascunho / Aprovado / Rejeitado, in words and colour. */
export function ContentStatusBadge({ status }: { status: ContentStatus }) {
  const { t } = useI18n();
  return (
    <span data-content-status={status} className={`${pill} ${STATUS_STYLES[status]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${DOTS[status]}`} />
      {t.studio.status[status] ?? status}
    </span>
  );
}

/** "Rascunho offline": made by the deterministic offline provider, not a real model. */
/** Marks text made by the offline provider; "draft" only while the item still is one. */
export function OfflineBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span
      title={t.studio.offlineHint}
      className={`${pill} bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800`}
    >
      <span aria-hidden="true">⚙</span>
      {status === "draft" ? t.studio.offline : t.studio.offlineReviewed}
    </span>
  );
}

/** The Brand Analyst's 0–100 score; ≥ 75 is the target, < 70 is below the bar. */
export function ScoreBadge({ score, large }: { score: number | null; large?: boolean }) {
  const { t } = useI18n();
  if (score === null) return null;
  const s = Math.round(score);
  const tone =
    s >= 75
      ? "bg-green-50 text-brand-green ring-green-200 dark:bg-green-950 dark:text-green-300 dark:ring-green-800"
      : s >= 70
        ? "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800"
        : "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800";
  return (
    <span className={`${pill} ${tone} ${large ? "px-3 py-1 text-sm" : ""}`} title={t.studio.drafts.score}>
      <span aria-hidden="true">★</span>
      <span className="sr-only">{t.studio.drafts.score}:</span>
      {s}
      <span className="font-normal">/100</span>
    </span>
  );
}

/** "Série 2/3". */
export function SeriesBadge({ index, total = 3 }: { index: number; total?: number }) {
  const { t } = useI18n();
  return (
    <span
      className={`${pill} bg-blue-50 text-brand-blue ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800`}
      title={t.studio.drafts.series}
    >
      <StackIcon className="size-3" />
      {t.studio.drafts.seriesOf(index, total)}
    </span>
  );
}

/** Two stacked squares (copy / series); inline so it renders with any font. */
export function StackIcon({ className = "size-3.5" }: { className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      className={className}
    >
      <rect x="5" y="5" width="9" height="9" rx="1.5" />
      <path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" />
    </svg>
  );
}
