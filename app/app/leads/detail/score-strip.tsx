import { useI18n } from "../../i18n";
import type { LeadDetail } from "../types";
import { fmtScore } from "../ui";

export function ScoreStrip({ lead }: { lead: LeadDetail }) {
  const { t, locale } = useI18n();
  const L = t.leadsPage;
  const stat = (label: string, value: string, extra?: string) => (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">
        {value}
        {extra && <span className="text-sm font-normal text-slate-500">{extra}</span>}
      </p>
    </div>
  );
  return (
    <div className="flex flex-wrap items-end gap-x-10 gap-y-3" data-lead-score={lead.leadScore}>
      {stat(L.priority, fmtScore(lead.priority, locale))}
      {stat(L.leadScore, fmtScore(lead.leadScore, locale), "/10")}
      {stat(L.fitScore, fmtScore(lead.fitScore, locale), "/10")}
      {stat(L.engagementScore, String(Math.round(lead.engagementScore)), "/100")}
      <div>
        <p className="text-sm text-slate-700 dark:text-slate-200">
          {L.enrichment[lead.enrichmentStatus] ?? lead.enrichmentStatus} · {L.version(lead.version)}
        </p>
      </div>
    </div>
  );
}
