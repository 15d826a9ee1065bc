import { useEffect, useId, useRef, useState } from "react";
import type { FetcherWithComponents } from "react-router";
import { buttonClass } from "../components/page";
import { useI18n } from "../i18n";
import type { ReviewActionResult } from "./content.server";
import type { Content } from "./types";

/**
 * Approve / Reject-with-reason, offered on drafts only: a review is a decision, so an approved or
 * rejected item shows its status (and reason) instead. Only a signed-in person's click gets here (FR17).
 */
export function ReviewBar({
  content,
  fetcher,
}: {
  content: Content;
  fetcher: FetcherWithComponents<ReviewActionResult>;
}) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const [open, setOpen] = useState(false);
  const busy = fetcher.state !== "idle";
  const intent = fetcher.formData?.get("intent");
  if (content.status !== "draft") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={buttonClass.danger} disabled={busy} onClick={() => setOpen(true)}>
        {d.reject}
      </button>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="approve" />
        <button
          type="submit"
          className={`${buttonClass.primary} bg-brand-green hover:bg-green-800`}
          disabled={busy}
        >
          <span aria-hidden="true">✓</span>
          {busy && intent === "approve" ? "…" : d.approve}
        </button>
      </fetcher.Form>
      <RejectDialog open={open} onClose={() => setOpen(false)} fetcher={fetcher} />
    </div>
  );
}

function RejectDialog({
  open,
  onClose,
  fetcher,
}: {
  open: boolean;
  onClose: () => void;
  fetcher: FetcherWithComponents<ReviewActionResult>;
}) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  // Only the answer to a rejection sent from this dialog counts (the fetcher is shared).
  const sent = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      setError(null);
      el.showModal();
    }
    if (!open && el.open) el.close();
  }, [open]);

  // Close once the API accepted the rejection; keep it open with the message otherwise.
  useEffect(() => {
    const r = fetcher.data;
    if (!open || !sent.current || fetcher.state !== "idle" || !r || r.intent !== "reject") return;
    sent.current = false;
    if (r.ok) {
      setReason("");
      onClose();
    } else setError(r.errors.find((e) => e.path === "reason")?.message ?? r.detail);
  }, [fetcher.data, fetcher.state, open, onClose]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-slate-900 shadow-2xl backdrop:bg-navy-950/60 dark:bg-navy-900 dark:text-slate-100"
    >
      <fetcher.Form
        method="post"
        onSubmit={(e) => {
          if (reason.trim().length < 3) {
            e.preventDefault();
            setError(d.reasonHint);
          } else {
            setError(null);
            sent.current = true;
          }
        }}
      >
        <input type="hidden" name="intent" value="reject" />
        <h2 id={titleId} className="text-lg font-semibold">
          {d.rejectTitle}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{d.rejectBody}</p>
        <label
          htmlFor={reasonId}
          className="mt-4 block text-xs font-medium text-slate-600 dark:text-slate-300"
        >
          {d.reason}
        </label>
        <textarea
          id={reasonId}
          name="reason"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${reasonId}-error` : undefined}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm aria-invalid:border-red-500 dark:border-slate-600 dark:bg-slate-800 dark:aria-invalid:border-red-500"
        />
        {error && (
          <p id={`${reasonId}-error`} className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            {d.cancel}
          </button>
          <button type="submit" className={buttonClass.danger} disabled={fetcher.state !== "idle"}>
            {d.confirmReject}
          </button>
        </div>
      </fetcher.Form>
    </dialog>
  );
}
