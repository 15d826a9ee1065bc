import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n";
import {
  type NearLimit,
  nearestLimit,
  type UsageLevel,
  usageFraction,
  usageLevel,
  useUsage,
} from "../settings/usage";

const BUTTON: Record<UsageLevel, string> = {
  ok: "text-slate-700 ring-slate-300 hover:bg-slate-100 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800",
  warn: "bg-amber-50 text-amber-900 ring-amber-300 hover:bg-amber-100 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700",
  limit:
    "bg-red-50 text-red-800 ring-red-300 hover:bg-red-100 dark:bg-red-950 dark:text-red-100 dark:ring-red-800",
};
const BAR: Record<UsageLevel, string> = {
  ok: "bg-brand-green dark:bg-green-400",
  warn: "bg-amber-500",
  limit: "bg-red-600",
};

/** A small meter: width by fraction, colour by level (the text always says it too). */
function Meter({ value, level, label }: { value: number; level: UsageLevel; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a styled bar; a native <meter> cannot be coloured reliably
    <span
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className="block h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
    >
      <span className={`block h-full rounded-full ${BAR[level]}`} style={{ width: `${pct}%` }} />
    </span>
  );
}

function levelOf(used: number, limit: number, warnAt: number): UsageLevel {
  const f = limit > 0 ? used / limit : used > 0 ? 1 : 0;
  return f >= 1 ? "limit" : f >= warnAt ? "warn" : "ok";
}

/** Header "Hoje: US$ x / y" with a popover of every daily limit. */
export function UsageIndicator() {
  const { t, fmt } = useI18n();
  const s = t.settingsPage.usage;
  const { usage } = useUsage();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (!usage) return null;
  const level = usageLevel(usage);
  const u = usage.user;
  const g = usage.global;
  const warnAt = usage.warnAtFraction;
  const hours = Math.floor(usage.resetsInSeconds / 3600);
  const minutes = Math.floor((usage.resetsInSeconds % 3600) / 60);
  const limited = Object.entries(u.limitedJobsToday);
  const usdFraction = u.limitUsdDay > 0 ? u.usdToday / u.limitUsdDay : 0;
  const usdLevel = levelOf(u.usdToday, u.limitUsdDay, warnAt);
  const near = nearText(nearestLimit(usage), s.near, fmt.usd);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-level={level}
        aria-expanded={open}
        aria-controls={popoverId}
        onClick={() => setOpen((o) => !o)}
        className={`inline-flex items-center gap-2 rounded-md px-2.5 py-1.5 text-xs font-medium ring-1 ${BUTTON[level]}`}
      >
        <span className="hidden flex-col items-stretch gap-1 sm:flex">
          <span className="whitespace-nowrap tabular-nums">
            {s.today}: {s.short(fmt.usd(u.usdToday), fmt.usd(u.limitUsdDay))}
          </span>
          <Meter value={usdFraction} level={usdLevel} label={s.label} />
        </span>
        <span className="sm:hidden">{Math.round(usageFraction(usage) * 100)}%</span>
        {level !== "ok" && (
          <span className="sr-only sm:hidden">
            {" "}
            — {s.levels[level]}: {usage.killSwitch ? s.killSwitch : near}
          </span>
        )}
        {level !== "ok" ? (
          <span
            className={`hidden whitespace-nowrap rounded-full sm:inline px-1.5 py-0.5 text-[10px] font-semibold text-white ${level === "limit" ? "bg-red-600" : "bg-amber-600"}`}
          >
            <span className="sr-only"> — {s.levels[level]}: </span>
            {usage.killSwitch ? s.killSwitch : near}
          </span>
        ) : (
          <span className="sr-only"> — {s.levels[level]}</span>
        )}
      </button>
      {open && (
        <div
          id={popoverId}
          role="dialog"
          aria-label={s.details}
          className="absolute right-0 z-30 mt-2 w-80 rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-800 shadow-xl dark:border-slate-700 dark:bg-navy-900 dark:text-slate-100"
        >
          <h2 className="text-sm font-semibold">{s.details}</h2>
          {usage.killSwitch && (
            <p className="mt-2 rounded-md bg-red-50 px-2 py-1 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
              {s.killSwitch}
            </p>
          )}
          <dl className="mt-3 space-y-3">
            <Row
              label={s.youToday}
              value={s.short(fmt.usd(u.usdToday), fmt.usd(u.limitUsdDay))}
              fraction={u.limitUsdDay > 0 ? u.usdToday / u.limitUsdDay : 0}
              level={levelOf(u.usdToday, u.limitUsdDay, warnAt)}
            />
            {limited.map(([type, { used, limit }]) => (
              <Row
                key={type}
                label={s.typeNames[type] ?? type}
                value={`${used} / ${limit}`}
                fraction={limit > 0 ? used / limit : 1}
                level={levelOf(used, limit, warnAt)}
              />
            ))}
            <Row
              label={s.globalToday}
              value={s.short(fmt.usd(g.usdToday), fmt.usd(g.limitUsdDay))}
              fraction={g.limitUsdDay > 0 ? g.usdToday / g.limitUsdDay : 0}
              level={levelOf(g.usdToday, g.limitUsdDay, warnAt)}
            />
            <Row
              label={s.globalMonth}
              value={s.short(fmt.usd(g.usdMonth), fmt.usd(g.limitUsdMonth))}
              fraction={g.limitUsdMonth > 0 ? g.usdMonth / g.limitUsdMonth : 0}
              level={levelOf(g.usdMonth, g.limitUsdMonth, warnAt)}
            />
          </dl>
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            {s.youMonth}: {fmt.usd(u.usdMonth)}
          </p>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{s.resetsIn(hours, minutes)}</p>
        </div>
      )}
    </div>
  );
}

type NearDict = {
  jobs: (used: number, limit: number, noun: string) => string;
  youToday: (used: string, limit: string) => string;
  globalToday: (used: string, limit: string) => string;
  globalMonth: (used: string, limit: string) => string;
  nouns: Record<string, string>;
  otherJobs: (type: string) => string;
};

/** "8 de 10 carrosséis hoje", "US$ 42,10 de US$ 50,00 hoje (global)"… */
function nearText(n: NearLimit, d: NearDict, usd: (v: number) => string): string {
  if (n.kind === "jobs") return d.jobs(n.used, n.limit, d.nouns[n.type] ?? d.otherJobs(n.type));
  return d[n.kind](usd(n.used), usd(n.limit));
}

function Row({
  label,
  value,
  fraction,
  level,
}: {
  label: string;
  value: string;
  fraction: number;
  level: UsageLevel;
}) {
  return (
    <div data-level={level} className="grid grid-cols-[1fr_auto] items-baseline gap-x-3 gap-y-1 text-xs">
      <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
      <dd className="col-span-2">
        <Meter value={fraction} level={level} label={label} />
      </dd>
    </div>
  );
}
