import { type FormEvent, useState } from "react";
import { useRevalidator } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, Field, inputClass } from "../../components/page";
import { useI18n } from "../../i18n";
import { clientApi } from "../../lib/api-client";
import { ENGAGEMENT_KINDS, type LeadDetail } from "../types";
import { fmtSigned } from "../ui";
import { h2 } from "./shared";

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
                {fmt.date(e.occurredAt)} · {L.engagementAge(e.ageDays)} · {e.source}
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

/** Today in São Paulo as yyyy-MM-dd (the value of a date input). */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
}
