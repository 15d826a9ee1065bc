import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import type { FetcherWithComponents } from "react-router";
import { buttonClass, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import type { ReviewActionResult } from "./content.server";
import { type Content, SLIDE_LIMITS } from "./types";

// The Markdown editor (marked, and turndown after it) is loaded when a blog draft is edited, not
// with every draft's page: about a third of that page's own JavaScript.
const BodyEditor = lazy(() => import("./body-editor").then((m) => ({ default: m.BodyEditor })));

/** Human edits of a draft's texts (caption, title, slide headline/body), checked like the API. */
export function EditForm({
  content,
  fetcher,
  onDone,
}: {
  content: Content;
  fetcher: FetcherWithComponents<ReviewActionResult>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const ids = useId();
  const slides = content.slides ?? [];
  const [title, setTitle] = useState(content.title ?? "");
  const [caption, setCaption] = useState(content.caption ?? "");
  const [texts, setTexts] = useState(
    slides.map((s) => ({ index: s.index, headline: s.headline, body: s.body })),
  );
  // The blog body as HTML to send; null while the editor has not changed it.
  const [html, setHtml] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [detail, setDetail] = useState<string | null>(null);
  const busy = fetcher.state !== "idle";
  // The fetcher is shared with the review bar and outlives this form: only the answer to a save
  // made from this form counts (a re-opened form must not close itself on an earlier success).
  const saving = useRef(false);

  useEffect(() => {
    const r = fetcher.data;
    if (!saving.current || fetcher.state !== "idle" || !r || r.intent !== "edit") return;
    saving.current = false;
    if (r.ok) {
      onDone();
      return;
    }
    const map: Record<string, string> = {};
    for (const e of r.errors) map[e.path] ??= e.message;
    setErrors(map);
    setDetail(r.detail);
  }, [fetcher.data, fetcher.state, onDone]);

  const submit = () => {
    const local: Record<string, string> = {};
    texts.forEach((s, i) => {
      const lim = SLIDE_LIMITS[slides[i]?.type ?? "content"] ?? { headline: 70, body: 140 };
      if (!s.headline.trim()) local[`slides.${i}.headline`] = d.required;
      if (s.headline.trim().length > lim.headline)
        local[`slides.${i}.headline`] = d.tooLong(s.headline.trim().length, lim.headline);
      if (s.body.trim().length > lim.body)
        local[`slides.${i}.body`] = d.tooLong(s.body.trim().length, lim.body);
    });
    // The API refuses an emptied caption or title (min 1): say so here, in the form's words.
    if (content.caption !== null && !caption.trim()) local.caption = d.required;
    if (caption.trim().length > 2000) local.caption = d.tooLong(caption.trim().length, 2000);
    if (content.kind === "blog" && !title.trim()) local.title = d.required;
    if (html !== null && !html.trim()) local.html = d.required;
    setErrors(local);
    if (Object.keys(local).length) {
      setDetail(t.studio.generate.invalid);
      return;
    }
    setDetail(null);
    const patch: Record<string, unknown> = {};
    if (caption !== (content.caption ?? "")) patch.caption = caption;
    if (content.kind === "blog" && title !== (content.title ?? "")) patch.title = title;
    if (content.kind === "blog" && html !== null) patch.html = html;
    const changed = texts.filter((s, i) => s.headline !== slides[i]?.headline || s.body !== slides[i]?.body);
    if (changed.length) patch.slides = changed;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    // Field errors come back as `slides.<position in the sent list>.headline`: send them all in order.
    if (changed.length) patch.slides = texts;
    saving.current = true;
    fetcher.submit({ intent: "edit", patch: JSON.stringify(patch) }, { method: "post" });
  };

  const err = (path: string) =>
    errors[path] ? (
      <p id={`${ids}-${path}`} className="text-xs font-medium text-red-700 dark:text-red-300">
        {errors[path]}
      </p>
    ) : null;
  const invalid = (path: string) =>
    errors[path] ? { "aria-invalid": true as const, "aria-describedby": `${ids}-${path}` } : {};
  const label = "text-xs font-medium text-slate-600 dark:text-slate-300";
  const field = `${inputClass} aria-invalid:border-red-500 dark:aria-invalid:border-red-500`;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      aria-labelledby={`${ids}-title`}
      className="space-y-4"
    >
      <div>
        <h2 id={`${ids}-title`} className="text-sm font-semibold">
          {d.editTitle}
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">{d.editHint}</p>
      </div>
      {detail && (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {detail}
        </p>
      )}
      {content.kind === "blog" && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-t`} className={label}>
            {d.headline}
          </label>
          <input
            id={`${ids}-t`}
            value={title}
            maxLength={70}
            onChange={(e) => setTitle(e.target.value)}
            className={field}
            {...invalid("title")}
          />
          {err("title")}
        </div>
      )}
      {content.kind === "blog" && (
        <Suspense
          fallback={
            <div aria-busy="true" className="h-96 animate-pulse rounded-lg bg-slate-100 dark:bg-navy-800">
              <span className="sr-only">{d.postBody}</span>
            </div>
          }
        >
          <BodyEditor html={content.html ?? ""} onChange={setHtml} error={errors.html} />
        </Suspense>
      )}
      {texts.map((s, i) => {
        const type = slides[i]?.type ?? "content";
        const lim = SLIDE_LIMITS[type] ?? { headline: 70, body: 140 };
        return (
          <fieldset key={s.index} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
            <legend className="px-1 text-xs font-semibold text-slate-700 dark:text-slate-200">
              {d.slideOf(i + 1, texts.length)} · {d.slideTypes[type] ?? type}
            </legend>
            <div className="space-y-2">
              <div className="flex flex-col gap-1">
                <label htmlFor={`${ids}-h${i}`} className={`${label} flex justify-between`}>
                  <span>{d.headline}</span>
                  <span aria-hidden="true" className={s.headline.length > lim.headline ? "text-red-700" : ""}>
                    {d.chars(s.headline.length, lim.headline)}
                  </span>
                </label>
                <input
                  id={`${ids}-h${i}`}
                  value={s.headline}
                  onChange={(e) =>
                    setTexts((prev) => prev.map((x, j) => (j === i ? { ...x, headline: e.target.value } : x)))
                  }
                  className={field}
                  {...invalid(`slides.${i}.headline`)}
                />
                {err(`slides.${i}.headline`)}
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${ids}-b${i}`} className={`${label} flex justify-between`}>
                  <span>{d.body}</span>
                  <span aria-hidden="true" className={s.body.length > lim.body ? "text-red-700" : ""}>
                    {d.chars(s.body.length, lim.body)}
                  </span>
                </label>
                <textarea
                  id={`${ids}-b${i}`}
                  rows={2}
                  value={s.body}
                  onChange={(e) =>
                    setTexts((prev) => prev.map((x, j) => (j === i ? { ...x, body: e.target.value } : x)))
                  }
                  className={`${field} resize-y`}
                  {...invalid(`slides.${i}.body`)}
                />
                {err(`slides.${i}.body`)}
              </div>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-c`} className={label}>
          {d.caption}
        </label>
        <textarea
          id={`${ids}-c`}
          rows={6}
          value={caption}
          onChange={(e) => setCaption(e.target.value)}
          className={`${field} resize-y`}
          {...invalid("caption")}
        />
        {err("caption")}
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onDone} disabled={busy}>
          {d.cancel}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? d.saving : d.save}
        </button>
      </div>
    </form>
  );
}
