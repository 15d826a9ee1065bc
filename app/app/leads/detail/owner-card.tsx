import { useState } from "react";
import { useRevalidator } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, Field, inputClass } from "../../components/page";
import { useI18n } from "../../i18n";
import { clientApi } from "../../lib/api-client";
import type { LeadDetail, UserLite } from "../types";
import { OwnerOptions } from "../ui";
import { h2 } from "./shared";

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
              <OwnerOptions users={users} />
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
