import { useState } from "react";
import { toast } from "sonner";
import { buttonClass, Card, inputClass } from "../components/page";
import { sendJson, useApiSubmit } from "../content/library/form-kit";
import { describe, FormField, invalidInput } from "../settings/fields";
import type { Rules } from "./types";
import { useTexts } from "./ui";

type NumberKey = "dailyMin" | "dailyMax" | "weeklyCap" | "gapMinutes" | "gapJitterMinutes" | "warmupDays";
const NUMBERS: Array<{ key: NumberKey; label: keyof ReturnType<typeof useTexts> }> = [
  { key: "dailyMin", label: "dailyMin" },
  { key: "dailyMax", label: "dailyMax" },
  { key: "weeklyCap", label: "weeklyCapField" },
  { key: "gapMinutes", label: "gapMinutes" },
  { key: "gapJitterMinutes", label: "gapJitterMinutes" },
  { key: "warmupDays", label: "warmupDays" },
];

/**
 * The account's rules, editable. The browser does not second-guess the bounds: the API answers
 * 400 naming each field out of bounds, and that message is shown beside the field.
 */
export function RulesForm({
  accountId,
  rules,
  tierCap,
}: {
  accountId: string;
  rules: Rules;
  tierCap: number;
}) {
  const T = useTexts();
  const [value, setValue] = useState<Rules>(rules);
  const { errors, detail, busy, send } = useApiSubmit();
  const set = <K extends keyof Rules>(k: K, v: Rules[K]) => setValue((p) => ({ ...p, [k]: v }));
  const id = (k: string) => `rules-${k}`;
  const err = (k: string) => errors[k];

  const submit = async () => {
    const saved = await send<Rules>(
      `/api/outreach/accounts/${encodeURIComponent(accountId)}/rules`,
      sendJson("PUT", value),
    );
    if (saved) {
      setValue(saved);
      toast.success(T.rulesSaved);
    }
  };

  return (
    <Card labelledBy="rules-title">
      <h2 id="rules-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {T.rules}
      </h2>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{T.rulesHint(tierCap)}</p>
      <form
        className="mt-4 space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          {(["activeFrom", "activeTo"] as const).map((k) => (
            <FormField key={k} id={id(k)} label={T[k]} error={err(k)}>
              <input
                {...describe(id(k), err(k))}
                type="time"
                value={value[k]}
                onChange={(e) => set(k, e.target.value)}
                className={`${inputClass} w-full ${err(k) ? invalidInput : ""}`}
              />
            </FormField>
          ))}
          {NUMBERS.map(({ key, label }) => (
            <FormField key={key} id={id(key)} label={String(T[label])} error={err(key)}>
              <input
                {...describe(id(key), err(key))}
                type="number"
                inputMode="numeric"
                value={value[key] ?? ""}
                onChange={(e) => set(key, e.target.value === "" ? 0 : Number(e.target.value))}
                className={`${inputClass} w-full ${err(key) ? invalidInput : ""}`}
              />
            </FormField>
          ))}
        </div>
        <fieldset aria-describedby={err("weekdays") ? "rules-weekdays-error" : undefined}>
          <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">{T.weekdays}</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {T.weekdayNames.map((name, i) => {
              const day = i + 1;
              const on = value.weekdays.includes(day);
              return (
                <label
                  key={name}
                  className="flex items-center gap-1.5 text-sm text-slate-800 dark:text-slate-200"
                >
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() =>
                      set(
                        "weekdays",
                        on
                          ? value.weekdays.filter((d) => d !== day)
                          : [...value.weekdays, day].sort((a, b) => a - b),
                      )
                    }
                  />
                  {name}
                </label>
              );
            })}
          </div>
          {err("weekdays") && (
            <p id="rules-weekdays-error" className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
              {err("weekdays")}
            </p>
          )}
        </fieldset>
        {detail && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {detail}
          </p>
        )}
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {T.saveRules}
        </button>
      </form>
    </Card>
  );
}
