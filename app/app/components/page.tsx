import type { ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../i18n";

/** Title row of a page; the accent underline follows the active profile. */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{title}</h1>
        <span
          aria-hidden="true"
          className="mt-2 block h-1 w-12 rounded-full"
          style={{ backgroundColor: "var(--accent)" }}
        />
        {subtitle && <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{subtitle}</p>}
      </div>
      {actions}
    </div>
  );
}

/**
 * A card never widens its grid column (`min-w-0`); wide content (a table) scrolls inside it, so
 * a phone never scrolls the whole page sideways.
 */
export const cardClass =
  "min-w-0 overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-navy-900";

export function Card({
  children,
  className = "",
  labelledBy,
}: {
  children: ReactNode;
  className?: string;
  labelledBy?: string;
}) {
  return (
    <section aria-labelledby={labelledBy} className={`${cardClass} ${className}`}>
      {children}
    </section>
  );
}

/**
 * The sideways-scrolling box around a wide table. It takes focus, so the keyboard can scroll it
 * even when nothing inside does (an empty list, a read-only table at 390 px): WCAG 2.1.1.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
    <section aria-label={label} tabIndex={0} className="overflow-x-auto">
      {children}
    </section>
  );
}

/** A friendly full-width message: not allowed, not found, coming soon. */
export function Notice({
  icon,
  title,
  body,
  children,
}: {
  icon: string;
  title: string;
  body: string;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto mt-10 max-w-xl rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center dark:border-slate-700 dark:bg-navy-900">
      <span
        aria-hidden="true"
        className="mx-auto mb-4 grid size-12 place-items-center rounded-full text-xl text-white"
        style={{ backgroundColor: "var(--accent)" }}
      >
        {icon}
      </span>
      <h1 className="text-xl font-semibold text-slate-900 dark:text-white">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{body}</p>
      {children && <div className="mt-6">{children}</div>}
    </div>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Notice icon="🔒" title={t.forbidden.title} body={t.forbidden.body}>
      <HomeLink />
    </Notice>
  );
}

export function HomeLink() {
  const { t } = useI18n();
  return (
    <Link
      to="/"
      className="inline-block rounded-md bg-brand-blue px-4 py-2 text-sm font-medium text-white hover:bg-brand-blue-hover"
    >
      {t.forbidden.home}
    </Link>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
      {label}
      {children}
    </label>
  );
}

export const inputClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

export const buttonClass = {
  primary:
    "inline-flex items-center justify-center gap-1.5 rounded-md bg-brand-blue px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-blue-hover disabled:opacity-50",
  cta: "inline-flex items-center justify-center gap-1.5 rounded-md bg-brand-orange px-3.5 py-2 text-sm font-semibold text-navy-950 shadow-sm hover:bg-brand-orange-hover disabled:opacity-50",
  secondary:
    "inline-flex items-center justify-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-700",
  danger:
    "inline-flex items-center justify-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-50 dark:bg-slate-800 dark:text-red-300 dark:ring-red-800 dark:hover:bg-red-950",
};
