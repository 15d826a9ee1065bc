import { Link } from "react-router";
import { Card } from "../components/page";
import { useI18n } from "../i18n";
import { type LeadFilters, leadsHref } from "./filters";
import { HEATS, type LeadSummary } from "./types";
import { fmtScore, HEAT_LABEL, HeatBadge } from "./ui";

/** Tiles with the count per heat; each filters the table. */
export function HeatTiles({ summary, filters }: { summary: LeadSummary; filters: LeadFilters }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const total = HEATS.reduce((n, h) => n + (summary.byHeat[h] ?? 0), 0);
  const tile =
    "flex flex-col gap-1 rounded-xl border bg-white p-4 shadow-sm hover:border-slate-400 dark:bg-navy-900 dark:hover:border-slate-500";
  return (
    <nav aria-label={L.summaryLabel} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
      <Link
        to={leadsHref(filters, { heat: "", cell: "" })}
        aria-current={filters.heat === "" ? "true" : undefined}
        className={`${tile} ${filters.heat === "" ? "border-[var(--accent)]" : "border-slate-200 dark:border-slate-800"}`}
      >
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{L.total}</span>
        <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">{total}</span>
      </Link>
      {HEATS.map((h) => (
        <Link
          key={h}
          to={leadsHref(filters, { heat: filters.heat === h ? "" : h, cell: "" })}
          aria-label={`${L.filterByHeat(HEAT_LABEL[h])}: ${summary.byHeat[h] ?? 0}`}
          aria-current={filters.heat === h ? "true" : undefined}
          data-heat-tile={h}
          className={`${tile} ${filters.heat === h ? "border-[var(--accent)] ring-1 ring-[var(--accent)]" : "border-slate-200 dark:border-slate-800"}`}
        >
          <span className="flex items-center justify-between gap-2">
            <HeatBadge heat={h} />
            <span className="text-xs text-slate-500">{L.heatName[h]}</span>
          </span>
          <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">
            {summary.byHeat[h] ?? 0}
          </span>
        </Link>
      ))}
    </nav>
  );
}

const FIT_BANDS = ["0–2", "2–4", "4–6", "6–8", "8–10"];
const ENG_BANDS = ["0–20", "20–40", "40–60", "60–80", "80–100"];

/** 5×5 grid: fit bands (rows, high on top) × engagement bands (columns); colour intensity = count. */
export function FitEngagementMatrix({ summary, filters }: { summary: LeadSummary; filters: LeadFilters }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const count = new Map(summary.matrix.map((m) => [`${m.fit},${m.engagement}`, m.n]));
  const max = Math.max(1, ...summary.matrix.map((m) => m.n));
  return (
    <Card labelledBy="lead-matrix-title">
      <h2 id="lead-matrix-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {L.matrixTitle}
      </h2>
      <p className="mt-1 text-xs text-slate-500">{L.matrixHint}</p>
      <div className="mt-4 flex gap-2">
        <div className="flex w-4 items-center justify-center">
          <span className="-rotate-90 whitespace-nowrap text-[11px] font-medium text-slate-500">
            {L.matrixFit}
          </span>
        </div>
        <div className="flex-1">
          <table className="w-full table-fixed border-separate border-spacing-1" aria-label={L.matrixTitle}>
            <tbody>
              {[4, 3, 2, 1, 0].map((fit) => (
                <tr key={fit}>
                  <th scope="row" className="w-12 pr-1 text-right text-[11px] font-normal text-slate-500">
                    {FIT_BANDS[fit]}
                  </th>
                  {[0, 1, 2, 3, 4].map((eng) => {
                    const key = `${fit},${eng}`;
                    const n = count.get(key) ?? 0;
                    const alpha = n === 0 ? 0 : 0.12 + 0.78 * (n / max);
                    const active = filters.cell === key;
                    const hot = fit * 2 + eng * 0.4 >= 8;
                    return (
                      <td key={eng} className="p-0">
                        <Link
                          to={leadsHref(filters, { cell: active ? "" : key })}
                          aria-label={L.matrixCell(FIT_BANDS[fit] ?? "", ENG_BANDS[eng] ?? "", n)}
                          aria-current={active ? "true" : undefined}
                          data-cell={key}
                          className={`grid h-10 place-items-center rounded-md text-xs font-semibold tabular-nums ring-inset ${active ? "ring-2 ring-slate-900 dark:ring-white" : "ring-1 ring-slate-200 dark:ring-slate-700"} ${alpha > 0.55 ? "text-white" : "text-slate-700 dark:text-slate-200"}`}
                          style={{
                            backgroundColor:
                              n === 0
                                ? undefined
                                : `color-mix(in srgb, ${hot ? "#f07818" : "#004f8f"} ${Math.round(alpha * 100)}%, transparent)`,
                          }}
                        >
                          {n}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <td />
                {ENG_BANDS.map((b) => (
                  <td key={b} className="pt-1 text-center text-[11px] text-slate-500">
                    {b}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="mt-1 text-center text-[11px] font-medium text-slate-500">{L.matrixEngagement}</p>
        </div>
      </div>
    </Card>
  );
}

/** The leads updated in the last 7 days, newest first. */
export function ChangedThisWeek({ summary }: { summary: LeadSummary }) {
  const { t, fmt, locale } = useI18n();
  const L = t.leadsPage;
  return (
    <Card labelledBy="lead-changed-title">
      <h2 id="lead-changed-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {L.changedTitle}
      </h2>
      {summary.changedThisWeek.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.changedEmpty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
          {summary.changedThisWeek.map((l) => (
            <li key={l.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <div className="min-w-0">
                <Link
                  to={`/leads/${l.id}`}
                  className="block truncate font-medium text-brand-blue hover:underline dark:text-blue-300"
                >
                  {l.company}
                </Link>
                <p className="text-xs text-slate-500">
                  {fmt.date(l.updatedAt)} · {L.version(l.version)}
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-2">
                <span className="text-sm font-semibold tabular-nums">{fmtScore(l.leadScore, locale)}</span>
                <HeatBadge heat={l.heat} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
