import { type FormEvent, useState } from "react";
import { Link, useRevalidator } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "../components/confirm-dialog";
import { buttonClass, Card, Field, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { preview } from "../jobs/job-text";
import { clientApi } from "../lib/api-client";
import { ENGAGEMENT_KINDS, type LeadDetail, type LeadVersion, type UserLite } from "./types";
import { fmtScore, fmtSigned } from "./ui";

const h2 = "text-base font-semibold text-slate-900 dark:text-white";

/** Factors sorted by |points|, signed, with a bar scaled to the largest. */
export function ScoreBreakdown({ lead }: { lead: LeadDetail }) {
  const { t, locale } = useI18n();
  const L = t.leadsPage;
  const factors = [...lead.breakdown].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const max = Math.max(1, ...factors.map((f) => Math.abs(f.points)));
  return (
    <Card labelledBy="breakdown-title">
      <h2 id="breakdown-title" className={h2}>
        {L.breakdownTitle}
      </h2>
      <p className="mt-1 text-xs text-slate-500">{L.breakdownHint}</p>
      {factors.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.breakdownEmpty}</p>
      ) : (
        <ul className="mt-3 space-y-2" aria-label={L.breakdownTitle}>
          {factors.map((f) => (
            <li
              key={`${f.factor}-${f.detail}`}
              className="grid grid-cols-[8rem_1fr_3.5rem] items-center gap-3 text-sm"
            >
              <span className="truncate text-slate-700 dark:text-slate-200" title={f.detail}>
                {L.factorNames[f.factor] ?? f.factor}
                <span className="block truncate text-[11px] text-slate-500">{f.detail}</span>
              </span>
              <span aria-hidden="true" className="h-2 rounded-full bg-slate-100 dark:bg-slate-800">
                <span
                  className={`block h-2 rounded-full ${f.points < 0 ? "bg-red-500" : "bg-brand-green"}`}
                  style={{ width: `${(Math.abs(f.points) / max) * 100}%` }}
                />
              </span>
              <span
                className={`text-right font-semibold tabular-nums ${f.points < 0 ? "text-red-700 dark:text-red-300" : "text-brand-green dark:text-green-400"}`}
              >
                {fmtSigned(f.points, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Engagement events (newest first, decayed points) and a small form to record one. */
export function EngagementTimeline({ lead, writable }: { lead: LeadDetail; writable: boolean }) {
  const { t, fmt, locale } = useI18n();
  const L = t.leadsPage;
  const revalidator = useRevalidator();
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const date = String(form.get("occurredAt") ?? "");
    const body: Record<string, string> = { kind: String(form.get("kind")), source: "manual" };
    // A chosen day is recorded at noon São Paulo time (never in the future for "today").
    if (date) body.occurredAt = new Date(`${date}T12:00:00-03:00`).toISOString();
    if (body.occurredAt && Date.parse(body.occurredAt) > Date.now()) delete body.occurredAt;
    setSaving(true);
    const res = await clientApi(`/api/leads/${encodeURIComponent(lead.id)}/engagements`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setSaving(false);
    if (res.ok) {
      toast.success(L.recorded);
      void revalidator.revalidate();
    } else toast.error(res.problem?.detail ?? L.saveFailed);
  };

  return (
    <Card labelledBy="engagement-title">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="engagement-title" className={h2}>
          {L.engagementTitle}
        </h2>
        <span className="text-xs text-slate-500">
          {L.engagementScore}: <strong className="tabular-nums">{Math.round(lead.engagementScore)}</strong>
          /100
        </span>
      </div>
      {lead.engagements.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.engagementEmpty}</p>
      ) : (
        <ol className="mt-3 max-h-72 space-y-0 overflow-y-auto border-l-2 border-slate-200 pl-4 dark:border-slate-700">
          {lead.engagements.map((e) => (
            <li key={e.id} className="relative py-1.5 text-sm">
              <span
                aria-hidden="true"
                className="absolute -left-[1.4rem] top-3 size-2.5 rounded-full ring-2 ring-white dark:ring-navy-900"
                style={{ backgroundColor: e.points < 0 ? "#dc2626" : "var(--accent)" }}
              />
              <div className="flex items-baseline justify-between gap-3">
                <span className="text-slate-800 dark:text-slate-100">{L.kinds[e.kind] ?? e.kind}</span>
                <span
                  className={`shrink-0 text-xs font-semibold tabular-nums ${e.points < 0 ? "text-red-700 dark:text-red-300" : "text-brand-green dark:text-green-400"}`}
                  title={L.engagementPoints}
                >
                  {fmtSigned(e.points, locale)}
                </span>
              </div>
              <p className="text-xs text-slate-500">
                {fmt.date(e.occurredAt)} · {e.source}
              </p>
            </li>
          ))}
        </ol>
      )}
      {writable && (
        <form
          onSubmit={(e) => void submit(e)}
          className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4 dark:border-slate-800"
          aria-label={L.recordEngagement}
        >
          <Field label={L.kind}>
            <select name="kind" className={inputClass} defaultValue="meeting_booked">
              {ENGAGEMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {L.kinds[k] ?? k}
                </option>
              ))}
            </select>
          </Field>
          <Field label={L.occurredAt}>
            <input
              type="date"
              name="occurredAt"
              max={today()}
              defaultValue={today()}
              className={inputClass}
            />
          </Field>
          <button type="submit" className={buttonClass.secondary} disabled={saving}>
            {L.recordEngagement}
          </button>
        </form>
      )}
    </Card>
  );
}

/** "Encontrado via LinkedIn (Unipile)" / "Do site" with the link and when it was fetched. */
export function CitationChip({
  source,
  url,
  fetchedAt,
}: {
  source: string;
  url: string | null;
  fetchedAt: string;
}) {
  const { t, fmt } = useI18n();
  const L = t.leadsPage;
  const label =
    source === "unipile" || source === "linkedin"
      ? L.viaUnipile
      : source === "website" || source === "site"
        ? L.viaWebsite
        : L.viaOther(source);
  return (
    <span data-citation={source} className="flex flex-wrap items-center gap-x-1.5 text-[11px] text-slate-500">
      <span aria-hidden="true">{source === "website" || source === "site" ? "🌐" : "🔗"}</span>
      <span className="font-medium text-slate-600 dark:text-slate-300">{label}</span>
      {url && (
        <a
          href={url}
          target="_blank"
          rel="noreferrer noopener"
          className="max-w-56 truncate text-brand-blue hover:underline dark:text-blue-300"
          title={url}
        >
          {L.openSource}
        </a>
      )}
      <span>· {L.fetchedAt(fmt.date(fetchedAt))}</span>
    </span>
  );
}

export function DecisionMakers({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const citation = (i: number) => lead.sources.find((s) => s.field === `decisionMakers[${i}]`);
  return (
    <Card labelledBy="dm-title">
      <h2 id="dm-title" className={h2}>
        {L.decisionMakersTitle}
      </h2>
      {lead.decisionMakers.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.decisionMakersEmpty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {lead.decisionMakers.map((m, i) => {
            const c = citation(i);
            return (
              <li
                key={m.providerId ?? m.name}
                data-decision-maker
                className="rounded-lg border border-slate-200 p-3 dark:border-slate-700"
              >
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900 dark:text-white">{m.name}</p>
                    {m.headline && <p className="text-xs text-slate-600 dark:text-slate-300">{m.headline}</p>}
                  </div>
                  {m.profileUrl && (
                    <a
                      href={m.profileUrl}
                      target="_blank"
                      rel="noreferrer noopener"
                      className={`${buttonClass.secondary} !px-2 !py-1 !text-xs shrink-0`}
                    >
                      {L.openProfile}
                    </a>
                  )}
                </div>
                <div className="mt-2 rounded-md bg-slate-50 px-2 py-1.5 dark:bg-slate-800/60">
                  <CitationChip source={m.source} url={c?.url ?? m.profileUrl} fetchedAt={m.fetchedAt} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

type Fact = { key: string; value: string; citation?: LeadDetail["sources"][number] };

/** Company facts: our own fields (cited when enrichment supplied them) plus fetched-only facts. */
export function CompanyFacts({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const cite = (field: string) => lead.sources.find((s) => s.field === `company.${field}`);
  const yn = (b: boolean) => (b ? L.yes : L.no);
  const own: Fact[] = [
    { key: "website", value: lead.website ?? "", citation: cite("website") },
    { key: "linkedinUrl", value: lead.linkedinUrl ?? "", citation: cite("linkedinUrl") },
    { key: "employees", value: lead.employees?.toString() ?? "", citation: cite("employeeCount") },
    { key: "tier", value: lead.tier?.toString() ?? "" },
    { key: "products", value: lead.products ?? "" },
    { key: "certifications", value: lead.certifications.join(", ") },
    { key: "yearsInBusiness", value: lead.yearsInBusiness?.toString() ?? "" },
    { key: "countriesServed", value: lead.countriesServed?.toString() ?? "" },
    { key: "hasRnd", value: yn(lead.hasRnd) },
    { key: "isManufacturer", value: yn(lead.isManufacturer) },
  ].filter((f) => f.value !== "");
  const fetched: Fact[] = ["industry", "locations", "description"].flatMap((k) => {
    const c = cite(k);
    return c?.value ? [{ key: k, value: readable(c.value), citation: c }] : [];
  });
  return (
    <Card labelledBy="facts-title">
      <h2 id="facts-title" className={h2}>
        {L.factsTitle}
      </h2>
      <dl className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {[...own, ...fetched].map((f) => (
          <div key={f.key} className="grid grid-cols-[9rem_1fr] gap-3 py-2">
            <dt className="text-xs font-medium text-slate-500">{L.facts[f.key] ?? f.key}</dt>
            <dd className="min-w-0">
              <span className="break-words text-slate-800 dark:text-slate-100">{f.value}</span>
              {f.citation ? (
                <CitationChip
                  source={f.citation.source}
                  url={f.citation.url}
                  fetchedAt={f.citation.fetchedAt}
                />
              ) : (
                <span className="block text-[11px] text-slate-400">{L.fromImport}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** Today in São Paulo as yyyy-MM-dd (the value of a date input). */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
}

function readable(v: string): string {
  try {
    const parsed: unknown = JSON.parse(v);
    if (Array.isArray(parsed))
      return parsed
        .map((x) =>
          typeof x === "object" && x
            ? Object.values(x)
                .filter((y) => typeof y === "string")
                .join(", ")
            : String(x),
        )
        .join("; ");
    return typeof parsed === "string" ? parsed : v;
  } catch {
    return v;
  }
}

export function OwnerCard({
  lead,
  users,
  writable,
}: {
  lead: LeadDetail;
  users: UserLite[];
  writable: boolean;
}) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const revalidator = useRevalidator();
  const [owner, setOwner] = useState(lead.ownerId ?? "");
  const [saving, setSaving] = useState(false);
  const current = users.find((u) => u.id === lead.ownerId);

  const save = async () => {
    setSaving(true);
    const res = await clientApi(`/api/leads/${encodeURIComponent(lead.id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ownerId: owner || null }),
    });
    setSaving(false);
    if (res.ok) {
      toast.success(L.ownerSaved);
      void revalidator.revalidate();
    } else toast.error(res.problem?.detail ?? L.saveFailed);
  };

  return (
    <Card labelledBy="owner-title">
      <h2 id="owner-title" className={h2}>
        {L.ownerTitle}
      </h2>
      <p className="mt-2 text-sm text-slate-800 dark:text-slate-100" data-owner>
        <span className="font-medium">{current?.name ?? L.unassigned}</span>
        {lead.ownerManual ? (
          <span
            className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
            title={L.ownerManualHint}
          >
            {L.ownerManual}
          </span>
        ) : (
          <span className="ml-2 text-xs text-slate-500">({L.ownerAuto})</span>
        )}
      </p>
      <p className="text-xs text-slate-500">{L.territory[lead.territory] ?? lead.territory}</p>
      {lead.ownerManual && <p className="mt-1 text-xs text-slate-500">{L.ownerManualHint}</p>}
      {writable && (
        <div className="mt-3 flex items-end gap-2">
          <Field label={L.ownerTitle}>
            <select value={owner} onChange={(e) => setOwner(e.target.value)} className={inputClass}>
              <option value="">{L.unassigned}</option>
              {users
                .filter((u) => u.role !== "marketing")
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </Field>
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={saving || owner === (lead.ownerId ?? "")}
            onClick={() => void save()}
          >
            {L.ownerSave}
          </button>
        </div>
      )}
    </Card>
  );
}

export function VersionHistory({
  lead,
  versions,
  users,
  writable,
}: {
  lead: LeadDetail;
  versions: LeadVersion[];
  users: UserLite[];
  writable: boolean;
}) {
  const { t, fmt } = useI18n();
  const L = t.leadsPage;
  const revalidator = useRevalidator();
  const [confirm, setConfirm] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? id) : "—");
  // Owners by name, timestamps as dates, long values (the breakdown) shortened.
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return "—";
    if (field === "ownerId" && typeof v === "string") return name(v);
    if (field.endsWith("At") && typeof v === "number") return fmt.dateTime(new Date(v).toISOString());
    return preview(v, 40);
  };

  const revert = async (version: number) => {
    setBusy(true);
    const res = await clientApi(`/api/leads/${encodeURIComponent(lead.id)}/versions/${version}/revert`, {
      method: "POST",
    });
    setBusy(false);
    if (res.ok) {
      toast.success(L.reverted(version));
      void revalidator.revalidate();
    } else toast.error(res.problem?.detail ?? L.saveFailed);
  };

  return (
    <Card labelledBy="versions-title">
      <h2 id="versions-title" className={h2}>
        {L.versionsTitle}
      </h2>
      {versions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.versionsEmpty}</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label={L.versionsTitle}>
          {versions.map((v) => (
            <li
              key={v.version}
              data-version={v.version}
              className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
            >
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900 dark:text-white">
                    v{v.version} · {v.reason}
                  </p>
                  <p className="text-xs text-slate-500">
                    {fmt.dateTime(v.createdAt)} · {L.by(name(v.changedBy))}
                    {v.jobId && (
                      <>
                        {" · "}
                        <Link
                          to={`/jobs/${v.jobId}`}
                          className="text-brand-blue hover:underline dark:text-blue-300"
                        >
                          {L.job} {v.jobId.slice(0, 8)}
                        </Link>
                      </>
                    )}
                  </p>
                </div>
                {writable && (
                  <button
                    type="button"
                    className={`${buttonClass.danger} !px-2 !py-1 !text-xs shrink-0`}
                    disabled={busy}
                    aria-label={`${L.revert} v${v.version}`}
                    onClick={() => setConfirm(v.version)}
                  >
                    {L.revert}
                  </button>
                )}
              </div>
              <ul className="mt-2 space-y-0.5 font-mono text-[11px] text-slate-600 dark:text-slate-300">
                {Object.entries(v.diff).map(([field, d]) => (
                  <li key={field} className="break-words">
                    <span className="font-semibold">{field}</span>:{" "}
                    <span className="text-red-700 line-through dark:text-red-300">{show(field, d.from)}</span>{" "}
                    → <span className="text-brand-green dark:text-green-400">{show(field, d.to)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={confirm !== null}
        danger
        title={confirm !== null ? L.revertTitle(confirm) : ""}
        body={L.revertBody}
        onConfirm={() => confirm !== null && void revert(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Card>
  );
}

export function ScoreStrip({ lead }: { lead: LeadDetail }) {
  const { t, locale } = useI18n();
  const L = t.leadsPage;
  const stat = (label: string, value: string, extra?: string) => (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">
        {value}
        {extra && <span className="text-sm font-normal text-slate-500">{extra}</span>}
      </p>
    </div>
  );
  return (
    <div className="flex flex-wrap items-end gap-x-10 gap-y-3" data-lead-score={lead.leadScore}>
      {stat(L.leadScore, fmtScore(lead.leadScore, locale), "/10")}
      {stat(L.fitScore, fmtScore(lead.fitScore, locale), "/10")}
      {stat(L.engagementScore, String(Math.round(lead.engagementScore)), "/100")}
      <div>
        <p className="text-sm text-slate-700 dark:text-slate-200">
          {L.enrichment[lead.enrichmentStatus] ?? lead.enrichmentStatus} · {L.version(lead.version)}
        </p>
      </div>
    </div>
  );
}
