import { useState } from "react";
import { Link, useRevalidator } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, inputClass } from "../components/page";
import { sendJson } from "../content/library/form-kit";
import { useI18n } from "../i18n";
import { useJobsApi, useLiveJob } from "../jobs/provider";
import { StatusBadge } from "../jobs/status-badge";
import { clientApi } from "../lib/api-client";
import type { Job } from "../lib/types";
import { type Account, type Action, IN_FLIGHT } from "./types";
import { OutreachBadge, recipient, useOutreachLive, useTexts } from "./ui";

/** Where an action lives on the Outreach screen: the queue for a draft, else the timeline. */
const actionHref = (a: Pick<Action, "id" | "accountId" | "status">) =>
  `/outreach?account=${encodeURIComponent(a.accountId)}#${a.status === "draft" ? "action" : "timeline"}-${a.id}`;

/** On a lead's page: one click drafts an invitation (an `outreach.draft` job) for this lead. */
export function LeadOutreachCard({
  leadId,
  hasPerson,
  accounts,
  actions,
}: {
  leadId: string;
  /** False when the lead has no LinkedIn member to invite yet (only a company page). */
  hasPerson: boolean;
  accounts: Account[];
  actions: Action[];
}) {
  const T = useTexts();
  const { locale } = useI18n();
  const { store } = useJobsApi();
  const revalidator = useRevalidator();
  const usable = accounts.filter((a) => a.status === "active" || a.status === "paused");
  const [accountId, setAccountId] = useState(usable[0]?.id ?? "");
  const [started, setStarted] = useState<{ jobId: string; actionId: string; accountId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Refresh while the governor may still act (every 5 s), and while a sent invitation awaits its
  // answer (every 15 s): the acceptance arrives by webhook and moves this page's score.
  const acting = actions.some((a) => IN_FLIGHT.has(a.status));
  const awaiting = actions.some((a) => a.kind === "send_invite" && a.status === "completed" && !a.acceptedAt);
  useOutreachLive(acting || awaiting, acting ? 5000 : 15_000);

  const draft = async () => {
    setBusy(true);
    const res = await clientApi<{ job: Job; actionId: string }>(
      "/api/outreach/actions",
      sendJson("POST", { accountId, leadId, kind: "send_invite", language: locale }),
    );
    setBusy(false);
    if (!res.ok) {
      toast.error(res.problem?.detail ?? T.failed);
      return;
    }
    store.upsert([res.data.job], "snapshot");
    setStarted({ jobId: res.data.job.id, actionId: res.data.actionId, accountId });
    toast.success(T.draftStarted);
    void revalidator.revalidate();
  };

  return (
    <Card labelledBy="lead-outreach-title">
      <h2 id="lead-outreach-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {T.leadCard}
      </h2>
      {usable.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {T.needAccount}{" "}
          <Link to="/outreach" className="text-brand-blue hover:underline dark:text-blue-300">
            {T.goConnect}
          </Link>
        </p>
      ) : !hasPerson ? (
        <p data-no-person className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {T.needPerson}
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          {usable.length > 1 && (
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
              {T.fromAccount}
              <select value={accountId} onChange={(e) => setAccountId(e.target.value)} className={inputClass}>
                {usable.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button
            type="button"
            className={buttonClass.cta}
            disabled={busy || !accountId}
            onClick={() => void draft()}
          >
            <span aria-hidden="true">✉</span> {T.draftInvite}
          </button>
        </div>
      )}
      {started && <DraftJob {...started} />}
      {actions.length === 0 ? (
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-300">{T.leadActionsEmpty}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {actions.map((a) => (
            <li key={a.id} data-lead-action={a.id} className="flex flex-wrap items-center gap-2 text-sm">
              <OutreachBadge status={a.status} label={T.status[a.status] ?? a.status} />
              <span className="text-slate-800 dark:text-slate-200">
                {T.kind[a.kind] ?? a.kind} {T.to(recipient(a, T.someone))}
              </span>
              <Link to={actionHref(a)} className="text-brand-blue hover:underline dark:text-blue-300">
                {a.status === "draft" ? T.viewInQueue : T.viewInTimeline}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function DraftJob({ jobId, actionId, accountId }: { jobId: string; actionId: string; accountId: string }) {
  const T = useTexts();
  const job = useLiveJob(jobId);
  return (
    <p data-draft-job={jobId} className="mt-3 flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
      <span className="font-medium text-slate-900 dark:text-white">{T.draftJob}</span>
      {job && <StatusBadge status={job.status} />}
      <Link
        to={actionHref({ id: actionId, accountId, status: "draft" })}
        className="text-brand-blue hover:underline dark:text-blue-300"
      >
        {T.viewInQueue}
      </Link>
    </p>
  );
}
