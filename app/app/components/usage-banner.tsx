import { useEffect, useState } from "react";
import { useI18n } from "../i18n";
import { useUsage } from "../settings/usage";

const DISMISS_KEY = "lt_usage_banner_dismissed";

/**
 * In-app notice when today's spending passed the warning threshold (80 %) or an admin paused AI
 * generation. The warning can be dismissed for the day; the kill switch notice cannot.
 */
export function UsageBanner() {
  const { t } = useI18n();
  const s = t.settingsPage.banner;
  const { usage } = useUsage();
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    setDismissed(sessionStorage.getItem(DISMISS_KEY));
  }, []);

  if (!usage) return null;
  if (usage.killSwitch) {
    return (
      <div
        role="alert"
        data-testid="usage-banner"
        className="mb-4 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
      >
        <span aria-hidden="true">⏸</span>
        <p>{s.killSwitch}</p>
      </div>
    );
  }
  if (!usage.warning || dismissed === usage.day) return null;
  const u = usage.user;
  const g = usage.global;
  const pct = Math.round(
    Math.max(
      u.limitUsdDay > 0 ? u.usdToday / u.limitUsdDay : 0,
      g.limitUsdDay > 0 ? g.usdToday / g.limitUsdDay : 0,
      usage.warnAtFraction,
    ) * 100,
  );
  return (
    <div
      role="status"
      data-testid="usage-banner"
      className="mb-4 flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span aria-hidden="true">⚠</span>
      <p className="flex-1">{s.warning(Math.min(pct, 100))}</p>
      <button
        type="button"
        onClick={() => {
          sessionStorage.setItem(DISMISS_KEY, usage.day);
          setDismissed(usage.day);
        }}
        className="rounded px-1.5 text-amber-900 hover:bg-amber-100 dark:text-amber-100 dark:hover:bg-amber-900"
      >
        <span aria-hidden="true">✕</span>
        <span className="sr-only">{s.dismiss}</span>
      </button>
    </div>
  );
}
