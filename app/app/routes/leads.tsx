import { useMemo, useRef, useState } from "react";
import { data, Form, Link } from "react-router";
import { buttonClass, Field, Forbidden, inputClass, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { WeeklyChanges } from "../leads/changes";
import { type LeadFilters, leadFiltersFrom, leadsHref } from "../leads/filters";
import { LeadJobList, useLeadJobs } from "../leads/jobs";
import { LeadTable } from "../leads/lead-table";
import { loadLeadsDashboard } from "../leads/leads.server";
import { FitEngagementMatrix, HeatTiles } from "../leads/summary";
import { canWriteLeads, HEATS, type LeadChanges, type LeadSummary, type UserLite } from "../leads/types";
import { HEAT_LABEL, OwnerOptions } from "../leads/ui";
import { userContext } from "../lib/session.server";
import type { Route } from "./+types/leads";

const EMPTY_SUMMARY: LeadSummary = { byHeat: {}, matrix: [], segments: [], changedThisWeek: [] };
const EMPTY_CHANGES: LeadChanges = { since: "", until: "", items: [], nextCursor: null };

export async function loader({ request, context }: Route.LoaderArgs) {
  const me = context.get(userContext);
  if (me.role === "marketing") return data({ allowed: false as const }, { status: 403 });
  const filters = leadFiltersFrom(new URL(request.url).searchParams);
  const { list, summary, users, changes } = await loadLeadsDashboard(context, request, filters);
  if (!list.ok) throw data(list.problem, { status: list.status });
  return {
    allowed: true as const,
    me: { id: me.id, role: me.role },
    filters,
    items: list.data.items,
    nextCursor: list.data.nextCursor,
    summary: summary.ok ? summary.data : EMPTY_SUMMARY,
    users: users.ok ? users.data.items : [],
    changes: changes.ok ? changes.data : EMPTY_CHANGES,
  };
}

export function meta() {
  return [{ title: "Lifetrek — Leads" }];
}

export default function Leads({ loaderData }: Route.ComponentProps) {
  if (!loaderData.allowed) return <Forbidden />;
  return <Dashboard {...loaderData} />;
}

function Dashboard({
  me,
  filters,
  items,
  nextCursor,
  summary,
  users,
  changes,
}: {
  me: { id: string; role: string };
  filters: LeadFilters;
  items: Parameters<typeof LeadTable>[0]["items"];
  nextCursor: string | null;
  summary: LeadSummary;
  users: UserLite[];
  changes: LeadChanges;
}) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const writable = canWriteLeads(me.role);
  const jobs = useLeadJobs();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const fileRef = useRef<HTMLInputElement>(null);
  const names = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  const ownerName = (id: string | null) => (id ? (names.get(id) ?? id) : L.noOwner);

  const onSelect = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    if (fileRef.current) fileRef.current.value = "";
    await jobs.importCsv(text);
  };

  const enrich = async () => {
    const job = await jobs.start("leads.enrich", { leadIds: [...selected] });
    if (job) setSelected(new Set());
  };

  return (
    <>
      <PageHeader
        title={L.title}
        subtitle={L.subtitle}
        actions={
          writable ? (
            <div className="flex flex-wrap items-center gap-2">
              <input
                ref={fileRef}
                type="file"
                accept=".csv,text/csv"
                aria-label={L.importCsv}
                title={L.importHint}
                className="sr-only"
                tabIndex={-1}
                onChange={(e) => void onFile(e.target.files?.[0])}
              />
              <button
                type="button"
                className={buttonClass.secondary}
                title={L.importHint}
                disabled={jobs.busy}
                onClick={() => fileRef.current?.click()}
              >
                <span aria-hidden="true">⤒</span> {L.importCsv}
              </button>
              <button
                type="button"
                className={buttonClass.primary}
                disabled={jobs.busy || selected.size === 0}
                onClick={() => void enrich()}
              >
                {L.enrichSelected(selected.size)}
              </button>
              <button
                type="button"
                className={buttonClass.cta}
                disabled={jobs.busy}
                onClick={() => void jobs.start("leads.rank", {})}
              >
                <span aria-hidden="true">↻</span> {L.rerank}
              </button>
            </div>
          ) : (
            <p className="text-xs text-slate-500">{L.readOnly}</p>
          )
        }
      />
      <LeadJobList ids={jobs.ids} onDismiss={jobs.dismiss} />
      <HeatTiles summary={summary} filters={filters} />
      <div className="space-y-4">
        <LeadFilterBar filters={filters} summary={summary} users={users} />
        {filters.cell && (
          <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
            {L.matrixTitle}: fit {filters.cell.split(",")[0]} × {filters.cell.split(",")[1]}
            <Link to={leadsHref(filters, { cell: "" })} className="text-brand-blue hover:underline">
              {L.clear}
            </Link>
          </p>
        )}
        {writable && selected.size > 0 && (
          <p className="text-xs text-slate-600 dark:text-slate-300" aria-live="polite">
            {L.selected(selected.size)}
          </p>
        )}
        <LeadTable
          items={items}
          nextCursor={nextCursor}
          filters={filters}
          ownerName={ownerName}
          selectable={writable}
          selected={selected}
          onSelect={onSelect}
        />
        <div className="grid gap-4 xl:grid-cols-2">
          <FitEngagementMatrix summary={summary} filters={filters} />
          <WeeklyChanges changes={changes} filters={filters} ownerName={ownerName} />
        </div>
      </div>
    </>
  );
}

function LeadFilterBar({
  filters,
  summary,
  users,
}: {
  filters: LeadFilters;
  summary: LeadSummary;
  users: UserLite[];
}) {
  const { t } = useI18n();
  const L = t.leadsPage;
  // Key on the URL's filters so the uncontrolled inputs follow navigation (tiles, matrix, clear).
  const key = JSON.stringify(filters);
  return (
    <Form
      key={key}
      method="get"
      role="search"
      aria-label={L.filters}
      className="flex flex-wrap content-start items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-navy-900"
    >
      <Field label={L.search}>
        <input
          name="q"
          type="search"
          defaultValue={filters.q}
          placeholder={L.searchPlaceholder}
          className={`${inputClass} w-48`}
        />
      </Field>
      <Field label={L.heat}>
        <select name="heat" defaultValue={filters.heat} className={inputClass}>
          <option value="">{L.allHeats}</option>
          {HEATS.map((h) => (
            <option key={h} value={h}>
              {HEAT_LABEL[h]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={L.owner}>
        <select name="owner" defaultValue={filters.owner} className={inputClass}>
          <option value="">{L.allOwners}</option>
          <option value="me">{L.mine}</option>
          <option value="unassigned">{L.unassigned}</option>
          <OwnerOptions users={users} />
        </select>
      </Field>
      <Field label={L.segment}>
        <select name="segment" defaultValue={filters.segment} className={`${inputClass} max-w-52`}>
          <option value="">{L.allSegments}</option>
          {summary.segments.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Field label={L.sort}>
        <select name="sort" defaultValue={filters.sort} className={inputClass}>
          <option value="-priority">{L.sortPriority}</option>
          <option value="-score">{L.sortScore}</option>
          <option value="score">{L.sortScoreAsc}</option>
          <option value="-updatedAt">{L.sortUpdated}</option>
        </select>
      </Field>
      {filters.cell && <input type="hidden" name="cell" value={filters.cell} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary}>
          {L.apply}
        </button>
        <Link to="/leads" className={buttonClass.secondary}>
          {L.clear}
        </Link>
      </div>
    </Form>
  );
}
