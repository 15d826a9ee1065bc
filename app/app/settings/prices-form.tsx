import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { errorId, invalidInput } from "./fields";
import type { ModelPrice, PriceTable, SettingsActionResult } from "./types";

type Field = keyof ModelPrice;
type Draft = Record<string, Record<Field, string>>;

const FIELDS: Field[] = ["inputPerMTok", "outputPerMTok", "estimateUsd"];

function draftOf(table: PriceTable): Draft {
  return Object.fromEntries(
    Object.entries(table.models).map(([model, p]) => [
      model,
      {
        inputPerMTok: String(p.inputPerMTok),
        outputPerMTok: String(p.outputPerMTok),
        estimateUsd: String(p.estimateUsd),
      },
    ]),
  );
}

/** Numbers are sent as typed (NaN → null for garbage) so the API's validation names the bad field. */
const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v.replace(",", ".")));

/** "Tabela de preços de IA" (admin): every model's prices, saved as one set of overrides. */
export function PricesForm({ value }: { value: PriceTable }) {
  const { t, fmt } = useI18n();
  const s = t.settingsPage;
  const p = s.prices;
  const fetcher = useFetcher<SettingsActionResult>();
  const busy = fetcher.state !== "idle";
  const [draft, setDraft] = useState(() => draftOf(value));
  const result = fetcher.data?.intent === "prices" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.errors : {};

  // A saved table (or another admin's change after revalidation) replaces the draft.
  const valueKey = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialized value
  useEffect(() => setDraft(draftOf(value)), [valueKey]);

  useEffect(() => {
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) toast.success(p.saved);
    else toast.error(Object.keys(result.errors).length ? s.saveFailed : result.detail);
  }, [result, fetcher.state, p, s]);

  const models = Object.keys(draft);
  const labels: Record<Field, (model: string) => string> = {
    inputPerMTok: p.inputFor,
    outputPerMTok: p.outputFor,
    estimateUsd: p.estimateFor,
  };

  const save = () => {
    const overrides = Object.fromEntries(
      models.map((model) => [
        model,
        Object.fromEntries(FIELDS.map((f) => [f, num(draft[model]?.[f] ?? "")])) as ModelPrice,
      ]),
    );
    fetcher.submit({ intent: "prices", value: JSON.stringify(overrides) }, { method: "post" });
  };

  return (
    <Card labelledBy="prices-title">
      <h2 id="prices-title" className="text-base font-semibold">
        {p.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{p.body}</p>
      <form
        noValidate
        className="mt-4 space-y-4"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {models.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{p.empty}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {p.model}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {p.input}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {p.output}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {p.estimate}
                  </th>
                </tr>
              </thead>
              <tbody>
                {models.map((model, row) => (
                  <tr
                    key={model}
                    className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
                  >
                    <th
                      scope="row"
                      className="whitespace-nowrap pt-4 pr-3 pb-2 text-left font-mono text-xs font-medium"
                    >
                      {model}
                    </th>
                    {FIELDS.map((field) => {
                      const id = `price-${row}-${field}`;
                      const error = errors[`${model}.${field}`] ? p.invalid : undefined;
                      return (
                        <td key={field} className="px-2 py-2">
                          <input
                            id={id}
                            type="number"
                            inputMode="decimal"
                            min={0}
                            step="any"
                            aria-label={labels[field](model)}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId(id) : undefined}
                            value={draft[model]?.[field] ?? ""}
                            onChange={(e) => {
                              const v = e.currentTarget.value;
                              setDraft((d) => ({
                                ...d,
                                [model]: { ...(d[model] as Record<Field, string>), [field]: v },
                              }));
                            }}
                            className={`${inputClass} w-full min-w-20 ${error ? invalidInput : ""}`}
                          />
                          {error && (
                            <p
                              id={errorId(id)}
                              className="mt-1 text-xs font-medium text-red-700 dark:text-red-300"
                            >
                              {error}
                            </p>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {p.searchFee(fmt.usd(value.searchFeeUsd))}
        </p>
        <button type="submit" className={buttonClass.primary} disabled={busy || models.length === 0}>
          {busy ? s.saving : p.save}
        </button>
      </form>
    </Card>
  );
}
