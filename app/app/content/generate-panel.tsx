import { type FormEvent, useEffect, useId, useState } from "react";
import { buttonClass, Card, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { useJobsApi } from "../jobs/provider";
import { clientApi } from "../lib/api-client";
import { useProfile } from "../lib/preferences-context";
import type { Job } from "../lib/types";
import type { FieldError, GenerateKind, Persona, Product } from "./types";

const KINDS: GenerateKind[] = ["carousel", "blog", "sequence"];
const CATEGORIES = ["educacional", "produto", "mercado", "prova-social"] as const;

type Errors = Record<string, string>;

/** "One-Click": topic → one orange button → a job; the form never freezes while it runs. */
export function GeneratePanel({
  personas,
  products,
  onStarted,
}: {
  personas: Persona[];
  products: Product[];
  onStarted: (job: Job) => void;
}) {
  const { t } = useI18n();
  const s = t.studio.generate;
  const { profile } = useProfile();
  const { store } = useJobsApi();
  const ids = useId();
  const [kind, setKind] = useState<GenerateKind>("carousel");
  const [topic, setTopic] = useState("");
  const [personaId, setPersonaId] = useState("");
  const [productIds, setProductIds] = useState<string[]>([]);
  const [slideCount, setSlideCount] = useState("");
  const [language, setLanguage] = useState<"pt-BR" | "en">("pt-BR");
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>("educacional");
  const [keywords, setKeywords] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<{ title: string; detail: string; limit: boolean } | null>(null);

  const profilePersonas = personas.filter((p) => p.profile === profile);
  // The persona list follows the active profile: a persona of the other profile is dropped.
  useEffect(() => {
    if (personaId && !personas.some((p) => p.id === personaId && p.profile === profile)) setPersonaId("");
  }, [profile, personaId, personas]);

  const toggleProduct = (id: string) =>
    setProductIds((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setProblem(null);
    const text = topic.trim();
    if (text.length < 3 || text.length > 200) {
      setErrors({ topic: s.topicHint });
      return;
    }
    const persona = personaId ? { personaId } : {};
    let body: { type: string; input: Record<string, unknown> };
    if (kind === "carousel") {
      body = {
        type: "content.carousel",
        input: {
          topic: text,
          profile,
          ...persona,
          ...(productIds.length ? { productIds } : {}),
          ...(slideCount ? { slideCount: Number(slideCount) } : {}),
          language,
        },
      };
    } else if (kind === "blog") {
      const kw = keywords
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean)
        .slice(0, 10);
      body = {
        type: "content.blog",
        input: {
          topic: text,
          category,
          profile,
          ...persona,
          ...(kw.length ? { keywords: kw } : {}),
          language,
        },
      };
    } else {
      body = {
        type: "content.sequence",
        input: { template: "first-3-posts", profile, ...persona, theme: text, language },
      };
    }
    setBusy(true);
    const res = await clientApi<{ job: Job }>("/api/jobs", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    setBusy(false);
    if (res.ok) {
      store.upsert([res.data.job], "snapshot");
      onStarted(res.data.job);
      setTopic("");
      return;
    }
    const p = res.problem as (typeof res.problem & { errors?: FieldError[] }) | null;
    const fieldErrors: Errors = {};
    for (const fe of p?.errors ?? []) {
      const key = fe.path.replace(/^input\./, "").split(".")[0] ?? "";
      const field = key === "theme" ? "topic" : key;
      fieldErrors[field] ??= fe.message;
    }
    setErrors(fieldErrors);
    setProblem({
      title: res.status === 429 ? s.limitTitle : (p?.title ?? t.errors.generic),
      detail: p?.detail ?? (res.status === 0 ? t.errors.network : t.errors.generic),
      limit: res.status === 429,
    });
  }

  const fieldId = (name: string) => `${ids}-${name}`;
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`${fieldId(name)}-error`} className="text-xs font-medium text-red-700 dark:text-red-300">
        {errors[name]}
      </p>
    ) : null;
  const describedBy = (name: string, hint?: boolean) =>
    [errors[name] ? `${fieldId(name)}-error` : "", hint ? `${fieldId(name)}-hint` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const label = "text-xs font-medium text-slate-600 dark:text-slate-300";

  return (
    <Card labelledBy="generate-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="generate-title" className="text-base font-semibold">
          {s.title}
        </h2>
        <fieldset>
          <legend className="sr-only">{s.typeLabel}</legend>
          <div className="flex flex-wrap rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
            {KINDS.map((k) => (
              <label
                key={k}
                className={`cursor-pointer rounded-md px-3 py-1.5 text-xs font-semibold transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-blue ${
                  kind === k
                    ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200 dark:bg-slate-600 dark:text-white dark:ring-slate-500"
                    : "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                }`}
              >
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setErrors({});
                    setProblem(null);
                  }}
                  className="sr-only"
                />
                {t.studio.kinds[k]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <form
        onSubmit={submit}
        noValidate
        className="mt-4 space-y-4"
        aria-describedby={problem ? fieldId("problem") : undefined}
      >
        {problem && (
          <div
            id={fieldId("problem")}
            role="alert"
            className={`rounded-lg border p-3 text-sm ${
              problem.limit
                ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
                : "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            }`}
          >
            <p className="font-semibold">{problem.title}</p>
            <p className="mt-0.5">{problem.detail}</p>
          </div>
        )}
        {kind === "sequence" && (
          <p className="rounded-lg bg-[var(--accent-soft)] px-3 py-2 text-xs text-slate-700 dark:text-slate-200">
            {s.sequenceHint}
          </p>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor={fieldId("topic")} className={label}>
            {kind === "sequence" ? s.theme : s.topic}
          </label>
          <textarea
            id={fieldId("topic")}
            name="topic"
            rows={2}
            maxLength={200}
            required
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            placeholder={kind === "sequence" ? s.themePlaceholder : s.topicPlaceholder}
            aria-invalid={errors.topic ? true : undefined}
            aria-describedby={describedBy("topic", true)}
            className={`${inputClass} resize-y ${errors.topic ? "border-red-500 dark:border-red-500" : ""}`}
          />
          <p
            id={`${fieldId("topic")}-hint`}
            className="flex justify-between text-xs text-slate-500 dark:text-slate-400"
          >
            <span>{s.topicHint}</span>
            <span aria-hidden="true">{topic.length}/200</span>
          </p>
          {errorOf("topic")}
        </div>

        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("persona")} className={label}>
              {s.persona}
            </label>
            <select
              id={fieldId("persona")}
              value={personaId}
              onChange={(e) => setPersonaId(e.target.value)}
              aria-describedby={describedBy("personaId")}
              className={inputClass}
            >
              <option value="">{s.personaAuto}</option>
              {profilePersonas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {errorOf("personaId")}
          </div>
          {kind === "carousel" && (
            <div className="flex flex-col gap-1">
              <label htmlFor={fieldId("slides")} className={label}>
                {s.slideCount}
              </label>
              <select
                id={fieldId("slides")}
                value={slideCount}
                onChange={(e) => setSlideCount(e.target.value)}
                aria-describedby={describedBy("slideCount")}
                className={inputClass}
              >
                <option value="">{s.slideAuto}</option>
                {[3, 4, 5, 6, 7, 8].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
              {errorOf("slideCount")}
            </div>
          )}
          {kind === "blog" && (
            <div className="flex flex-col gap-1">
              <label htmlFor={fieldId("category")} className={label}>
                {s.category}
              </label>
              <select
                id={fieldId("category")}
                value={category}
                onChange={(e) => setCategory(e.target.value as (typeof CATEGORIES)[number])}
                className={inputClass}
              >
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {s.categories[c]}
                  </option>
                ))}
              </select>
              {errorOf("category")}
            </div>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("language")} className={label}>
              {s.language}
            </label>
            <select
              id={fieldId("language")}
              value={language}
              onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "pt-BR")}
              className={inputClass}
            >
              <option value="pt-BR">Português (BR)</option>
              <option value="en">English</option>
            </select>
          </div>
          {kind === "blog" && (
            <div className="flex flex-col gap-1 xl:col-span-1">
              <label htmlFor={fieldId("keywords")} className={label}>
                {s.keywords}
              </label>
              <input
                id={fieldId("keywords")}
                value={keywords}
                onChange={(e) => setKeywords(e.target.value)}
                aria-describedby={describedBy("keywords")}
                className={inputClass}
              />
              {errorOf("keywords")}
            </div>
          )}
        </div>

        {kind === "carousel" && (
          <fieldset aria-describedby={fieldId("products-hint")}>
            <legend className={label}>{s.products}</legend>
            <p id={fieldId("products-hint")} className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
              {s.productsHint}
            </p>
            {products.length === 0 ? (
              <p className="mt-2 text-xs text-slate-500">{s.noProducts}</p>
            ) : (
              <div className="mt-2 grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
                {products.map((p) => {
                  const checked = productIds.includes(p.id);
                  const img = p.images.find((i) => i.publicOk) ?? p.images[0];
                  return (
                    <label
                      key={p.id}
                      className={`flex cursor-pointer items-center gap-2 rounded-lg border p-1.5 text-xs transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-blue ${
                        checked
                          ? "border-[var(--accent)] bg-[var(--accent-soft)]"
                          : "border-slate-200 hover:border-slate-300 dark:border-slate-700 dark:hover:border-slate-500"
                      }`}
                    >
                      <input
                        type="checkbox"
                        className="sr-only"
                        checked={checked}
                        onChange={() => toggleProduct(p.id)}
                      />
                      {img ? (
                        <img
                          src={img.url}
                          alt=""
                          loading="lazy"
                          className="size-10 shrink-0 rounded-md bg-slate-100 object-cover dark:bg-slate-800"
                        />
                      ) : (
                        <span
                          aria-hidden="true"
                          className="size-10 shrink-0 rounded-md bg-slate-100 dark:bg-slate-800"
                        />
                      )}
                      <span className="line-clamp-2 min-w-0 font-medium text-slate-700 dark:text-slate-200">
                        {p.name}
                      </span>
                      <span
                        aria-hidden="true"
                        className={`ml-auto grid size-4 shrink-0 place-items-center rounded text-[10px] text-white ${
                          checked ? "bg-[var(--accent)]" : "ring-1 ring-slate-300 dark:ring-slate-600"
                        }`}
                      >
                        {checked ? "✓" : ""}
                      </span>
                    </label>
                  );
                })}
              </div>
            )}
            {errorOf("productIds")}
          </fieldset>
        )}

        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4 dark:border-slate-800">
          <p className="mr-auto text-xs text-slate-500 dark:text-slate-400">
            {t.studio.profileNote(profile === "company" ? t.header.company : t.header.salesperson)}
          </p>
          <button type="submit" className={`${buttonClass.cta} px-5 py-2.5`} disabled={busy}>
            <span aria-hidden="true">✦</span>
            {busy ? s.submitting : s.submit[kind]}
          </button>
        </div>
      </form>
    </Card>
  );
}
