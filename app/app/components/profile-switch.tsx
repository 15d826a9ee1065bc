import { useI18n } from "../i18n";
import type { Profile } from "../lib/preferences";
import { useProfile } from "../lib/preferences-context";

const OPTIONS: Profile[] = ["company", "salesperson"];

/** "Empresa / Vendedor": which voice the app works in. The accent colour follows it. */
export function ProfileSwitch() {
  const { t } = useI18n();
  const { profile, setProfile } = useProfile();
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">{t.header.profile}</legend>
      <div className="flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
        {OPTIONS.map((p) => {
          const active = p === profile;
          const color = p === "company" ? "bg-brand-blue" : "bg-brand-green";
          return (
            <label
              key={p}
              title={p === "company" ? t.header.companyHint : t.header.salespersonHint}
              className={`relative flex cursor-pointer items-center gap-1.5 rounded-md px-3 py-1.5 text-xs font-semibold transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-blue ${
                active
                  ? `${color} text-white shadow-sm`
                  : "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
              }`}
            >
              <input
                type="radio"
                name="profile"
                value={p}
                checked={active}
                onChange={() => setProfile(p)}
                className="sr-only"
              />
              <span aria-hidden="true" className={`size-2 rounded-full ${active ? "bg-white" : color}`} />
              {p === "company" ? t.header.company : t.header.salesperson}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
