import { useCallback, useEffect, useState } from "react";
import { data, Link, useFetcher } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, Forbidden, Notice } from "../components/page";
import { ContentStatusBadge, OfflineBadge, ScoreBadge, SeriesBadge } from "../content/badges";
import { CarouselPreview } from "../content/carousel-preview";
import { type ReviewActionResult, runReviewAction } from "../content/content.server";
import { BlogArticle, CaptionCard, CitationsCard, GenerationCard, SeoCard } from "../content/detail-cards";
import { EditForm } from "../content/edit-form";
import { RenderStatus } from "../content/render-status";
import { ReviewBar } from "../content/review-bar";
import type { Content, Persona } from "../content/types";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import type { Role } from "../lib/types";
import type { Route } from "./+types/content-detail";

const ROLES: Role[] = ["admin", "marketing"];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  if (!ROLES.includes(context.get(userContext).role))
    return data({ state: "forbidden" as const }, { status: 403 });
  const res = await apiJson<{ content: Content }>(
    context,
    request,
    `/api/content/${encodeURIComponent(params.id)}`,
  );
  // 404 means "missing or not yours": a friendly page, nothing else revealed.
  if (!res.ok) {
    if (res.status === 404 || res.status === 400) return data({ state: "missing" as const }, { status: 404 });
    throw data(res.problem, { status: res.status });
  }
  const content = res.data.content;
  const [series, personas] = await Promise.all([
    content.sequenceId
      ? apiJson<{ items: Content[] }>(
          context,
          request,
          `/api/content?${new URLSearchParams({ sequenceId: content.sequenceId, limit: "10" })}`,
        )
      : null,
    content.personaId ? apiJson<{ items: Persona[] }>(context, request, "/api/personas") : null,
  ]);
  return {
    state: "found" as const,
    content,
    series: series?.ok
      ? series.data.items
          .map((i) => ({
            id: i.id,
            index: i.sequenceIndex ?? 0,
            title: i.title ?? i.topic,
            status: i.status,
          }))
          .sort((a, b) => a.index - b.index)
      : [],
    personaName: personas?.ok
      ? (personas.data.items.find((p) => p.id === content.personaId)?.name ?? null)
      : null,
  };
}

export async function action({ params, request, context }: Route.ActionArgs): Promise<ReviewActionResult> {
  if (!ROLES.includes(context.get(userContext).role))
    return { ok: false, intent: "", status: 403, detail: "forbidden", errors: [] };
  return runReviewAction(context, request, params.id, await request.formData());
}

export function meta({ loaderData: d }: Route.MetaArgs) {
  const title = d && "content" in d ? (d.content.title ?? d.content.topic) : "Content Studio";
  return [{ title: `Lifetrek — ${title}` }];
}

export default function ContentDetail({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  if (loaderData.state === "forbidden") return <Forbidden />;
  if (loaderData.state === "missing") {
    return (
      <Notice icon="?" title={t.studio.detail.notFoundTitle} body={t.studio.detail.notFoundBody}>
        <Link
          to="/content"
          className="inline-block rounded-md bg-brand-blue px-4 py-2 text-sm font-medium text-white hover:bg-brand-blue-hover"
        >
          {t.studio.detail.back}
        </Link>
      </Notice>
    );
  }
  return <Review key={loaderData.content.id} data={loaderData} />;
}

type Found = Extract<Route.ComponentProps["loaderData"], { state: "found" }>;

function Review({ data: d }: { data: Found }) {
  const { t, fmt } = useI18n();
  const s = t.studio.detail;
  const fetcher = useFetcher<ReviewActionResult>();
  const [editing, setEditing] = useState(false);
  const fresh = fetcher.data?.ok ? fetcher.data.content : null;
  const content = fresh && fresh.updatedAt >= d.content.updatedAt ? fresh : d.content;
  const stopEditing = useCallback(() => setEditing(false), []);
  // The last slide edit's re-render job (kept while the fetcher later answers other intents).
  const [renderJobId, setRenderJobId] = useState<string | null>(null);
  useEffect(() => {
    const r = fetcher.data;
    if (fetcher.state === "idle" && r?.ok && r.renderJobId) setRenderJobId(r.renderJobId);
  }, [fetcher.data, fetcher.state]);

  useEffect(() => {
    const r = fetcher.data;
    if (fetcher.state !== "idle" || !r) return;
    if (r.ok) {
      toast.success(r.intent === "approve" ? s.approved : r.intent === "reject" ? s.rejected : s.saved);
    } else if (r.intent !== "edit" && r.intent !== "reject") toast.error(r.detail);
  }, [fetcher.data, fetcher.state, s]);

  const profileName = content.profile === "company" ? t.header.company : t.header.salesperson;

  return (
    <>
      <Link
        to="/content"
        className="mb-4 inline-block text-sm text-brand-blue hover:underline dark:text-blue-300"
      >
        ← {s.back}
      </Link>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 max-w-3xl">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {t.studio.kindShort[content.kind]} · {profileName}
            {d.personaName ? ` · ${d.personaName}` : ""}
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">
            {content.title ?? content.topic}
          </h1>
          <span
            aria-hidden="true"
            className="mt-2 block h-1 w-12 rounded-full"
            style={{ backgroundColor: "var(--accent)" }}
          />
          <div className="mt-3 flex flex-wrap items-center gap-2" aria-live="polite">
            <ContentStatusBadge status={content.status} />
            <ScoreBadge score={content.qualityScore} />
            {content.sequenceIndex !== null && <SeriesBadge index={content.sequenceIndex} />}
            {content.offline && <OfflineBadge status={content.status} />}
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {s.createdAt} {fmt.date(content.createdAt)}
            </span>
          </div>
          {content.status === "rejected" && content.rejectReason && (
            <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              <span className="font-semibold">{s.rejectReason}:</span> {content.rejectReason}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {content.pdfUrl && (
            <a href={content.pdfUrl} download className={buttonClass.secondary}>
              <span aria-hidden="true">⤓</span>
              {s.downloadPdf}
            </a>
          )}
          {content.status === "draft" && !editing && (
            <button type="button" className={buttonClass.secondary} onClick={() => setEditing(true)}>
              <span aria-hidden="true">✎</span>
              {s.edit}
            </button>
          )}
          <ReviewBar content={content} fetcher={fetcher} />
        </div>
      </div>

      {d.series.length > 1 && (
        <nav aria-label={t.studio.drafts.series} className="mb-6 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-xs font-semibold text-brand-blue dark:text-blue-200">
            {t.studio.drafts.series}:
          </span>
          {d.series.map((p) => (
            <Link
              key={p.id}
              to={`/content/${p.id}`}
              aria-current={p.id === content.id ? "page" : undefined}
              className={`max-w-[16rem] truncate rounded-full px-3 py-1 text-xs ring-1 ${
                p.id === content.id
                  ? "bg-[var(--accent)] font-semibold text-white ring-transparent"
                  : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600"
              }`}
            >
              {p.index}/3 · {p.title}
            </Link>
          ))}
        </nav>
      )}

      {content.kind === "carousel" ? (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
          <Card>
            <CarouselPreview slides={content.slides ?? []} version={content.updatedAt} />
          </Card>
          <div className="min-w-0 space-y-6">
            {renderJobId && <RenderStatus key={renderJobId} jobId={renderJobId} />}
            {editing ? (
              <Card>
                <EditForm content={content} fetcher={fetcher} onDone={stopEditing} />
              </Card>
            ) : (
              content.caption && <CaptionCard caption={content.caption} />
            )}
            <GenerationCard content={content} />
          </div>
        </div>
      ) : (
        <div className="grid gap-6 2xl:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="min-w-0 space-y-6">
            {editing && (
              <Card>
                <EditForm content={content} fetcher={fetcher} onDone={stopEditing} />
              </Card>
            )}
            <BlogArticle content={content} />
          </div>
          <div className="grid content-start gap-6 md:grid-cols-2 2xl:grid-cols-1">
            <CitationsCard citations={content.citations} />
            <SeoCard content={content} />
            {content.caption && <CaptionCard caption={content.caption} />}
            <GenerationCard content={content} />
          </div>
        </div>
      )}
    </>
  );
}
