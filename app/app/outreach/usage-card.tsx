import { Card } from "../components/page";
import { useI18n } from "../i18n";
import type { Usage } from "./types";
import { useTexts } from "./ui";

/** Decorative: the numbers are written beside it. */
function Bar({ value, max }: { value: number; max: number }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div
      aria-hidden="true"
      className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
    >
      <div className="h-full rounded-full" style={{ width: `${pct}%`, backgroundColor: "var(--accent)" }} />
    </div>
  );
}

/** Today's usage against the drawn limit and the tier cap, and the rolling week against its cap. */
export function UsageCard({ usage }: { usage: Usage }) {
  const T = useTexts();
  const { fmt } = useI18n();
  return (
    <Card labelledBy="usage-title">
      <h2 id="usage-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {T.usage}
      </h2>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{T.usageDay(usage.day)}</p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2">
        <div data-usage="today">
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-300">
            {T.today} ({T.drawnLimit})
          </dt>
          <dd className="text-lg font-semibold text-slate-900 dark:text-white">
            {T.usageOf(usage.today, usage.drawnLimit)}
          </dd>
          <Bar value={usage.today} max={usage.drawnLimit} />
        </div>
        <div data-usage="week">
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-300">
            {T.week} ({T.weeklyCap})
          </dt>
          <dd className="text-lg font-semibold text-slate-900 dark:text-white">
            {T.usageOf(usage.week, usage.weeklyCap)}
          </dd>
          <Bar value={usage.week} max={usage.weeklyCap} />
        </div>
        <div data-usage="tier-cap">
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-300">{T.tierCap}</dt>
          <dd className="text-lg font-semibold text-slate-900 dark:text-white">{usage.tierCap}</dd>
        </div>
        <div data-usage="next-slot">
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-300">{T.nextSlot}</dt>
          <dd className="text-sm font-medium text-slate-900 dark:text-white">
            {fmt.dateTime(usage.nextSlotAt)}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
