import { useEffect, useId, useRef } from "react";
import { useI18n } from "../i18n";
import { buttonClass } from "./page";

type Props = {
  open: boolean;
  title: string;
  body: string;
  onConfirm: () => void;
  onClose: () => void;
  danger?: boolean;
};

/** A modal confirmation on the native <dialog> (focus trap, Esc and inert page for free). */
export function ConfirmDialog({ open, title, body, onConfirm, onClose, danger }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-slate-900 shadow-2xl backdrop:bg-navy-950/60 dark:bg-navy-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={bodyId} className="mt-2 break-words text-sm text-slate-600 dark:text-slate-300">
        {body}
      </p>
      <div className="mt-6 flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t.monitor.dismiss}
        </button>
        <button
          type="button"
          className={danger ? buttonClass.danger : buttonClass.primary}
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {t.monitor.confirm}
        </button>
      </div>
    </dialog>
  );
}
