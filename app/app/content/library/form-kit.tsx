import { type ReactNode, useState } from "react";
import { buttonClass, Card, inputClass } from "../../components/page";
import { useI18n } from "../../i18n";
import { clientApi } from "../../lib/api-client";
import type { FieldError } from "../types";

export type Errors = Record<string, string>;

/** Sends one library change to the API; field errors (`errors[].path`) are keyed by their first segment. */
export function useApiSubmit() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Errors>({});
  const [detail, setDetail] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send<T>(path: string, init: RequestInit): Promise<T | null> {
    setBusy(true);
    const res = await clientApi<T>(path, init);
    setBusy(false);
    if (res.ok) {
      setErrors({});
      setDetail(null);
      return res.data;
    }
    const p = res.problem as (typeof res.problem & { errors?: FieldError[] }) | null;
    const map: Errors = {};
    for (const fe of p?.errors ?? []) map[fe.path.split(".")[0] ?? ""] ??= fe.message;
    setErrors(map);
    setDetail(p?.detail ?? p?.title ?? (res.status === 0 ? t.errors.network : t.errors.generic));
    return null;
  }

  return { errors, setErrors, detail, setDetail, busy, send };
}

export const sendJson = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

export const splitList = (v: string, sep: RegExp) =>
  v
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);

/** A labelled control with its API error beside it. */
export function LibField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

export const fieldClass = (error?: string) =>
  `${inputClass} ${error ? "border-red-500 dark:border-red-500" : ""}`;

export function FormProblem({ detail }: { detail: string | null }) {
  if (!detail) return null;
  return (
    <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
      {detail}
    </p>
  );
}

export const pill =
  "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/**
 * A library section: heading, a "new" button that opens the create form, and the items' cards
 * (or an empty note).
 */
export function LibrarySection(props: {
  id: string;
  title: string;
  newLabel: string;
  emptyLabel: string;
  count: number;
  createForm: (onDone: (changed: boolean) => void) => ReactNode;
  onChanged: () => void;
  children: ReactNode;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <Card labelledBy={props.id}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id={props.id} className="text-lg font-semibold text-slate-900 dark:text-white">
          {props.title}
        </h2>
        {!creating && (
          <button type="button" className={buttonClass.primary} onClick={() => setCreating(true)}>
            {props.newLabel}
          </button>
        )}
      </div>
      {creating &&
        props.createForm((changed) => {
          setCreating(false);
          if (changed) props.onChanged();
        })}
      {props.count === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{props.emptyLabel}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">{props.children}</ul>
      )}
    </Card>
  );
}
