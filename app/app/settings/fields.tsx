import type { ReactNode } from "react";

export const errorId = (id: string) => `${id}-error`;
const hintId = (id: string) => `${id}-hint`;

/** A labelled control with an optional hint and a field error tied to it by aria-describedby. */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={hintId(id)} className="text-[11px] text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(id)} className="text-xs font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes for a control rendered inside `FormField`. */
export function describe(id: string, error?: string, hint?: string) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId(id) : hint ? hintId(id) : undefined,
  } as const;
}

export const invalidInput = "border-red-500 ring-1 ring-red-500 dark:border-red-500";

export function Checkbox({
  name,
  label,
  checked,
  onChange,
  defaultChecked,
}: {
  name?: string;
  label: string;
  checked?: boolean;
  defaultChecked?: boolean;
  onChange?: (v: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-100">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        defaultChecked={defaultChecked}
        onChange={onChange ? (e) => onChange(e.currentTarget.checked) : undefined}
        className="size-4 rounded border-slate-300 accent-brand-blue"
      />
      {label}
    </label>
  );
}
