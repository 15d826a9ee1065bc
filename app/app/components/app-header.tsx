import { useI18n } from "../i18n";
import { useLiveJobs } from "../jobs/provider";
import type { Me } from "../lib/types";
import { LanguageSelect, ThemeToggle } from "./preference-controls";
import { ProfileSwitch } from "./profile-switch";
import { UsageIndicator } from "./usage-indicator";
import { UserMenu } from "./user-menu";

/** Top bar: active profile, language, theme, job history toggle and the user. */
export function AppHeader({
  me,
  historyOpen,
  onToggleHistory,
}: {
  me: Me;
  historyOpen: boolean;
  onToggleHistory: () => void;
}) {
  const { t } = useI18n();
  const running = useLiveJobs().filter(
    (j) => j.userId === me.id && (j.status === "running" || j.status === "queued"),
  ).length;
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-navy-950/90">
      {/* The profile indicator: a bar in the active profile's accent colour. */}
      <div
        aria-hidden="true"
        className="h-1 w-full transition-colors"
        style={{ backgroundColor: "var(--accent)" }}
      />
      {/* Wraps instead of overflowing: on a phone every control stays on screen, on two rows. */}
      <div className="flex min-h-15 flex-wrap items-center justify-between gap-x-3 gap-y-2 px-4 py-2 sm:px-6">
        <ProfileSwitch />
        <div className="flex flex-wrap items-center justify-end gap-2 sm:gap-3">
          <UsageIndicator />
          <LanguageSelect />
          <ThemeToggle />
          <button
            type="button"
            aria-expanded={historyOpen}
            aria-controls="job-history"
            onClick={onToggleHistory}
            className="relative inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800"
          >
            <span aria-hidden="true">⟳</span>
            <span className="hidden sm:inline">{t.header.jobHistory}</span>
            <span className="sr-only sm:hidden">{t.header.jobHistory}</span>
            {running > 0 && (
              <span
                className="rounded-full bg-brand-blue px-1.5 text-[10px] font-bold text-white"
                title={t.header.runningCount(running)}
              >
                <span aria-hidden="true">{running}</span>
                <span className="sr-only">{t.header.runningCount(running)}</span>
              </span>
            )}
          </button>
          <UserMenu me={me} />
        </div>
      </div>
    </header>
  );
}
