import { Card } from "../../components/page";
import { useI18n } from "../../i18n";
import { factorDetail } from "../factor-detail";
import type { LeadDetail } from "../types";
import { fmtScore, fmtSigned } from "../ui";
import { h2 } from "./shared";

/** Factors sorted by |points|, signed, with a bar scaled to the largest. */
export function ScoreBreakdown({ lead }: { lead: LeadDetail }) {
  const { t, locale, fmt } = useI18n();
  const L = t.leadsPage;
  const factors = [...lead.breakdown].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const max = Math.max(1, ...factors.map((f) => Math.abs(f.points)));
  return (
    <Card labelledBy="breakdown-title">
      <h2 id="breakdown-title" className={h2}>
        {L.breakdownTitle}
      </h2>
      <p className="mt-1 text-xs text-slate-500">{L.breakdownHint}</p>
      {factors.length > 0 && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300" data-testid="priority-explain">
          {L.priorityExplain(fmtScore(lead.priority, locale), fmtScore(lead.leadScore, locale))}
        </p>
      )}
      {factors.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.breakdownEmpty}</p>
      ) : (
        <ul className="mt-3 space-y-2" aria-label={L.breakdownTitle}>
          {factors.map((f) => (
            <li
              key={`${f.factor}-${f.detail}`}
              className="grid grid-cols-[8rem_1fr_3.5rem] items-center gap-3 text-sm"
            >
              <span className="truncate text-slate-700 dark:text-slate-200" title={factorDetail(L, fmt, f)}>
                {L.factorNames[f.factor] ?? f.factor}
                <span className="block truncate text-[11px] text-slate-500">{factorDetail(L, fmt, f)}</span>
              </span>
              <span aria-hidden="true" className="h-2 rounded-full bg-slate-100 dark:bg-slate-800">
                <span
                  className={`block h-2 rounded-full ${f.points < 0 ? "bg-red-500" : "bg-brand-green"}`}
                  style={{ width: `${(Math.abs(f.points) / max) * 100}%` }}
                />
              </span>
              <span
                className={`text-right font-semibold tabular-nums ${f.points < 0 ? "text-red-700 dark:text-red-300" : "text-brand-green dark:text-green-400"}`}
              >
                {fmtSigned(f.points, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
