import { Link } from "react-router";
import { buttonClass, ScrollRegion } from "../components/page";
import { useI18n } from "../i18n";
import { factorDetail } from "./factor-detail";
import { type LeadFilters, leadsHref } from "./filters";
import type { Lead } from "./types";
import { fmtScore, fmtSigned, HeatBadge, Meter, topFactor } from "./ui";

type Props = {
  items: Lead[];
  nextCursor: string | null;
  filters: LeadFilters;
  ownerName: (id: string | null) => string;
  selectable: boolean;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
};

export function LeadTable({ items, nextCursor, filters, ownerName, selectable, selected, onSelect }: Props) {
  const { t, locale, fmt } = useI18n();
  const L = t.leadsPage;
  const allOnPage = items.length > 0 && items.every((l) => selected.has(l.id));
  const th = "px-2.5 py-2 font-medium";
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-navy-900">
      <ScrollRegion label={L.tableLabel}>
        <table className="w-full text-left text-sm" aria-label={L.tableLabel}>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-navy-950 dark:text-slate-400">
            <tr>
              {selectable && (
                <th scope="col" className="w-8 px-2.5 py-2">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-blue"
                    aria-label={L.selectPage}
                    checked={allOnPage}
                    disabled={items.length === 0}
                    onChange={(e) =>
                      onSelect(
                        items.map((l) => l.id),
                        e.target.checked,
                      )
                    }
                  />
                </th>
              )}
              <th scope="col" className={th}>
                {L.colPriority}
              </th>
              <th scope="col" className={th}>
                {L.colHeat}
              </th>
              <th scope="col" className={th}>
                {L.colCompany} / {L.colSegment} / {L.colCity}
              </th>
              <th scope="col" className={th}>
                {L.colOwner}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {L.colFit}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {L.colEngagement}
              </th>
              <th scope="col" className={`${th}`}>
                {L.colTopFactor}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {items.length === 0 && (
              <tr>
                <td colSpan={8} className="px-4 py-10 text-center text-slate-500">
                  {L.empty}
                </td>
              </tr>
            )}
            {items.map((lead) => {
              const top = topFactor(lead.breakdown);
              return (
                <tr
                  key={lead.id}
                  data-lead-id={lead.id}
                  className={`align-top hover:bg-slate-50/70 dark:hover:bg-slate-800/40 ${selected.has(lead.id) ? "bg-[var(--accent-soft)]" : ""}`}
                >
                  {selectable && (
                    <td className="px-2.5 py-2">
                      <input
                        type="checkbox"
                        className="size-4 accent-brand-blue"
                        aria-label={L.selectRow(lead.company)}
                        checked={selected.has(lead.id)}
                        onChange={(e) => onSelect([lead.id], e.target.checked)}
                      />
                    </td>
                  )}
                  <td className="px-2.5 py-2">
                    {/* The uncapped ranking score orders the list; the capped lead score sits beside it. */}
                    <span
                      className="block text-base font-semibold tabular-nums text-slate-900 dark:text-white"
                      data-priority={lead.priority}
                    >
                      {fmtScore(lead.priority, locale)}
                    </span>
                    <span className="block whitespace-nowrap text-[11px] tabular-nums text-slate-500">
                      {L.leadScoreShort(fmtScore(lead.leadScore, locale))}
                    </span>
                    <Meter value={lead.leadScore} max={10} />
                  </td>
                  <td className="px-2.5 py-2">
                    <HeatBadge heat={lead.heat} />
                  </td>
                  <td className="max-w-64 px-2.5 py-2">
                    <Link
                      to={`/leads/${lead.id}`}
                      className="font-medium text-brand-blue hover:underline dark:text-blue-300"
                    >
                      {lead.company}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {lead.segment ?? "—"}
                      {(lead.city || lead.state) && (
                        <span className="whitespace-nowrap">
                          {" "}
                          · {[lead.city, lead.state].filter(Boolean).join("/")}
                        </span>
                      )}
                    </p>
                  </td>
                  <td className="px-2.5 py-2 text-xs text-slate-700 dark:text-slate-200">
                    {ownerName(lead.ownerId)}
                    {lead.ownerManual && (
                      <span className="ml-1 rounded bg-slate-100 px-1 text-[10px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                        {L.ownerManual}
                      </span>
                    )}
                  </td>
                  <td className="px-2.5 py-2 text-right text-xs tabular-nums">
                    {fmtScore(lead.fitScore, locale)}
                  </td>
                  <td className="px-2.5 py-2 text-right text-xs tabular-nums">
                    {Math.round(lead.engagementScore)}
                  </td>
                  <td className="px-2.5 py-2 text-xs text-slate-600 dark:text-slate-300">
                    {top ? (
                      <span title={factorDetail(L, fmt, top)}>
                        {L.factorNames[top.factor] ?? top.factor}{" "}
                        <span
                          className={top.points < 0 ? "text-red-700 dark:text-red-300" : "text-brand-green"}
                        >
                          {fmtSigned(top.points, locale)}
                        </span>
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {(nextCursor || filters.cursor) && (
        <nav
          aria-label="pagination"
          className="flex justify-between border-t border-slate-200 px-4 py-2.5 dark:border-slate-800"
        >
          {filters.cursor ? (
            <Link to={leadsHref(filters)} className={buttonClass.secondary}>
              {L.firstPage}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor && (
            <Link to={leadsHref(filters, { cursor: nextCursor })} className={buttonClass.secondary}>
              {L.nextPage}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
