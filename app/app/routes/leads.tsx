import { useEffect, useMemo, useRef, useState } from "react";
import { data, Form, Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { buttonClass, Field, Forbidden, inputClass, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { WeeklyChanges } from "../leads/changes";
import { type LeadFilters, leadExportHref, leadFiltersFrom, leadsHref } from "../leads/filters";
import { ImportPreviewPanel } from "../leads/import-preview";
import { LeadJobList, useLeadJobs } from "../leads/jobs";
import { LeadTable } from "../leads/lead-table";
import { loadLeadsDashboard } from "../leads/leads.server";
import { ENG_BANDS, FIT_BANDS, FitEngagementMatrix, HeatTiles } from "../leads/summary";
import { canWriteLeads, HEATS, type LeadChanges, type LeadSummary, type UserLite } from "../leads/types";
import { HEAT_LABEL, OwnerOptions } from "../leads/ui";
import { isLegacyWorkbook, isWorkbook, workbookToCsv } from "../leads/xlsx";
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
  const { t, locale } = useI18n();
  const L = t.leadsPage;
  const P = t.leadsImport;
  const writable = canWriteLeads(me.role);
  // A chosen file waits in the preview until the user imports its valid rows or cancels.
  const [pending, setPending] = useState<{
    key: number;
    name: string;
    /** What is sent: the CSV as chosen, or a workbook's first sheet as CSV. */
    file: Blob;
    workbook: boolean;
  } | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);
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
    if (fileRef.current) fileRef.current.value = "";
    if (isLegacyWorkbook(file)) {
      toast.error(P.legacyWorkbook);
      return;
    }
    let body: Blob = file;
    const workbook = isWorkbook(file);
    if (workbook) {
      try {
        body = await workbookToCsv(file);
      } catch {
        toast.error(P.workbookFailed(file.name));
        return;
      }
    }
    // A new key per choice: the same file chosen again (after fixing it) opens a fresh preview.
    setPending((prev) => ({ key: (prev?.key ?? 0) + 1, name: file.name, file: body, workbook }));
  };
  const closePreview = () => {
    setPending(null);
    importButton.current?.focus();
  };

  const enrich = async () => {
    const job = await jobs.start("leads.enrich", { leadIds: [...selected] });
    if (job) setSelected(new Set());
  };

  // Everyone who sees the list may take it to a spreadsheet, with its filters.
  const exportLink = (
    <a href={leadExportHref(filters, locale)} download title={P.exportHint} className={buttonClass.secondary}>
      <span aria-hidden="true">⤓</span> {P.export}
    </a>
  );

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
                accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-label={L.importCsv}
                title={L.importHint}
                className="sr-only"
                tabIndex={-1}
                onChange={(e) => void onFile(e.target.files?.[0])}
              />
              <button
                ref={importButton}
                type="button"
                className={buttonClass.secondary}
                title={L.importHint}
                disabled={jobs.busy}
                onClick={() => fileRef.current?.click()}
              >
                <span aria-hidden="true">⤒</span> {L.importCsv}
              </button>
              <a
                href={`/api/leads/import/template.csv?lang=${locale}`}
                download
                title={P.templateHint}
                className={buttonClass.secondary}
              >
                <span aria-hidden="true">⤓</span> {P.template}
              </a>
              {exportLink}
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
            <div className="flex flex-wrap items-center gap-2">
              <p className="text-xs text-slate-500">{L.readOnly}</p>
              {exportLink}
            </div>
          )
        }
      />
      {pending && (
        <ImportPreviewPanel
          key={pending.key}
          name={pending.name}
          file={pending.file}
          workbook={pending.workbook}
          busy={jobs.busy}
          onCancel={closePreview}
          onImport={(mapping) =>
            void jobs.importCsv(pending.file, mapping).then((job) => {
              if (job) closePreview();
            })
          }
        />
      )}
      <LeadJobList ids={jobs.ids} onDismiss={jobs.dismiss} />
      <HeatTiles summary={summary} filters={filters} />
      <div className="space-y-4">
        <LeadFilterBar filters={filters} summary={summary} users={users} />
        {filters.cell && (
          <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
            {L.matrixTitle}:{" "}
            {P.matrixActive(
              FIT_BANDS[Number(filters.cell.split(",")[0])] ?? "",
              ENG_BANDS[Number(filters.cell.split(",")[1])] ?? "",
            )}
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

/**
 * Filters apply as they change (the search after a 300 ms pause), with the URL as the source of
 * truth. Without JavaScript it is a plain GET form with its submit button.
 */
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
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => () => clearTimeout(timer.current), []);

  // Follow the URL when it changes elsewhere (tiles, matrix, "Limpar"), but never overwrite the
  // search box while it is being typed in, nor a choice made before the page was hydrated (the
  // server rendered these very values, so there is nothing to follow until the URL changes).
  const shown = useRef(JSON.stringify(filters));
  useEffect(() => {
    const el = form.current?.elements;
    const now = JSON.stringify(filters);
    if (!el || now === shown.current) return;
    shown.current = now;
    for (const name of ["heat", "owner", "segment", "sort"] as const) {
      const select = el.namedItem(name);
      if (select instanceof HTMLSelectElement) select.value = filters[name];
    }
    const q = el.namedItem("q");
    if (q instanceof HTMLInputElement && document.activeElement !== q && !timer.current) q.value = filters.q;
  }, [filters]);

  const apply = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      if (!form.current) return;
      const sp = new URLSearchParams();
      for (const [k, v] of new FormData(form.current)) if (typeof v === "string") sp.set(k, v);
      // Refining a search replaces the history entry; every other change is a step back can undo.
      navigate(leadsHref(leadFiltersFrom(sp)), {
        replace: delay > 0 && filters.q !== "",
        preventScrollReset: true,
      });
    }, delay);
  };

  return (
    <Form
      ref={form}
      method="get"
      role="search"
      aria-label={L.filters}
      onChange={(e) => apply(e.target instanceof HTMLInputElement && e.target.name === "q" ? 300 : 0)}
      onSubmit={(e) => {
        e.preventDefault();
        apply(0);
      }}
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
        {!hydrated && (
          <button type="submit" className={buttonClass.primary}>
            {L.apply}
          </button>
        )}
        <Link to="/leads" className={buttonClass.secondary}>
          {L.clear}
        </Link>
      </div>
    </Form>
  );
}
