import { useState } from "react";
import { Link, useRevalidator } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card } from "../components/page";
import { useI18n } from "../i18n";
import { clientApi } from "../lib/api-client";
import { decisionName, outreachReason } from "./reason";
import { type Action, IN_FLIGHT, type LogEntry } from "./types";
import { lastReason, OutreachBadge, recipient, useTexts } from "./ui";

const when = (a: Action) => a.executedAt ?? a.scheduledFor ?? a.approvedAt;

/** Approved actions of one account: what waits (and why), then what went, newest first. */
export function Timeline({ actions }: { actions: Action[] }) {
  const T = useTexts();
  const { fmt } = useI18n();
  const reasonText = (r: string) => outreachReason(T, fmt, r);
  const waiting = actions
    .filter((a) => IN_FLIGHT.has(a.status))
    .sort((a, b) => (when(a) ?? "").localeCompare(when(b) ?? ""));
  const done = actions.filter((a) => !IN_FLIGHT.has(a.status));
  return (
    <Card labelledBy="timeline-title">
      <h2 id="timeline-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {T.timeline}
      </h2>
      {actions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{T.timelineEmpty}</p>
      ) : (
        <ol className="mt-4 space-y-3" aria-label={T.timeline}>
          {[...waiting, ...done].map((a) => (
            <li
              key={a.id}
              id={`timeline-${a.id}`}
              data-action-id={a.id}
              data-status={a.status}
              className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium text-slate-900 dark:text-white">
                  {T.kind[a.kind] ?? a.kind} {T.to(recipient(a, T.someone))}
                  {a.leadId && (
                    <>
                      {" · "}
                      <Link
                        to={`/leads/${a.leadId}`}
                        className="text-brand-blue hover:underline dark:text-blue-300"
                      >
                        {T.openLead}
                      </Link>
                    </>
                  )}
                </p>
                <OutreachBadge status={a.status} label={T.status[a.status] ?? a.status} />
              </div>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
                <span className="font-medium">{T.when}:</span> {fmt.dateTime(when(a))}
              </p>
              <p className="mt-0.5 text-xs text-slate-700 dark:text-slate-200" data-reason>
                <span className="font-medium">{T.why}:</span> {reasonText(lastReason(a.log))}
              </p>
              {IN_FLIGHT.has(a.status) && a.status !== "executing" && <CancelButton id={a.id} />}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** Stops an approved action before the governor sends it (the API answers 409 once it is sending). */
function CancelButton({ id }: { id: string }) {
  const T = useTexts();
  const revalidator = useRevalidator();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    const res = await clientApi(`/api/outreach/actions/${encodeURIComponent(id)}/cancel`, { method: "POST" });
    setBusy(false);
    if (res.ok) toast.success(T.cancelled);
    else toast.error(res.problem?.detail ?? T.failed);
    void revalidator.revalidate();
  };
  return (
    <button
      type="button"
      className={`${buttonClass.danger} mt-2`}
      disabled={busy}
      onClick={() => void cancel()}
    >
      {T.cancel}
    </button>
  );
}

/** Every decision and human step on the account, newest first. */
export function AuditLog({ items }: { items: LogEntry[] }) {
  const T = useTexts();
  const { fmt } = useI18n();
  return (
    <Card labelledBy="audit-title">
      <h2 id="audit-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {T.auditLog}
      </h2>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{T.auditEmpty}</p>
      ) : (
        // Fixed columns and wrapped reasons: a long reason never makes the card scroll sideways.
        <table className="mt-3 w-full table-fixed text-left text-xs">
          <thead className="text-slate-600 dark:text-slate-300">
            <tr>
              <th scope="col" className="w-40 py-1.5 pr-3 font-medium">
                {T.when}
              </th>
              <th scope="col" className="w-36 py-1.5 pr-3 font-medium">
                {T.decision}
              </th>
              <th scope="col" className="py-1.5 font-medium">
                {T.why}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-slate-800 dark:divide-slate-800 dark:text-slate-200">
            {items.slice(0, 40).map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: log entries have no id of their own; the list is append-only
              <tr key={i} data-decision={l.decision}>
                <td className="py-1.5 pr-3 align-top">{fmt.dateTime(l.at)}</td>
                <td className="break-words py-1.5 pr-3 align-top">{decisionName(T, l.decision)}</td>
                <td className="break-words py-1.5 align-top">{outreachReason(T, fmt, l.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
