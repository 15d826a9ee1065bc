import { useState } from "react";
import { Link, useRevalidator } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, inputClass } from "../components/page";
import { sendJson, useApiSubmit } from "../content/library/form-kit";
import { clientApi } from "../lib/api-client";
import { describe, FormField, invalidInput } from "../settings/fields";
import { type Account, type Action, INVITE_NOTE_MAX } from "./types";
import { OutreachBadge, recipient, useTexts } from "./ui";

/** Drafts waiting for a person: edit, approve (one or many), reject with a reason. */
export function ApprovalQueue({ items, accounts }: { items: Action[]; accounts: Account[] }) {
  const T = useTexts();
  const revalidator = useRevalidator();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const ready = items.filter((a) => a.text?.trim());
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const chosen = ready.filter((a) => selected.has(a.id)).map((a) => a.id);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const bulkApprove = async () => {
    setBusy(true);
    const res = await clientApi<{ results: Array<{ id: string; status: string; detail?: string }> }>(
      "/api/outreach/actions/approve",
      sendJson("POST", { ids: chosen }),
    );
    setBusy(false);
    if (!res.ok) {
      toast.error(res.problem?.detail ?? T.failed);
      return;
    }
    const ok = res.data.results.filter((r) => r.status === "approved").length;
    const refused = res.data.results.length - ok;
    (refused ? toast.warning : toast.success)(T.approvedMany(ok, refused));
    setSelected(new Set());
    void revalidator.revalidate();
  };

  return (
    <Card labelledBy="queue-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="queue-title" className="text-base font-semibold text-slate-900 dark:text-white">
            {T.queue}{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-300">({items.length})</span>
          </h2>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{T.queueHint}</p>
        </div>
        {ready.length > 0 && (
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-200">
              <input
                type="checkbox"
                checked={chosen.length === ready.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(ready.map((a) => a.id)) : new Set())}
              />
              {T.selectAll}
            </label>
            <button
              type="button"
              className={buttonClass.cta}
              disabled={busy || chosen.length === 0}
              onClick={() => void bulkApprove()}
            >
              {T.approveSelected(chosen.length)}
            </button>
          </div>
        )}
      </div>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{T.queueEmpty}</p>
      ) : (
        <ul className="mt-4 space-y-4">
          {items.map((a) => (
            <QueueItem
              // A new text from the AI (or another person) replaces what was typed here.
              key={`${a.id}:${a.text ?? ""}`}
              action={a}
              accountName={names.get(a.accountId) ?? a.accountId}
              selected={selected.has(a.id)}
              onSelect={(on) => toggle(a.id, on)}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function QueueItem({
  action,
  accountName,
  selected,
  onSelect,
}: {
  action: Action;
  accountName: string;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const T = useTexts();
  const revalidator = useRevalidator();
  const [text, setText] = useState(action.text ?? "");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const { errors, detail, busy, send } = useApiSubmit();
  const base = `/api/outreach/actions/${encodeURIComponent(action.id)}`;
  const drafting = !action.text?.trim();
  const dirty = text !== (action.text ?? "");
  const invite = action.kind === "send_invite";
  const length = [...text].length;
  const who = recipient(action, T.someone);
  const textId = `text-${action.id}`;

  const save = async () => {
    const out = await send<{ action: Action }>(base, sendJson("PATCH", { text }));
    return out !== null;
  };
  const approve = async () => {
    if (dirty && !(await save())) return;
    if (await send<{ action: Action }>(`${base}/approve`, { method: "POST" })) {
      toast.success(T.approved);
      void revalidator.revalidate();
    }
  };
  const reject = async () => {
    if (await send<{ action: Action }>(`${base}/reject`, sendJson("POST", { reason }))) {
      toast.success(T.rejected);
      void revalidator.revalidate();
    }
  };

  return (
    <li
      id={`action-${action.id}`}
      data-action-id={action.id}
      className="scroll-mt-24 rounded-lg border border-slate-200 p-4 target:ring-2 target:ring-brand-orange dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          {!drafting && (
            <input
              type="checkbox"
              aria-label={T.select(`${T.kind[action.kind] ?? action.kind} ${T.to(who)}`)}
              checked={selected}
              onChange={(e) => onSelect(e.target.checked)}
            />
          )}
          <p className="text-sm font-medium text-slate-900 dark:text-white">
            {T.kind[action.kind] ?? action.kind} {T.to(who)}
          </p>
          <OutreachBadge status="draft" label={T.status.draft ?? "draft"} />
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-300">
          {accountName}
          {action.leadId && (
            <>
              {" · "}
              <Link
                to={`/leads/${action.leadId}`}
                className="text-brand-blue hover:underline dark:text-blue-300"
              >
                {T.openLead}
              </Link>
            </>
          )}
        </p>
      </div>
      {drafting ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
          {T.drafting}
        </p>
      ) : (
        <div className="mt-3 space-y-3">
          <FormField
            id={textId}
            label={T.text}
            hint={invite ? T.chars(length, INVITE_NOTE_MAX) : undefined}
            error={errors.text}
          >
            <textarea
              {...describe(textId, errors.text, invite ? T.chars(length, INVITE_NOTE_MAX) : undefined)}
              rows={invite ? 3 : 5}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className={`${inputClass} w-full ${errors.text ? invalidInput : ""}`}
            />
          </FormField>
          {detail && !errors.text && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {detail}
            </p>
          )}
          <div className="flex flex-wrap items-end gap-2">
            <button type="button" className={buttonClass.cta} disabled={busy} onClick={() => void approve()}>
              {T.approve}
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              disabled={busy || !dirty}
              onClick={() => void save().then((ok) => ok && toast.success(T.saved))}
            >
              {T.save}
            </button>
            {rejecting ? (
              <form
                className="flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  void reject();
                }}
              >
                <FormField id={`reason-${action.id}`} label={T.rejectReason} error={errors.reason}>
                  <input
                    {...describe(`reason-${action.id}`, errors.reason)}
                    value={reason}
                    placeholder={T.rejectPlaceholder}
                    onChange={(e) => setReason(e.target.value)}
                    className={`${inputClass} ${errors.reason ? invalidInput : ""}`}
                  />
                </FormField>
                <button type="submit" className={buttonClass.danger} disabled={busy}>
                  {T.reject}
                </button>
              </form>
            ) : (
              <button type="button" className={buttonClass.danger} onClick={() => setRejecting(true)}>
                {T.reject}
              </button>
            )}
          </div>
        </div>
      )}
    </li>
  );
}
