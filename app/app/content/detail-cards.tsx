import { useMemo } from "react";
import { toast } from "sonner";
import { buttonClass, Card } from "../components/page";
import { useI18n } from "../i18n";
import { sanitizeBlogHtml } from "../lib/sanitize";
import { ScoreBadge, StackIcon } from "./badges";
import { type Content, versioned } from "./types";

/** The caption as it will be posted, with a copy button. */
export function CaptionCard({ caption }: { caption: string }) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(caption);
      toast.success(d.copied);
    } catch {
      toast.error(d.copyFailed);
    }
  };
  return (
    <Card labelledBy="caption-title">
      <div className="flex items-center justify-between gap-2">
        <h2 id="caption-title" className="text-sm font-semibold">
          {d.caption}
        </h2>
        <button type="button" className={buttonClass.secondary} onClick={copy}>
          <StackIcon />
          {d.copy}
        </button>
      </div>
      <p className="mt-3 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-700 dark:text-slate-200">
        {caption}
      </p>
    </Card>
  );
}

type Meta = {
  provider?: string;
  models?: Record<string, string>;
  stageMs?: Record<string, number | null>;
  renderMs?: number[] | number;
  generatedImages?: number;
  realAssetShare?: number;
  rewritten?: boolean;
  costUsd?: number;
};

/** Quality score and how the draft was made: stages with timings, models, cost. */
export function GenerationCard({ content }: { content: Content }) {
  const { t, fmt } = useI18n();
  const d = t.studio.detail;
  const m = content.metadata as Meta;
  const stages = Object.entries(m.stageMs ?? {});
  const total = stages.reduce((s, [, ms]) => s + (ms ?? 0), 0);
  const ms = (v: number | null | undefined) =>
    v === null || v === undefined ? "—" : v < 1000 ? `${fmt.number(v, 0)} ms` : fmt.seconds(v);
  // Per-slide render times: "≈ 1,2 s / slide" (the total is the compositor stage above).
  const renders = Array.isArray(m.renderMs) ? m.renderMs : typeof m.renderMs === "number" ? [m.renderMs] : [];
  const render = renders.length
    ? `≈ ${ms(renders.reduce((a, b) => a + b, 0) / renders.length)} ${d.perSlide}`
    : null;
  const row = "flex justify-between gap-3 py-1.5 text-sm";
  const dt = "text-slate-500 dark:text-slate-400";
  const dd = "text-right font-medium text-slate-800 dark:text-slate-100";
  return (
    <Card labelledBy="generation-title">
      <div className="flex items-center justify-between gap-2">
        <h2 id="generation-title" className="text-sm font-semibold">
          {d.metadata}
        </h2>
      </div>
      {content.qualityScore !== null && (
        <div className="mt-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/60">
          <div className="flex items-center justify-between">
            <span className="text-sm font-medium text-slate-700 dark:text-slate-200">{d.quality}</span>
            <ScoreBadge score={content.qualityScore} large />
          </div>
          {/* Why the score is what it is (e.g. text shortened to fit), in the analyst's words. */}
          {content.qualityNote && (
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-300" data-quality-note>
              {content.qualityNote}
            </p>
          )}
        </div>
      )}
      <dl className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
        {m.provider && (
          <div className={row}>
            <dt className={dt}>{d.provider}</dt>
            <dd className={dd}>{m.provider}</dd>
          </div>
        )}
        {m.models && (
          <div className={row}>
            <dt className={dt}>{d.models}</dt>
            <dd className={`${dd} font-mono text-xs`}>
              {Object.entries(m.models).map(([k, v]) => (
                <span key={k} className="block">
                  {k}: {v}
                </span>
              ))}
            </dd>
          </div>
        )}
        <div className={row}>
          <dt className={dt}>{d.cost}</dt>
          <dd className={dd}>{fmt.usd(m.costUsd ?? 0)}</dd>
        </div>
        {render && (
          <div className={row}>
            <dt className={dt}>{d.renderMs}</dt>
            <dd className={dd}>{render}</dd>
          </div>
        )}
        {m.generatedImages !== undefined && (
          <div className={row}>
            <dt className={dt}>{d.generatedImages}</dt>
            <dd className={dd}>{m.generatedImages}</dd>
          </div>
        )}
        {m.realAssetShare !== undefined && (
          <div className={row}>
            <dt className={dt}>{d.realAssets}</dt>
            <dd className={dd}>{Math.round(m.realAssetShare * 100)}%</dd>
          </div>
        )}
        {m.rewritten !== undefined && (
          <div className={row}>
            <dt className={dt}>{d.rewritten}</dt>
            <dd className={dd}>{m.rewritten ? d.yes : d.no}</dd>
          </div>
        )}
      </dl>
      {stages.length > 0 && (
        <div className="mt-4">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {d.stages}
          </h3>
          <ol className="mt-2 space-y-1.5">
            {stages.map(([name, v], i) => (
              <li key={name} className="text-xs">
                <div className="flex justify-between gap-2">
                  <span className="font-medium text-slate-700 dark:text-slate-200">
                    {i + 1}. {name}
                  </span>
                  <span className="tabular-nums text-slate-600 dark:text-slate-300">{ms(v)}</span>
                </div>
                <div aria-hidden="true" className="mt-0.5 h-1 rounded-full bg-slate-100 dark:bg-slate-800">
                  <div
                    className="h-full rounded-full"
                    style={{
                      width: `${total > 0 ? Math.max(2, ((v ?? 0) / total) * 100) : 0}%`,
                      backgroundColor: "var(--accent)",
                    }}
                  />
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Card>
  );
}

const PROSE =
  "space-y-4 text-base leading-relaxed text-slate-800 dark:text-slate-200 [&_a]:text-brand-blue [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-4 [&_blockquote]:italic [&_h1]:text-2xl [&_h1]:font-bold [&_h2]:mt-8 [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:text-slate-900 dark:[&_h2]:text-white [&_h3]:mt-6 [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_strong]:font-semibold [&_ul]:list-disc dark:[&_a]:text-blue-300";

/**
 * Stored blog HTML as the reader sees it. It is cleaned here again, on every render, with the
 * allow-list sanitiser: the API cleaned it when it was stored, and this second pass means a row
 * written before that (or by a bug) still cannot run code in a reviewer's session.
 */
export function ArticleBody({ html, className = "" }: { html: string; className?: string }) {
  const clean = useMemo(() => sanitizeBlogHtml(html), [html]);
  return (
    <div
      data-article-body
      className={`${PROSE} ${className}`}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: cleaned by the allow-list sanitiser just above
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

/** The blog post in an article layout: banner, title, excerpt, the (sanitised) HTML. */
export function BlogArticle({ content }: { content: Content }) {
  const { t } = useI18n();
  return (
    <article className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-navy-900">
      {content.bannerUrl && (
        <img
          src={versioned(content.bannerUrl, content.updatedAt)}
          alt={t.studio.detail.banner}
          className="aspect-video w-full bg-slate-200 object-cover"
          data-banner-image
        />
      )}
      <div className="mx-auto max-w-2xl px-6 py-8">
        {content.category && (
          <p className="text-xs font-semibold uppercase tracking-wide" style={{ color: "var(--accent)" }}>
            {t.studio.generate.categories[content.category] ?? content.category}
          </p>
        )}
        <h2 className="mt-1 text-3xl font-bold tracking-tight text-slate-900 dark:text-white">
          {content.title ?? content.topic}
        </h2>
        {content.excerpt && (
          <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">{content.excerpt}</p>
        )}
        <ArticleBody html={content.html ?? ""} className="mt-6" />
      </div>
    </article>
  );
}

/** "Fontes citadas": the research sources behind the post. */
export function CitationsCard({ citations }: { citations: Content["citations"] }) {
  const { t } = useI18n();
  const d = t.studio.detail;
  return (
    <Card labelledBy="citations-title">
      <h2 id="citations-title" className="text-sm font-semibold">
        {d.citations}
      </h2>
      {citations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{d.noCitations}</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {citations.map((c, i) => (
            <li key={c.url} className="flex gap-2 text-sm">
              <span className="grid size-5 shrink-0 place-items-center rounded-full bg-slate-100 text-[11px] font-semibold text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                {i + 1}
              </span>
              <div className="min-w-0">
                <p className="font-medium text-slate-800 dark:text-slate-100">{c.title || c.url}</p>
                <a
                  href={c.url}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  className="block truncate text-xs text-brand-blue hover:underline dark:text-blue-300"
                >
                  {c.url}
                </a>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** SEO fields, slug and keywords of a blog post. */
export function SeoCard({ content }: { content: Content }) {
  const { t } = useI18n();
  const d = t.studio.detail;
  const seo = content.seo;
  if (!seo) return null;
  const item = (label: string, value: string, max?: number) => (
    <div className="py-2">
      <dt className="flex justify-between text-xs text-slate-500 dark:text-slate-400">
        <span>{label}</span>
        {max && <span className="tabular-nums">{d.chars(value.length, max)}</span>}
      </dt>
      <dd className="mt-0.5 break-words text-sm text-slate-800 dark:text-slate-100">{value || "—"}</dd>
    </div>
  );
  return (
    <Card labelledBy="seo-title">
      <h2 id="seo-title" className="text-sm font-semibold">
        {d.seo}
      </h2>
      <dl className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
        {item(d.seoTitle, seo.title, 60)}
        {item(d.seoDescription, seo.description, 160)}
        <div className="py-2">
          <dt className="text-xs text-slate-500 dark:text-slate-400">{d.slug}</dt>
          <dd className="mt-0.5 break-all font-mono text-xs text-slate-800 dark:text-slate-100">
            /{seo.slug}
          </dd>
        </div>
        {seo.keywords.length > 0 && (
          <div className="py-2">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{d.keywords}</dt>
            <dd className="mt-1 flex flex-wrap gap-1">
              {seo.keywords.map((k) => (
                <span
                  key={k}
                  className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200"
                >
                  {k}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
