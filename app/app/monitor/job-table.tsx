import { useEffect, useMemo, useState } from "react";
import { Link, useFetcher } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "../components/confirm-dialog";
import { buttonClass, ScrollRegion } from "../components/page";
import { useI18n } from "../i18n";
import { JobActions } from "../jobs/job-actions";
import { durationMs, jobLabel, preview, progressText } from "../jobs/job-text";
import { useLiveJobs, useNow } from "../jobs/provider";
import { StatusBadge } from "../jobs/status-badge";
import type { Job } from "../lib/types";
import type { MonitorActionResult } from "../routes/admin-jobs";
import { type MonitorFilters, matches } from "./filters";

type Props = {
  items: Job[];
  nextCursor: string | null;
  filters: MonitorFilters;
  users: Array<{ id: string; name: string }>;
};

/** Loaded rows, refreshed by realtime updates; on the first page new matching jobs appear on top. */
function useLiveRows({ items, filters }: Props): Job[] {
  const live = useLiveJobs();
  return useMemo(() => {
    const byId = new Map(live.map((j) => [j.id, j]));
    const fresh = (j: Job) => {
      const l = byId.get(j.id);
      return l && l.version > j.version ? l : j;
    };
    const rows = items.map(fresh);
    if (filters.cursor) return rows;
    const shown = new Set(items.map((j) => j.id));
    const newest = items[0]?.createdAt ?? "";
    const added = live.filter((j) => !shown.has(j.id) && j.createdAt > newest && matches(j, filters));
    return [...added, ...rows];
  }, [live, items, filters]);
}

export function JobTable(props: Props) {
  const { t } = useI18n();
  const rows = useLiveRows(props);
  const names = useMemo(() => new Map(props.users.map((u) => [u.id, u.name])), [props.users]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmBulk, setConfirmBulk] = useState(false);
  const fetcher = useFetcher<MonitorActionResult>();
  const now = useNow(rows.some((r) => r.status === "running"));

  const failedIds = rows.filter((r) => r.status === "failed").map((r) => r.id);
  const stalledIds = rows.filter((r) => r.stalled).map((r) => r.id);
  const [confirmStalled, setConfirmStalled] = useState<"requeue" | "cancel" | null>(null);
  const selectedFailed = failedIds.filter((id) => selected.has(id));

  useEffect(() => {
    const r = fetcher.data;
    if (!r || fetcher.state !== "idle" || (r.intent !== "bulk-retry" && r.intent !== "bulk-stalled")) return;
    const text =
      r.intent === "bulk-retry"
        ? t.monitor.bulkRetried(r.retried, r.total)
        : t.monitor.stalledDone(r.retried, r.total);
    (r.ok ? toast.success : toast.error)(text);
    setSelected(new Set());
  }, [fetcher.data, fetcher.state, t]);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submitStalled = (mode: "requeue" | "cancel") => {
    const form = new FormData();
    form.set("intent", "bulk-stalled");
    form.set("mode", mode);
    for (const id of stalledIds) form.append("id", id);
    fetcher.submit(form, { method: "post" });
  };

  const submitBulk = () => {
    const form = new FormData();
    form.set("intent", "bulk-retry");
    for (const id of selectedFailed) form.append("id", id);
    fetcher.submit(form, { method: "post" });
  };

  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-navy-900">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          <input
            type="checkbox"
            className="size-4 accent-brand-blue"
            checked={failedIds.length > 0 && selectedFailed.length === failedIds.length}
            disabled={failedIds.length === 0}
            onChange={(e) => setSelected(e.target.checked ? new Set(failedIds) : new Set())}
          />
          {t.monitor.selectAllFailed}
        </label>
        <button
          type="button"
          className={buttonClass.primary}
          disabled={selectedFailed.length === 0 || fetcher.state !== "idle"}
          onClick={() => setConfirmBulk(true)}
        >
          {t.monitor.bulkRetry(selectedFailed.length)}
        </button>
        {stalledIds.length > 0 && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass.secondary}
              disabled={fetcher.state !== "idle"}
              onClick={() => setConfirmStalled("requeue")}
            >
              {t.monitor.requeueStalled(stalledIds.length)}
            </button>
            <button
              type="button"
              className={buttonClass.danger}
              disabled={fetcher.state !== "idle"}
              onClick={() => setConfirmStalled("cancel")}
            >
              {t.monitor.cancelStalled(stalledIds.length)}
            </button>
          </div>
        )}
      </div>
      <ScrollRegion label={t.monitor.tableLabel}>
        <table className="w-full text-left text-sm" aria-label={t.monitor.tableLabel}>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-navy-950 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-2.5 py-2">
                <span className="sr-only">{t.monitor.colSelect}</span>
              </th>
              <th scope="col" className="px-2.5 py-2">
                {t.monitor.colType}
              </th>
              <th scope="col" className="hidden px-2.5 py-2 2xl:table-cell">
                {t.monitor.colUser}
              </th>
              <th scope="col" className="px-2.5 py-2">
                {t.monitor.colStatus}
              </th>
              <th scope="col" className="px-2.5 py-2">
                {t.monitor.colCreated}
              </th>
              <th scope="col" className="px-2.5 py-2">
                {t.monitor.colDuration}
              </th>
              <th scope="col" className="px-2.5 py-2 text-right">
                {t.monitor.colAttempts}
              </th>
              <th scope="col" className="px-2.5 py-2 text-right">
                {t.monitor.colCost}
              </th>
              <th scope="col" className={`${STICKY_END} bg-slate-50 px-2.5 py-2 dark:bg-navy-950`}>
                <span className="sr-only">{t.monitor.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.length === 0 && (
              <tr>
                <td colSpan={9} className="px-4 py-10 text-center text-slate-500">
                  {t.monitor.empty}
                </td>
              </tr>
            )}
            {rows.map((job) => (
              <JobRow
                key={job.id}
                job={job}
                userName={names.get(job.userId) ?? job.userId}
                now={now}
                selected={selected.has(job.id)}
                onSelect={(on) => toggle(job.id, on)}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pagination nextCursor={props.nextCursor} filters={props.filters} />
      <ConfirmDialog
        open={confirmBulk}
        title={t.monitor.confirmBulkTitle(selectedFailed.length)}
        body={t.monitor.confirmBulkBody}
        onConfirm={submitBulk}
        onClose={() => setConfirmBulk(false)}
      />
      <ConfirmDialog
        open={confirmStalled !== null}
        danger={confirmStalled === "cancel"}
        title={
          confirmStalled === "cancel"
            ? t.monitor.confirmCancelStalledTitle(stalledIds.length)
            : t.monitor.confirmRequeueTitle(stalledIds.length)
        }
        body={t.monitor.confirmStalledBody}
        onConfirm={() => confirmStalled && submitStalled(confirmStalled)}
        onClose={() => setConfirmStalled(null)}
      />
    </div>
  );
}

/** The actions column stays in view while a narrow table scrolls sideways (history panel open). */
const STICKY_END = "sticky right-0 z-[1] shadow-[-6px_0_6px_-6px_rgb(0_0_0/0.25)]";

function JobRow({
  job,
  userName,
  now,
  selected,
  onSelect,
}: {
  job: Job;
  userName: string;
  now: number | null;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const { t, fmt, locale } = useI18n();
  const duration = durationMs(job, now);
  return (
    <tr data-job-id={job.id} className="align-top hover:bg-slate-50/70 dark:hover:bg-slate-800/40">
      <td className="px-2.5 py-2">
        {job.status === "failed" && (
          <input
            type="checkbox"
            className="size-4 accent-brand-blue"
            aria-label={t.monitor.selectRow(job.id)}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        )}
      </td>
      <td className="px-2.5 py-2">
        <p className="text-sm font-semibold text-slate-800 dark:text-slate-100">{jobLabel(job, locale)}</p>
        <p className="font-mono text-[11px] text-slate-600 dark:text-slate-300">{job.type}</p>
        <p className="font-mono text-[11px] text-slate-500">{job.id}</p>
        <p
          className="mt-0.5 max-w-64 truncate font-mono text-[11px] text-slate-400"
          title={JSON.stringify(job.input)}
        >
          <span className="sr-only">{t.monitor.colInput}: </span>
          {preview(job.input, 48)}
        </p>
      </td>
      <td
        className="hidden max-w-32 truncate px-2.5 py-2 2xl:table-cell text-xs text-slate-600 dark:text-slate-300"
        title={job.userId}
      >
        {userName}
      </td>
      <td className="px-2.5 py-2">
        <StatusBadge status={job.status} />
        {job.stalled && (
          <p
            data-stalled={job.stalled.reason}
            className="mt-1 inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-semibold text-amber-900 ring-1 ring-amber-300 ring-inset dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800"
          >
            <span aria-hidden="true">⚠</span>
            {t.monitor.stalled} · {t.monitor.stalledReason[job.stalled.reason]} ·{" "}
            {t.monitor.stalledSince(fmt.time(job.stalled.since))}
          </p>
        )}
        {job.status === "running" && job.progress && (
          <p className="mt-1 text-[11px] text-slate-500">{progressText(t, locale, fmt, job.progress)}</p>
        )}
      </td>
      <td className="px-2.5 py-2 text-xs text-slate-600 dark:text-slate-300">
        <span className="block whitespace-nowrap">{fmt.date(job.createdAt)}</span>
        <span className="block whitespace-nowrap text-slate-500">{fmt.time(job.createdAt)}</span>
      </td>
      <td className="whitespace-nowrap px-2.5 py-2 text-xs tabular-nums text-slate-600 dark:text-slate-300">
        {duration === null ? "—" : fmt.duration(duration)}
      </td>
      <td className="px-2.5 py-2 text-right text-xs tabular-nums">
        {job.attempts}/{job.maxAttempts}
      </td>
      <td className="px-2.5 py-2 text-right text-xs tabular-nums">{fmt.usd(job.costUsd)}</td>
      <td className={`${STICKY_END} bg-white px-2.5 py-2 dark:bg-navy-900`}>
        <div className="flex flex-col items-stretch gap-1 2xl:flex-row 2xl:justify-end">
          <Link
            to={`/jobs/${job.id}`}
            className={`${buttonClass.secondary} !px-2 !py-1 !text-xs`}
            aria-label={`${t.monitor.details} ${job.id}`}
          >
            {t.monitor.details}
          </Link>
          <JobActions job={job} />
        </div>
      </td>
    </tr>
  );
}

function Pagination({ nextCursor, filters }: { nextCursor: string | null; filters: MonitorFilters }) {
  const { t } = useI18n();
  const withCursor = (cursor: string | null) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v && k !== "cursor") qs.set(k, v);
    if (cursor) qs.set("cursor", cursor);
    return `?${qs}`;
  };
  if (!nextCursor && !filters.cursor) return null;
  return (
    <nav
      aria-label="pagination"
      className="flex justify-between border-t border-slate-200 px-4 py-2.5 dark:border-slate-800"
    >
      {filters.cursor ? (
        <Link to={withCursor(null)} className={buttonClass.secondary}>
          {t.monitor.firstPage}
        </Link>
      ) : (
        <span />
      )}
      {nextCursor && (
        <Link to={withCursor(nextCursor)} className={buttonClass.secondary}>
          {t.monitor.nextPage}
        </Link>
      )}
    </nav>
  );
}
