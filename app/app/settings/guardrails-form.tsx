import { useEffect, useId, useState } from "react";
import { useFetcher } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "../components/confirm-dialog";
import { buttonClass, Card, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { describe, FormField, invalidInput } from "./fields";
import { CAROUSEL_TYPE, type Guardrails, type SettingsActionResult } from "./types";

type Row = { key: number; type: string; perDay: string };
type Draft = {
  globalDailyUsd: string;
  globalMonthlyUsd: string;
  userDailyUsd: string;
  warnAtPct: string;
  carousels: string;
  maxImagesPerCarousel: string;
  maxConcurrentAiJobsPerUser: string;
  aiJobTypes: string;
  rows: Row[];
};

let rowKey = 0;
function draftOf(g: Guardrails): Draft {
  return {
    globalDailyUsd: String(g.globalDailyUsd),
    globalMonthlyUsd: String(g.globalMonthlyUsd),
    userDailyUsd: String(g.userDailyUsd),
    warnAtPct: String(Math.round(g.warnAtFraction * 100)),
    carousels: g.userJobsPerDay[CAROUSEL_TYPE] === undefined ? "" : String(g.userJobsPerDay[CAROUSEL_TYPE]),
    maxImagesPerCarousel: String(g.maxImagesPerCarousel),
    maxConcurrentAiJobsPerUser: String(g.maxConcurrentAiJobsPerUser),
    aiJobTypes: g.aiJobTypes.join(", "),
    rows: Object.entries(g.userJobsPerDay)
      .filter(([type]) => type !== CAROUSEL_TYPE)
      .map(([type, n]) => ({ key: rowKey++, type, perDay: String(n) })),
  };
}

/** Numbers are sent as typed (NaN for garbage) so the API's validation names the bad field. */
const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v.replace(",", ".")));

function toGuardrails(d: Draft, killSwitch: boolean): Guardrails {
  const userJobsPerDay: Record<string, number> = {};
  if (d.carousels.trim() !== "") userJobsPerDay[CAROUSEL_TYPE] = num(d.carousels);
  for (const r of d.rows) if (r.type.trim()) userJobsPerDay[r.type.trim()] = num(r.perDay);
  return {
    killSwitch,
    globalDailyUsd: num(d.globalDailyUsd),
    globalMonthlyUsd: num(d.globalMonthlyUsd),
    userDailyUsd: num(d.userDailyUsd),
    userJobsPerDay,
    maxImagesPerCarousel: num(d.maxImagesPerCarousel),
    maxConcurrentAiJobsPerUser: num(d.maxConcurrentAiJobsPerUser),
    aiJobTypes: d.aiJobTypes
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    warnAtFraction: num(d.warnAtPct) / 100,
  };
}

/** "Limites de gastos" (admin): every guardrail field, the kill switch behind a confirmation. */
export function GuardrailsForm({ value, jobTypes }: { value: Guardrails; jobTypes: string[] }) {
  const { t } = useI18n();
  const s = t.settingsPage;
  const l = s.limits;
  const fetcher = useFetcher<SettingsActionResult>();
  const busy = fetcher.state !== "idle";
  const [draft, setDraft] = useState(() => draftOf(value));
  const [confirming, setConfirming] = useState(false);
  const typesListId = useId();
  const result = fetcher.data?.intent === "guardrails" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.errors : {};

  // A saved value (or another admin's change after revalidation) replaces the draft.
  const valueKey = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialized value
  useEffect(() => setDraft(draftOf(value)), [valueKey]);

  useEffect(() => {
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) toast.success(l.saved);
    else toast.error(Object.keys(result.errors).length ? s.saveFailed : result.detail);
  }, [result, fetcher.state, l, s]);

  const save = (killSwitch: boolean) =>
    fetcher.submit(
      { intent: "guardrails", value: JSON.stringify(toGuardrails(draft, killSwitch)) },
      { method: "post" },
    );
  const set = (k: keyof Omit<Draft, "rows">) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [k]: e.currentTarget.value }));
  const err = (field: string) => (errors[field] ? s.invalidValue : undefined);

  const numberField = (
    id: string,
    field: keyof Omit<Draft, "rows" | "aiJobTypes">,
    apiField: string,
    label: string,
    step = "1",
  ) => {
    const e = err(apiField);
    return (
      <FormField id={id} label={label} error={e}>
        <input
          {...describe(id, e)}
          type="number"
          inputMode="decimal"
          min={0}
          step={step}
          value={draft[field]}
          onChange={set(field)}
          className={`${inputClass} ${e ? invalidInput : ""}`}
        />
      </FormField>
    );
  };

  const on = value.killSwitch;
  return (
    <Card labelledBy="limits-title">
      <h2 id="limits-title" className="text-base font-semibold">
        {l.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{l.body}</p>

      <div
        className={`mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 ${
          on
            ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950"
            : "border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/50"
        }`}
      >
        <div>
          <p id="kill-switch-label" className="text-sm font-semibold">
            {l.killSwitch}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-300">{l.killSwitchHint}</p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby="kill-switch-label"
          disabled={busy}
          onClick={() => setConfirming(true)}
          className="inline-flex items-center gap-2 text-sm font-medium"
        >
          <span
            aria-hidden="true"
            className={`relative inline-block h-6 w-11 rounded-full transition-colors ${on ? "bg-red-600" : "bg-slate-300 dark:bg-slate-600"}`}
          >
            <span
              className={`absolute top-0.5 size-5 rounded-full bg-white shadow transition-all ${on ? "left-5.5" : "left-0.5"}`}
            />
          </span>
          <span className={on ? "text-red-800 dark:text-red-200" : ""}>
            {on ? l.killSwitchOn : l.killSwitchOff}
          </span>
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        danger={!on}
        title={on ? l.confirmOffTitle : l.confirmOnTitle}
        body={on ? l.confirmOffBody : l.confirmOnBody}
        onConfirm={() => save(!on)}
        onClose={() => setConfirming(false)}
      />

      <form
        noValidate
        className="mt-5 space-y-5"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          save(value.killSwitch);
        }}
      >
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800 dark:text-slate-100">{l.money}</legend>
          {numberField("g-user-daily", "userDailyUsd", "userDailyUsd", l.userDailyUsd, "0.01")}
          {numberField("g-global-daily", "globalDailyUsd", "globalDailyUsd", l.globalDailyUsd, "0.01")}
          {numberField(
            "g-global-monthly",
            "globalMonthlyUsd",
            "globalMonthlyUsd",
            l.globalMonthlyUsd,
            "0.01",
          )}
          {numberField("g-warn", "warnAtPct", "warnAtFraction", l.warnAt)}
        </fieldset>

        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800 dark:text-slate-100">
            {l.volume}
          </legend>
          {numberField("g-carousels", "carousels", "userJobsPerDay", l.carousels)}
          {numberField("g-images", "maxImagesPerCarousel", "maxImagesPerCarousel", l.maxImages)}
          {numberField(
            "g-concurrency",
            "maxConcurrentAiJobsPerUser",
            "maxConcurrentAiJobsPerUser",
            l.concurrency,
          )}
        </fieldset>

        <fieldset>
          <legend className="text-sm font-semibold text-slate-800 dark:text-slate-100">{l.perType}</legend>
          <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">{l.perTypeHint}</p>
          <datalist id={typesListId}>
            {jobTypes.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
          {draft.rows.length === 0 && (
            <p className="text-xs text-slate-500 dark:text-slate-400">{l.noTypes}</p>
          )}
          <ul className="space-y-2">
            {draft.rows.map((r, i) => {
              const update = (patch: Partial<Row>) =>
                setDraft((d) => ({
                  ...d,
                  rows: d.rows.map((x) => (x.key === r.key ? { ...x, ...patch } : x)),
                }));
              return (
                <li key={r.key} className="flex items-end gap-2">
                  <FormField id={`type-${r.key}`} label={`${l.type} ${i + 1}`}>
                    <input
                      id={`type-${r.key}`}
                      list={typesListId}
                      value={r.type}
                      onChange={(e) => update({ type: e.currentTarget.value })}
                      placeholder="system.ping"
                      className={`${inputClass} w-56`}
                    />
                  </FormField>
                  <FormField id={`per-day-${r.key}`} label={`${l.perDay} (${r.type || l.type})`}>
                    <input
                      id={`per-day-${r.key}`}
                      type="number"
                      min={0}
                      step={1}
                      value={r.perDay}
                      onChange={(e) => update({ perDay: e.currentTarget.value })}
                      className={`${inputClass} w-28 ${errors.userJobsPerDay ? invalidInput : ""}`}
                    />
                  </FormField>
                  <button
                    type="button"
                    className={buttonClass.danger}
                    onClick={() => setDraft((d) => ({ ...d, rows: d.rows.filter((x) => x.key !== r.key) }))}
                  >
                    <span aria-hidden="true">✕</span>
                    <span className="sr-only">{l.removeType(r.type)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className={`${buttonClass.secondary} mt-2`}
            onClick={() =>
              setDraft((d) => ({ ...d, rows: [...d.rows, { key: rowKey++, type: "", perDay: "1" }] }))
            }
          >
            + {l.addType}
          </button>
        </fieldset>

        <FormField id="g-ai-types" label={l.aiJobTypes} hint={l.aiJobTypesHint} error={err("aiJobTypes")}>
          <input
            {...describe("g-ai-types", err("aiJobTypes"), l.aiJobTypesHint)}
            value={draft.aiJobTypes}
            onChange={set("aiJobTypes")}
            className={inputClass}
          />
        </FormField>

        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? s.saving : s.save}
        </button>
      </form>
    </Card>
  );
}
