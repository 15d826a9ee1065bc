import type { ReactNode } from "react";
import { useI18n } from "../i18n";

export type Bar = {
  key: string;
  label: ReactNode;
  value: number;
  display: string;
  color: string;
  extra?: ReactNode;
};

/**
 * Horizontal bars in plain CSS (no chart library). Each row reads as text too — label and value —
 * so the chart is accessible without the colours; the list is labelled by its card title.
 */
export function BarList({ bars, labelledBy, max }: { bars: Bar[]; labelledBy: string; max?: number }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul aria-labelledby={labelledBy} className="space-y-2.5">
      {bars.map((b) => (
        <li key={b.key} data-key={b.key}>
          <div className="flex items-baseline justify-between gap-3 text-xs">
            <span className="truncate text-slate-700 dark:text-slate-200">{b.label}</span>
            <span className="shrink-0 font-medium tabular-nums text-slate-900 dark:text-white">
              {b.display}
            </span>
          </div>
          <div
            className="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
            aria-hidden="true"
          >
            <div
              className={`h-full rounded-full ${b.color}`}
              style={{ width: `${Math.max(b.value > 0 ? 2 : 0, (b.value / top) * 100)}%` }}
            />
          </div>
          {b.extra}
        </li>
      ))}
    </ul>
  );
}

/** A ring gauge in SVG for a 0–1 fraction (failure rate). */
export function Ring({ value, color, label }: { value: number; color: string; label: string }) {
  const { fmt } = useI18n();
  const r = 34;
  const c = 2 * Math.PI * r;
  const v = Math.min(1, Math.max(0, value));
  return (
    <svg viewBox="0 0 80 80" className="size-24" role="img" aria-label={label}>
      <circle
        cx="40"
        cy="40"
        r={r}
        fill="none"
        strokeWidth="9"
        className="stroke-slate-100 dark:stroke-slate-800"
      />
      {v > 0 && (
        <circle
          cx="40"
          cy="40"
          r={r}
          fill="none"
          strokeWidth="9"
          strokeLinecap="round"
          stroke={color}
          strokeDasharray={`${v * c} ${c}`}
          transform="rotate(-90 40 40)"
        />
      )}
      <text
        x="40"
        y="45"
        textAnchor="middle"
        className="fill-slate-900 text-[15px] font-semibold dark:fill-white"
      >
        {fmt.percent(v)}
      </text>
    </svg>
  );
}
