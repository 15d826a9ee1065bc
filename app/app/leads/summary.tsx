import { Link } from "react-router";
import { Card } from "../components/page";
import { useI18n } from "../i18n";
import { usePreferences } from "../lib/preferences-context";
import { type LeadFilters, leadsHref } from "./filters";
import { HEATS, type LeadSummary } from "./types";
import { HeatBadge } from "./ui";

/** Tiles with the count per heat; each filters the table. */
export function HeatTiles({ summary, filters }: { summary: LeadSummary; filters: LeadFilters }) {
  const { t, fmt } = useI18n();
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
        <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">
          {fmt.number(total, 0)}
        </span>
      </Link>
      {HEATS.map((h) => (
        <Link
          key={h}
          to={leadsHref(filters, { heat: filters.heat === h ? "" : h, cell: "" })}
          aria-current={filters.heat === h ? "true" : undefined}
          data-heat-tile={h}
          className={`${tile} ${filters.heat === h ? "border-[var(--accent)] ring-1 ring-[var(--accent)]" : "border-slate-200 dark:border-slate-800"}`}
        >
          {/* The name comes from the visible text (WCAG 2.5.3); the verb is for screen readers only. */}
          <span className="sr-only">{L.filterByHeat("")}</span>
          <span className="flex items-center justify-between gap-2">
            <HeatBadge heat={h} />
            <span className="text-xs text-slate-500">{L.heatName[h]}</span>
          </span>
          <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">
            {fmt.number(summary.byHeat[h] ?? 0, 0)}
          </span>
        </Link>
      ))}
    </nav>
  );
}

export const FIT_BANDS = ["0–2", "2–4", "4–6", "6–8", "8–10"];
export const ENG_BANDS = ["0–20", "20–40", "40–60", "60–80", "80–100"];
const HOT_RGB = [0xf0, 0x78, 0x18] as const;
const COOL_RGB = [0x00, 0x4f, 0x8f] as const;
const CARD_RGB = { light: [0xff, 0xff, 0xff], dark: [0x0d, 0x1d, 0x33] } as const;

function luminance(rgb: readonly number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The cell's colour as a solid mix with the card behind it, and the text colour (near-black or
 * white) with the higher contrast, so every count stays ≥ 4.5:1 in both themes (WCAG 1.4.3).
 */
function cellFill(color: readonly number[], alpha: number, dark: boolean) {
  const base = dark ? CARD_RGB.dark : CARD_RGB.light;
  const mixed = color.map((c, i) => Math.round(c * alpha + (base[i] ?? 0) * (1 - alpha)));
  const l = luminance(mixed);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return { bg: `rgb(${mixed.join(" ")})`, fg: onWhite >= onBlack ? "#ffffff" : "#000000" };
}

/** What a screen reader hears instead of the colours: total and the fullest cells. */
function matrixSummary(summary: LeadSummary, L: ReturnType<typeof useI18n>["t"]["leadsPage"]): string {
  const total = summary.matrix.reduce((n, m) => n + m.n, 0);
  const top = [...summary.matrix]
    .filter((m) => m.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((m) => L.matrixCell(FIT_BANDS[m.fit] ?? "", ENG_BANDS[m.engagement] ?? "", m.n));
  return L.matrixSummary(total, top.join("; "));
}

/** 5×5 grid: fit bands (rows, high on top) × engagement bands (columns); colour intensity = count. */
export function FitEngagementMatrix({ summary, filters }: { summary: LeadSummary; filters: LeadFilters }) {
  const { t, fmt } = useI18n();
  const L = t.leadsPage;
  const count = new Map(summary.matrix.map((m) => [`${m.fit},${m.engagement}`, m.n]));
  const max = Math.max(1, ...summary.matrix.map((m) => m.n));
  const dark = usePreferences().theme === "dark";
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
            <caption className="sr-only">{matrixSummary(summary, L)}</caption>
            <tbody>
              {[4, 3, 2, 1, 0].map((fit) => (
                <tr key={fit}>
                  <th scope="row" className="w-12 pr-1 text-right text-[11px] font-normal text-slate-500">
                    {FIT_BANDS[fit]}
                  </th>
                  {[0, 1, 2, 3, 4].map((eng) => {
                    const key = `${fit},${eng}`;
                    const hot = fit * 2 + eng * 0.4 >= 8;
                    const n = count.get(key) ?? 0;
                    const alpha = n === 0 ? 0 : 0.12 + 0.78 * (n / max);
                    const fill = n === 0 ? null : cellFill(hot ? HOT_RGB : COOL_RGB, alpha, dark);
                    const active = filters.cell === key;
                    return (
                      <td key={eng} className="p-0">
                        <Link
                          to={leadsHref(filters, { cell: active ? "" : key })}
                          aria-label={L.matrixCell(FIT_BANDS[fit] ?? "", ENG_BANDS[eng] ?? "", n)}
                          aria-current={active ? "true" : undefined}
                          data-cell={key}
                          className={`grid h-10 place-items-center rounded-md text-xs font-semibold tabular-nums ring-inset ${active ? "ring-2 ring-slate-900 dark:ring-white" : "ring-1 ring-slate-200 dark:ring-slate-700"} ${fill ? "" : "text-slate-700 dark:text-slate-200"}`}
                          style={fill ? { backgroundColor: fill.bg, color: fill.fg } : undefined}
                        >
                          {fmt.number(n, 0)}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <td />
                {ENG_BANDS.map((b) => (
                  <th key={b} scope="col" className="pt-1 text-center text-[11px] font-normal text-slate-500">
                    {b}
                  </th>
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
