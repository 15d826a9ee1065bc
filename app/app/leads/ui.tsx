import type { Heat, UserLite } from "./types";

export const HEAT_LABEL: Record<Heat, string> = { HOT: "HOT 🔥", WARM: "WARM ⚠️", COLD: "COLD ❄️" };

const HEAT_STYLE: Record<Heat, string> = {
  HOT: "bg-orange-50 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  WARM: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  COLD: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
};

/** The heatmap category with its exact label (text + emoji, never colour alone). */
export function HeatBadge({ heat, label }: { heat: Heat; label?: string }) {
  return (
    <span
      data-heat={heat}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${HEAT_STYLE[heat]}`}
    >
      {label ?? HEAT_LABEL[heat]}
    </span>
  );
}

/** One decimal, locale-aware ("9,2" in pt-BR). */
export function fmtScore(n: number, locale: string): string {
  return n.toLocaleString(locale === "en" ? "en-US" : "pt-BR", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

export function fmtSigned(n: number, locale: string): string {
  const s = fmtScore(Math.abs(n), locale);
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : s;
}

/** A small 0–max bar beside a number (decorative: the number itself is shown). */
export function Meter({ value, max }: { value: number; max: number }) {
  const pct = Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <span
      aria-hidden="true"
      className="block h-1 w-12 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
    >
      <span
        className="block h-full rounded-full"
        style={{ width: `${pct}%`, backgroundColor: "var(--accent)" }}
      />
    </span>
  );
}

/** The factor with the largest absolute contribution (the constant base and the cap aside). */
export function topFactor<T extends { factor: string; points: number }>(breakdown: T[]): T | undefined {
  return [...breakdown]
    .filter((f) => f.factor !== "base" && f.factor !== "cap")
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))[0];
}

/** One `<option>` per user who may own a lead (marketing never does), for an owner `<select>`. */
export function OwnerOptions({ users }: { users: UserLite[] }) {
  return (
    <>
      {users
        .filter((u) => u.role !== "marketing")
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
    </>
  );
}
