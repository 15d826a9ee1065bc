import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { useI18n } from "../i18n";
import { useJobChanges, useJobsApi, useSignal } from "../jobs/provider";

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
 * The governor works on the cron, not in a job: it pushes an "outreach" signal to the account's
 * owner whenever it moves an action (and so does a reply coming in), and the page re-reads its
 * data then — and when an outreach draft job finishes. Only while the realtime socket is down
 * does the page poll, every few seconds while something is in flight and the tab is visible.
 */
export function useOutreachLive(active: boolean, everyMs = 4000) {
  const revalidator = useRevalidator();
  const { connection } = useJobsApi();
  // Not skipped while a reload runs: that one may have read the data just before the change.
  useSignal("outreach", () => void revalidator.revalidate());
  useJobChanges((c) => {
    if (c.next.type === "outreach.draft" && c.next.status !== c.prev?.status && c.next.status === "succeeded")
      void revalidator.revalidate();
  });
  useEffect(() => {
    if (!active || connection === "open") return;
    const id = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle")
        void revalidator.revalidate();
    }, everyMs);
    return () => clearInterval(id);
  }, [active, connection, everyMs, revalidator]);
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
