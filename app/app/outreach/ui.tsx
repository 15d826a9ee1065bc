import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { useI18n } from "../i18n";
import { useJobChanges } from "../jobs/provider";

const STATUS_STYLE: Record<string, string> = {
  draft:
    "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
  approved: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
  scheduled:
    "bg-indigo-50 text-indigo-900 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-800",
  executing: "bg-blue-50 text-blue-900 ring-blue-300 dark:bg-blue-950 dark:text-blue-100 dark:ring-blue-800",
  completed:
    "bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  failed: "bg-red-50 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-800",
  blocked_limit:
    "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  blocked_time:
    "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  cancelled:
    "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600",
  active:
    "bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  connecting: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
  paused:
    "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  disconnected: "bg-red-50 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-800",
};

/** An action's or account's status as text in a pill (never colour alone). */
export function OutreachBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS_STYLE[status] ?? STATUS_STYLE.draft}`}
    >
      {label}
    </span>
  );
}

/**
 * The governor works on the cron, not in a job, so nothing is pushed over the realtime socket:
 * while something is in flight the page reloads its data every few seconds (only while visible),
 * and at once when an outreach draft job finishes.
 */
export function useOutreachLive(active: boolean, everyMs = 4000) {
  const revalidator = useRevalidator();
  useJobChanges((c) => {
    if (c.next.type === "outreach.draft" && c.next.status !== c.prev?.status && c.next.status === "succeeded")
      void revalidator.revalidate();
  });
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle")
        void revalidator.revalidate();
    }, everyMs);
    return () => clearInterval(id);
  }, [active, everyMs, revalidator]);
}

/** The last logged reason of an action: why it waits, or how it ended. */
export function lastReason(log: Array<{ decision: string; reason: string }>): string {
  return log.at(-1)?.reason ?? "—";
}

/** Who an action is for: the person when known, and the lead's company. */
export function recipient(
  a: { targetName: string | null; leadName: string | null },
  someone: string,
): string {
  if (a.targetName && a.leadName) return `${a.targetName} (${a.leadName})`;
  return a.targetName ?? a.leadName ?? someone;
}

export function useTexts() {
  return useI18n().t.outreach;
}
