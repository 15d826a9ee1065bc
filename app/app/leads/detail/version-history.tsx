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
  const { t, fmt, locale } = useI18n();
  const L = t.leadsPage;
  const revalidator = useRevalidator();
  const [confirm, setConfirm] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? id) : "—");
  // Values as a person says them: owners by name, dates, scores with the locale's decimal mark,
  // territories and statuses by their names, the breakdown as a count of factors.
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return "—";
    if (field === "ownerId" && typeof v === "string") return name(v);
    if (field.endsWith("At") && typeof v === "number") return fmt.dateTime(new Date(v).toISOString());
    if (typeof v === "boolean") return v ? L.yes : L.no;
    if (typeof v === "number")
      return v.toLocaleString(locale === "en" ? "en-US" : "pt-BR", { maximumFractionDigits: 2 });
    if (field === "territory" && typeof v === "string") return L.territory[v] ?? v;
    if (field === "enrichmentStatus" && typeof v === "string") return L.enrichment[v] ?? v;
    if (field === "heat" && typeof v === "string") return L.heatName[v as "HOT"] ?? v;
    if (field === "breakdown" && Array.isArray(v)) return L.factorsCount(v.length);
    if (Array.isArray(v)) return v.join(", ") || "—";
    return preview(v, 40);
  };
  // Reasons are stored in a fixed form ("rank", "revert v3"…); say them in the user's language.
  const reason = (r: string): string => {
    const R = L.versionReason;
    if (r === "rank") return R.rank;
    if (r === "enrich (Unipile)") return R.enrich;
    if (r === "enrich (website)") return R.enrichWebsite;
    let m = r.match(/^enrich: (\w+)$/);
    if (m?.[1]) return R.enrichOther(L.enrichment[m[1]] ?? m[1]);
    m = r.match(/^import merge \(row (\d+)\)$/);
    if (m?.[1]) return R.importMerge(m[1]);
    if (r.startsWith("edited by ")) return R.edited;
    m = r.match(/^revert (?:to )?v(\d+)$/);
    if (m?.[1]) return R.revert(String(Number(m[1]) + 1));
    m = r.match(/^engagement: (\w+)/);
    if (m?.[1]) return R.engagement(L.kinds[m[1]] ?? m[1]);
    m = r.match(/^engagement decayed: (\w+) → (\w+)$/);
    if (m?.[1] && m[2])
      return R.decayed(L.heatName[m[1] as "HOT"] ?? m[1], L.heatName[m[2] as "HOT"] ?? m[2]);
    return r;
  };

  const revert = async (version: number) => {
    setBusy(true);
    const res = await clientApi(`/api/leads/${encodeURIComponent(lead.id)}/versions/${version}/revert`, {
      method: "POST",
    });
    setBusy(false);
    if (res.ok) {
      toast.success(L.reverted(version + 1));
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
                    v{v.version + 1} · {reason(v.reason)}
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
                    aria-label={`${L.revert} v${v.version + 1}`}
                    onClick={() => setConfirm(v.version)}
                  >
                    {L.revert}
                  </button>
                )}
              </div>
              <ul className="mt-2 space-y-0.5 text-xs text-slate-600 dark:text-slate-300">
                {Object.entries(v.diff).map(([field, d]) => (
                  <li key={field} className="break-words">
                    <span className="font-semibold">{L.fieldNames[field] ?? field}</span>:{" "}
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
        title={confirm !== null ? L.revertTitle(confirm + 1) : ""}
        body={L.revertBody}
        onConfirm={() => confirm !== null && void revert(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Card>
  );
}
