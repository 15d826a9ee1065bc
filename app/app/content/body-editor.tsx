import { marked } from "marked";
import { useEffect, useId, useMemo, useState } from "react";
import { inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { ArticleBody } from "./detail-cards";

/** Markdown → HTML as the API will store it (the API and the preview both sanitise it after). */
function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

/**
 * The stored HTML as Markdown, for editing. Turndown needs a DOM, so it is loaded in the browser
 * only (the editor opens on a click, never during server rendering).
 */
function useMarkdownOf(html: string): string | null {
  const [md, setMd] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import("turndown").then(({ default: TurndownService }) => {
      const service = new TurndownService({
        headingStyle: "atx",
        bulletListMarker: "-",
        codeBlockStyle: "fenced",
      });
      if (live) setMd(service.turndown(html));
    });
    return () => {
      live = false;
    };
  }, [html]);
  return md;
}

/**
 * The post body in Markdown with a live preview beside it. `onChange` receives the HTML to send
 * (null while nothing changed), so an untouched body is not re-sent.
 */
export function BodyEditor({
  html,
  onChange,
  error,
}: {
  html: string;
  onChange: (html: string | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const ids = useId();
  const initial = useMarkdownOf(html);
  const [draft, setDraft] = useState<string | null>(null);
  const markdown = draft ?? initial ?? "";
  const preview = useMemo(() => markdownToHtml(markdown), [markdown]);

  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-md`} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {d.postBody}
        </label>
        <textarea
          id={`${ids}-md`}
          rows={18}
          value={markdown}
          disabled={initial === null}
          onChange={(e) => {
            setDraft(e.target.value);
            onChange(e.target.value.trim() ? markdownToHtml(e.target.value) : "");
          }}
          className={`${inputClass} resize-y font-mono text-xs leading-relaxed aria-invalid:border-red-500`}
          aria-describedby={`${ids}-hint`}
          aria-invalid={error ? true : undefined}
        />
        <p id={`${ids}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {error ?? d.markdownHint}
        </p>
      </div>
      <section
        aria-label={d.preview}
        className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-navy-900"
      >
        <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{d.preview}</p>
        <ArticleBody html={preview} className="text-sm" />
      </section>
    </div>
  );
}
