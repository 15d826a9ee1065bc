import { useState } from "react";
import { Link, useRevalidator } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { buttonClass, Card } from "../../components/page";
import { useI18n } from "../../i18n";
import { preview } from "../../jobs/job-text";
import { clientApi } from "../../lib/api-client";
import type { LeadDetail, LeadVersion, UserLite } from "../types";
import { h2 } from "./shared";

export function VersionHistory({
  lead,
  versions,
  users,
  writable,
}: {
  lead: LeadDetail;
  versions: LeadVersion[];
  users: UserLite[];
  writable: boolean;
}) {
  const { t, fmt } = useI18n();
  const L = t.leadsPage;
  const revalidator = useRevalidator();
  const [confirm, setConfirm] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? id) : "—");
  // Owners by name, timestamps as dates, long values (the breakdown) shortened.
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return "—";
    if (field === "ownerId" && typeof v === "string") return name(v);
    if (field.endsWith("At") && typeof v === "number") return fmt.dateTime(new Date(v).toISOString());
    return preview(v, 40);
  };

  const revert = async (version: number) => {
    setBusy(true);
    const res = await clientApi(`/api/leads/${encodeURIComponent(lead.id)}/versions/${version}/revert`, {
      method: "POST",
    });
    setBusy(false);
    if (res.ok) {
      toast.success(L.reverted(version));
      void revalidator.revalidate();
    } else toast.error(res.problem?.detail ?? L.saveFailed);
  };

  return (
    <Card labelledBy="versions-title">
      <h2 id="versions-title" className={h2}>
        {L.versionsTitle}
      </h2>
      {versions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.versionsEmpty}</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label={L.versionsTitle}>
          {versions.map((v) => (
            <li
              key={v.version}
              data-version={v.version}
              className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
            >
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900 dark:text-white">
                    v{v.version} · {v.reason}
                  </p>
                  <p className="text-xs text-slate-500">
                    {fmt.dateTime(v.createdAt)} · {L.by(name(v.changedBy))}
                    {v.jobId && (
                      <>
                        {" · "}
                        <Link
                          to={`/jobs/${v.jobId}`}
                          className="text-brand-blue hover:underline dark:text-blue-300"
                        >
                          {L.job} {v.jobId.slice(0, 8)}
                        </Link>
                      </>
                    )}
                  </p>
                </div>
                {writable && (
                  <button
                    type="button"
                    className={`${buttonClass.danger} !px-2 !py-1 !text-xs shrink-0`}
                    disabled={busy}
                    aria-label={`${L.revert} v${v.version}`}
                    onClick={() => setConfirm(v.version)}
                  >
                    {L.revert}
                  </button>
                )}
              </div>
              <ul className="mt-2 space-y-0.5 font-mono text-[11px] text-slate-600 dark:text-slate-300">
                {Object.entries(v.diff).map(([field, d]) => (
                  <li key={field} className="break-words">
                    <span className="font-semibold">{field}</span>:{" "}
                    <span className="text-red-700 line-through dark:text-red-300">{show(field, d.from)}</span>{" "}
                    → <span className="text-brand-green dark:text-green-400">{show(field, d.to)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={confirm !== null}
        danger
        title={confirm !== null ? L.revertTitle(confirm) : ""}
        body={L.revertBody}
        onConfirm={() => confirm !== null && void revert(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Card>
  );
}
