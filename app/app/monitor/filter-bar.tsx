import { Form, Link } from "react-router";
import { buttonClass, Field, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { type MonitorFilters, STALLED, STATUSES } from "./filters";

/** Filters as a GET form: the URL is the state, so views can be shared and reloaded. */
export function FilterBar({
  filters,
  types,
  users,
}: {
  filters: MonitorFilters;
  /** Each type with its name per language (the key is shown when it has none). */
  types: Array<{ type: string; name: Record<string, string> | null }>;
  users: Array<{ id: string; name: string }>;
}) {
  const { t, locale } = useI18n();
  return (
    <Form
      method="get"
      role="search"
      aria-label={t.monitor.filters}
      className="flex flex-wrap content-start items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-navy-900"
    >
      <Field label={t.monitor.search}>
        <input
          name="q"
          type="search"
          defaultValue={filters.q}
          placeholder={t.monitor.searchPlaceholder}
          className={`${inputClass} w-44`}
        />
      </Field>
      <Field label={t.monitor.status}>
        <select name="status" defaultValue={filters.status} className={inputClass}>
          <option value="">{t.monitor.allStatuses}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.status[s]}
            </option>
          ))}
          <option value={STALLED}>{t.monitor.stalledFilter}</option>
        </select>
      </Field>
      <Field label={t.monitor.type}>
        <select name="type" defaultValue={filters.type} className={inputClass}>
          <option value="">{t.monitor.allTypes}</option>
          {types.map((ty) => (
            <option key={ty.type} value={ty.type}>
              {ty.name?.[locale] ?? ty.type}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.monitor.user}>
        <select name="userId" defaultValue={filters.userId} className={inputClass}>
          <option value="">{t.monitor.allUsers}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.monitor.since}>
        <input name="since" type="date" defaultValue={filters.since} className={inputClass} />
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary}>
          {t.monitor.apply}
        </button>
        <Link to="?" className={buttonClass.secondary}>
          {t.monitor.clear}
        </Link>
      </div>
    </Form>
  );
}
