import { Form } from "react-router";
import { useI18n } from "../i18n";
import type { Me } from "../lib/types";

/** Who is signed in, their role, and the sign-out button. */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useI18n();
  const initials = me.name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right leading-tight md:block">
        <span className="sr-only">{t.header.signedInAs(me.name)}</span>
        <p aria-hidden="true" className="text-xs font-semibold text-slate-800 dark:text-slate-100">
          {me.name}
        </p>
        <p className="text-[11px] text-slate-500 dark:text-slate-400">{t.roles[me.role]}</p>
      </div>
      <span
        aria-hidden="true"
        className="grid size-8 place-items-center rounded-full text-xs font-bold text-white"
        style={{ backgroundColor: "var(--accent)" }}
      >
        {initials || "?"}
      </span>
      <Form method="post" action="/sign-out">
        <button
          type="submit"
          className="rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100 dark:text-slate-300 dark:ring-slate-600 dark:hover:bg-slate-800"
        >
          {t.header.signOut}
        </button>
      </Form>
    </div>
  );
}
