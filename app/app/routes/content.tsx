import { useEffect, useState } from "react";
import { data, Link, useRevalidator } from "react-router";
import { buttonClass, Forbidden, PageHeader } from "../components/page";
import { listFilters } from "../content/content.server";
import { DraftsList } from "../content/drafts-list";
import { GeneratePanel } from "../content/generate-panel";
import { listQuery } from "../content/list-query";
import { PendingStrip } from "../content/pending-strip";
import { CONTENT_JOB_TYPES, type Content, type Persona, type Product } from "../content/types";
import { useI18n } from "../i18n";
import { useJobChanges } from "../jobs/provider";
import { apiJson } from "../lib/api.server";
import { preferencesFrom } from "../lib/preferences";
import { useProfile } from "../lib/preferences-context";
import { userContext } from "../lib/session.server";
import type { Job, Role } from "../lib/types";
import type { Route } from "./+types/content";

const ROLES: Role[] = ["admin", "marketing"];

export async function loader({ request, context }: Route.LoaderArgs) {
  if (!ROLES.includes(context.get(userContext).role))
    return data({ allowed: false as const }, { status: 403 });
  const url = new URL(request.url);
  const filters = listFilters(url.searchParams);
  // The active profile lives in a cookie, so the server lists the right drafts on first paint.
  const { profile } = preferencesFrom(request.headers.get("cookie"));
  const qs = listQuery(profile, filters);
  // The other profile's drafts are not listed, but the page says how many there are (#17.10).
  const other: "company" | "salesperson" = profile === "company" ? "salesperson" : "company";
  const [list, otherList, personas, products] = await Promise.all([
    apiJson<{ items: Content[]; nextCursor: string | null }>(context, request, `/api/content?${qs}`),
    apiJson<{ items: Content[]; nextCursor: string | null }>(
      context,
      request,
      `/api/content?${listQuery(other, { ...filters, cursor: null }, 100)}`,
    ),
    apiJson<{ items: Persona[] }>(context, request, "/api/personas"),
    apiJson<{ items: Product[] }>(context, request, "/api/products"),
  ]);
  if (!list.ok) throw data(list.problem, { status: list.status });
  return {
    allowed: true as const,
    profile,
    filters,
    items: list.data.items,
    nextCursor: list.data.nextCursor,
    otherProfile: {
      profile: other,
      count: otherList.ok ? otherList.data.items.length : 0,
      more: otherList.ok && otherList.data.nextCursor !== null,
    },
    personas: personas.ok ? personas.data.items : [],
    products: products.ok ? products.data.items : [],
  };
}

export function meta() {
  return [{ title: "Lifetrek — Content Studio" }];
}

export default function ContentStudio({ loaderData }: Route.ComponentProps) {
  if (!loaderData.allowed) return <Forbidden />;
  return <Studio data={loaderData} />;
}

function Studio({ data: d }: { data: Extract<Route.ComponentProps["loaderData"], { allowed: true }> }) {
  const { t } = useI18n();
  const { profile } = useProfile();
  const revalidator = useRevalidator();
  const [startedIds, setStartedIds] = useState<string[]>([]);

  // Switching "Empresa / Vendedor" lists that profile's drafts (the cookie is already written).
  useEffect(() => {
    if (d.profile !== profile && revalidator.state === "idle") void revalidator.revalidate();
  }, [d.profile, profile, revalidator]);

  // A content job that just finished adds a draft: refresh the list without a reload.
  useJobChanges(({ prev, next }) => {
    if (!(CONTENT_JOB_TYPES as readonly string[]).includes(next.type)) return;
    if (next.status === "succeeded" && prev?.status !== "succeeded") void revalidator.revalidate();
  });

  return (
    <>
      <PageHeader
        title={t.studio.title}
        subtitle={t.studio.subtitle}
        actions={
          <Link to="/content/library" className={buttonClass.secondary}>
            {t.studio.library.link}
          </Link>
        }
      />
      <div className="space-y-6">
        <GeneratePanel
          personas={d.personas}
          products={d.products}
          onStarted={(job: Job) => setStartedIds((ids) => [job.id, ...ids])}
        />
        <PendingStrip startedIds={startedIds} />
        <DraftsList
          items={d.items}
          nextCursor={d.nextCursor}
          kind={d.filters.kind}
          status={d.filters.status}
          otherProfile={d.otherProfile}
        />
      </div>
    </>
  );
}
