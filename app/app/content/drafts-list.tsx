import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useI18n } from "../i18n";
import { clientApi } from "../lib/api-client";
import { useProfile } from "../lib/preferences-context";
import { ContentStatusBadge, OfflineBadge, ScoreBadge, SeriesBadge, StackIcon } from "./badges";
import { type KindFilter, listQuery } from "./list-query";
import { type Content, type ContentStatus, versioned } from "./types";

type Group = { key: string; sequenceId: string | null; items: Content[] };

/** Items in list order, with the drafts of one sequence gathered into one series group. */
function groupBySeries(items: Content[]): Group[] {
  const groups: Group[] = [];
  const bySeq = new Map<string, Group>();
  for (const item of items) {
    if (item.sequenceId) {
      let g = bySeq.get(item.sequenceId);
      if (!g) {
        g = { key: `seq-${item.sequenceId}`, sequenceId: item.sequenceId, items: [] };
        bySeq.set(item.sequenceId, g);
        groups.push(g);
      }
      g.items.push(item);
    } else groups.push({ key: item.id, sequenceId: null, items: [item] });
  }
  for (const g of groups) g.items.sort((a, b) => (a.sequenceIndex ?? 0) - (b.sequenceIndex ?? 0));
  return groups;
}

/** The drafts of the active profile, filtered by kind and status (URL-driven), series grouped. */
export function DraftsList({
  items: initialItems,
  nextCursor: initialCursor,
  kind,
  status,
  otherProfile,
}: {
  items: Content[];
  nextCursor: string | null;
  kind: KindFilter | null;
  status: ContentStatus | null;
  /** How many items of the other profile these filters hide (not listed here, but said). */
  otherProfile?: { profile: "company" | "salesperson"; count: number; more: boolean };
}) {
  const { t, fmt } = useI18n();
  const d = t.studio.drafts;
  const { profile, setProfile } = useProfile();
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setItems(initialItems);
    setCursor(initialCursor);
  }, [initialItems, initialCursor]);

  // Never show another profile's drafts, even for the instant before the loader catches up.
  const visible = items.filter((i) => i.profile === profile);
  const groups = groupBySeries(visible);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    const qs = listQuery(profile, { kind, status, cursor });
    const res = await clientApi<{ items: Content[]; nextCursor: string | null }>(`/api/content?${qs}`);
    setLoading(false);
    if (!res.ok) return;
    setItems((prev) => [...prev, ...res.data.items.filter((n) => !prev.some((p) => p.id === n.id))]);
    setCursor(res.data.nextCursor);
  }

  return (
    <section aria-labelledby="drafts-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="drafts-title" className="text-base font-semibold">
          {d.title}
        </h2>
        <div className="flex flex-wrap gap-3">
          <FilterTabs
            label={d.filterKind}
            param="kind"
            value={kind}
            options={[
              ["carousel", t.studio.kindShort.carousel],
              ["blog", t.studio.kindShort.blog],
              ["sequence", t.studio.kindShort.sequence],
            ]}
          />
          <FilterTabs
            label={d.filterStatus}
            param="status"
            value={status}
            options={[
              ["draft", t.studio.status.draft ?? "draft"],
              ["approved", t.studio.status.approved ?? "approved"],
              ["rejected", t.studio.status.rejected ?? "rejected"],
            ]}
          />
        </div>
      </div>
      {otherProfile && otherProfile.count > 0 && otherProfile.profile !== profile && (
        <p className="text-xs text-slate-600 dark:text-slate-300" data-other-profile>
          {d.otherProfile(
            otherProfile.more ? `${otherProfile.count}+` : String(otherProfile.count),
            t.header[otherProfile.profile],
          )}{" "}
          <button
            type="button"
            className="font-medium text-brand-blue underline underline-offset-2 dark:text-blue-300"
            onClick={() => setProfile(otherProfile.profile)}
          >
            {d.showOtherProfile(t.header[otherProfile.profile])}
          </button>
        </p>
      )}
      {groups.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-navy-900">
          <p className="text-sm font-medium text-slate-700 dark:text-slate-200">{d.empty}</p>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{d.emptyHint}</p>
        </div>
      ) : (
        <ul aria-label={d.listLabel} className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
          {groups.map((g) =>
            g.sequenceId ? (
              <li
                key={g.key}
                data-sequence-id={g.sequenceId}
                className="rounded-xl border border-blue-200 bg-blue-50/60 p-3 md:col-span-2 2xl:col-span-3 dark:border-blue-900 dark:bg-blue-950/30"
              >
                {/* Theme of part 1 and the date tell two series apart (#17.10). */}
                <p className="mb-2 flex flex-wrap items-center gap-2 text-xs font-semibold text-brand-blue dark:text-blue-200">
                  <StackIcon />
                  {d.series}
                  <span className="font-normal text-slate-600 dark:text-slate-300">
                    · {fmt.date(g.items[0]?.createdAt ?? "")} · {g.items[0]?.topic}
                  </span>
                </p>
                {/* Three across only where a card keeps room for its badges (at 768 px they overflowed). */}
                <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
                  {g.items.map((item) => (
                    <li key={item.id}>
                      <DraftCard item={item} />
                    </li>
                  ))}
                </ul>
              </li>
            ) : (
              <li key={g.key}>
                <DraftCard item={g.items[0] as Content} />
              </li>
            ),
          )}
        </ul>
      )}
      {cursor && (
        <div className="text-center">
          <button
            type="button"
            onClick={loadMore}
            disabled={loading}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-blue ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50 dark:text-blue-300 dark:ring-slate-600 dark:hover:bg-slate-800"
          >
            {d.more}
          </button>
        </div>
      )}
    </section>
  );
}

function FilterTabs({
  label,
  param,
  value,
  options,
}: {
  label: string;
  param: string;
  value: string | null;
  options: Array<[string, string]>;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const href = (v: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("cursor");
    if (v) next.set(param, v);
    else next.delete(param);
    const qs = next.toString();
    return qs ? `?${qs}` : ".";
  };
  const all: Array<[string | null, string]> = [[null, t.studio.drafts.all], ...options];
  return (
    <nav aria-label={label} className="flex items-center gap-2">
      <span className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</span>
      <ul className="flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
        {all.map(([v, text]) => {
          const active = v === value;
          return (
            <li key={v ?? "all"}>
              <Link
                to={href(v)}
                preventScrollReset
                replace
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-2.5 py-1 text-xs font-medium ${
                  active
                    ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200 dark:bg-slate-600 dark:text-white dark:ring-slate-500"
                    : "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                }`}
              >
                {text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function DraftCard({ item }: { item: Content }) {
  const { t, fmt } = useI18n();
  const thumb = item.kind === "carousel" ? item.slides?.[0]?.imageUrl : (item.bannerUrl ?? undefined);
  const title = item.title ?? item.topic;
  return (
    <Link
      to={`/content/${item.id}`}
      data-content-id={item.id}
      className="group flex h-full gap-3 rounded-xl border border-slate-200 bg-white p-2.5 shadow-sm transition-colors hover:border-[var(--accent)] dark:border-slate-800 dark:bg-navy-900"
    >
      {/* self-start: a card taller than the thumbnail must not stretch (and crop) the 4:5 slide. */}
      <div className="aspect-[4/5] w-20 shrink-0 self-start overflow-hidden rounded-lg bg-slate-100 dark:bg-slate-800">
        {thumb ? (
          <img
            src={versioned(thumb, item.updatedAt)}
            alt=""
            loading="lazy"
            className="size-full object-cover"
          />
        ) : (
          <span className="grid size-full place-items-center text-[10px] text-slate-400">
            {t.studio.drafts.noImage}
          </span>
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex items-center justify-between gap-2">
          <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {t.studio.kindShort[item.kind]}
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400">{fmt.date(item.createdAt)}</span>
        </div>
        <p className="line-clamp-2 text-sm font-semibold text-slate-900 group-hover:text-[var(--accent)] dark:text-white">
          {title}
        </p>
        {title !== item.topic && (
          <p className="line-clamp-1 text-xs text-slate-500 dark:text-slate-400">{item.topic}</p>
        )}
        <div className="mt-auto flex flex-wrap items-center gap-1.5">
          <ContentStatusBadge status={item.status} />
          <ScoreBadge score={item.qualityScore} />
          {item.sequenceIndex !== null && <SeriesBadge index={item.sequenceIndex} />}
          {item.offline && <OfflineBadge status={item.status} />}
        </div>
      </div>
    </Link>
  );
}
