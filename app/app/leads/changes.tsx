import { useState } from "react";
import { Link } from "react-router";
import { buttonClass, Card } from "../components/page";
import { useI18n } from "../i18n";
import { preview } from "../jobs/job-text";
import { clientApi } from "../lib/api-client";
import type { LeadFilters } from "./filters";
import type { LeadChanges } from "./types";
import { HeatBadge } from "./ui";

type Item = LeadChanges["items"][number];

/** `GET /api/leads/changes` for the dashboard's owner and heat filters. */
export function changesQuery(f: Pick<LeadFilters, "owner" | "heat">, limit = 10, cursor = ""): string {
  const qs = new URLSearchParams({ limit: String(limit) });
  if (f.owner) qs.set("owner", f.owner);
  if (f.heat) qs.set("heat", f.heat);
  if (cursor) qs.set("cursor", cursor);
  return qs.toString();
}

/**
 * "What changed this week" (issue #13): per lead, each field's net before → after over the last
 * seven days and what caused it, built by the API from the lead versions.
 */
export function WeeklyChanges({
  changes,
  filters,
  ownerName,
}: {
  changes: LeadChanges;
  filters: LeadFilters;
  ownerName: (id: string | null) => string;
}) {
  const { t, fmt, locale } = useI18n();
  const L = t.leadsPage;
  // Pages fetched with "show more", for the loader's data they continue; new loader data (other
  // filters, a revalidation) starts over from its own first page.
  const [more_, setMore] = useState<{ from: LeadChanges; items: Item[]; cursor: string | null } | null>(null);
  const extra = more_?.from === changes ? more_ : null;
  const firstIds = new Set(changes.items.map((i) => i.lead.id));
  const items = [...changes.items, ...(extra?.items ?? []).filter((i) => !firstIds.has(i.lead.id))];
  const cursor = extra ? extra.cursor : changes.nextCursor;
  const [busy, setBusy] = useState(false);

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return "—";
    if (field === "ownerId" && typeof v === "string") return ownerName(v);
    if (typeof v === "boolean") return v ? L.yes : L.no;
    if (typeof v === "number")
      return v.toLocaleString(locale === "en" ? "en-US" : "pt-BR", { maximumFractionDigits: 2 });
    if (field === "territory" && typeof v === "string") return L.territory[v] ?? v;
    if (field === "enrichmentStatus" && typeof v === "string") return L.enrichment[v] ?? v;
    if (field === "heat" && typeof v === "string") return L.heatName[v as "HOT"] ?? v;
    if (Array.isArray(v)) return v.join(", ") || "—";
    return preview(v, 40);
  };
  // The person's name when a person did it; the job kind otherwise.
  const causes = (f: Item["fields"][number]) =>
    f.causes
      .map((c) => (c === "person" && f.people.length ? f.people.map(ownerName).join(", ") : L.cause[c]))
      .join(" · ");

  const more = async () => {
    if (!cursor) return;
    setBusy(true);
    const res = await clientApi<LeadChanges>(`/api/leads/changes?${changesQuery(filters, 10, cursor)}`);
    setBusy(false);
    if (res.ok)
      setMore({
        from: changes,
        items: [...(extra?.items ?? []), ...res.data.items],
        cursor: res.data.nextCursor,
      });
  };

  return (
    <Card labelledBy="lead-changed-title">
      <h2 id="lead-changed-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {L.changedTitle}
      </h2>
      <p className="mt-1 text-xs text-slate-500">
        {L.changesHint} {(filters.owner || filters.heat) && L.changesFiltered}
      </p>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.changedEmpty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800" aria-label={L.changedTitle}>
          {items.map((item) => (
            <li key={item.lead.id} data-lead-change={item.lead.id} className="py-2 text-sm">
              <div className="flex items-center justify-between gap-3">
                <div className="min-w-0">
                  <Link
                    to={`/leads/${item.lead.id}`}
                    className="block truncate font-medium text-brand-blue hover:underline dark:text-blue-300"
                  >
                    {item.lead.company}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {fmt.dateTime(item.lastChangedAt)}
                    {item.created && ` · ${L.changesNew}`}
                  </p>
                </div>
                <HeatBadge heat={item.lead.heat} />
              </div>
              <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-300">
                {item.fields.map((f) => (
                  <li key={f.field} data-field={f.field} className="break-words">
                    <span className="font-semibold">{L.fieldNames[f.field] ?? f.field}</span>:{" "}
                    <span className="text-red-700 line-through dark:text-red-300">
                      {show(f.field, f.from)}
                    </span>{" "}
                    → <span className="text-brand-green dark:text-green-400">{show(f.field, f.to)}</span>{" "}
                    <span className="text-slate-500">
                      ({causes(f)}
                      {f.changes > 1 ? ` · ${L.changesTimes(f.changes)}` : ""})
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button
          type="button"
          className={`${buttonClass.secondary} mt-3`}
          disabled={busy}
          onClick={() => void more()}
        >
          {L.changesMore}
        </button>
      )}
    </Card>
  );
}
