import type { ReactNode } from "react";
import { Link } from "react-router";
import { Card } from "../components/page";
import type { Content } from "../content/types";
import { useI18n } from "../i18n";
import type { Lead } from "../leads/types";
import type { Action } from "../outreach/types";

/**
 * What waits for the person who just signed in: drafts to review (marketing), their hottest
 * leads and the outreach drafts to approve (sales); an admin sees all three. `null` is a list this
 * role does not see; `"unavailable"` one the API could not give just now (the rest still shows).
 */
export type Waiting = {
  drafts: Content[] | "unavailable" | null;
  hotLeads: Lead[] | "unavailable" | null;
  outreach: Action[] | "unavailable" | null;
  hotLeadsMine: boolean;
};

export function WaitingForYou({ waiting }: { waiting: Waiting }) {
  const { t, fmt } = useI18n();
  const w = t.home.waiting;
  const { drafts, hotLeads, outreach } = waiting;
  if (drafts === null && hotLeads === null && outreach === null) return null;
  return (
    <>
      <h2 className="mt-10 mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {w.title}
      </h2>
      <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-3">
        {drafts !== null && (
          <WaitingCard
            id="waiting-drafts"
            title={w.drafts}
            empty={w.draftsEmpty}
            all="/content?status=draft"
            items={drafts}
          >
            {(c: Content) => (
              <ItemLink
                key={c.id}
                to={`/content/${c.id}`}
                main={c.title ?? c.topic}
                side={`${t.studio.kindShort[c.kind]} · ${fmt.date(c.createdAt)}`}
              />
            )}
          </WaitingCard>
        )}
        {hotLeads !== null && (
          <WaitingCard
            id="waiting-leads"
            title={waiting.hotLeadsMine ? w.hotLeadsMine : w.hotLeads}
            empty={waiting.hotLeadsMine ? w.hotLeadsMineEmpty : w.hotLeadsEmpty}
            all={waiting.hotLeadsMine ? "/leads?heat=HOT&owner=me" : "/leads?heat=HOT"}
            items={hotLeads}
          >
            {(l: Lead) => (
              <ItemLink
                key={l.id}
                to={`/leads/${l.id}`}
                main={l.company}
                side={w.score(fmt.number(l.leadScore))}
              />
            )}
          </WaitingCard>
        )}
        {outreach !== null && (
          <WaitingCard
            id="waiting-outreach"
            title={w.outreach}
            empty={w.outreachEmpty}
            all="/outreach"
            items={outreach}
          >
            {(a: Action) => (
              <ItemLink
                key={a.id}
                to={`/outreach?account=${encodeURIComponent(a.accountId)}`}
                main={a.leadName ?? a.targetName ?? a.target ?? "—"}
                side={t.outreach.kind[a.kind] ?? a.kind}
              />
            )}
          </WaitingCard>
        )}
      </div>
    </>
  );
}

function WaitingCard<T>({
  id,
  title,
  empty,
  all,
  items,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  all: string;
  items: T[] | "unavailable";
  children: (item: T) => ReactNode;
}) {
  const { t } = useI18n();
  const w = t.home.waiting;
  return (
    <Card labelledBy={id} className="flex flex-col">
      <h3 id={id} className="font-semibold text-slate-900 dark:text-white">
        {title}
      </h3>
      {items === "unavailable" ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{w.unavailable}</p>
      ) : items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">{items.map(children)}</ul>
      )}
      <Link
        to={all}
        className="mt-auto pt-3 text-sm font-medium text-brand-blue hover:underline dark:text-blue-300"
      >
        {w.seeAll}
        <span className="sr-only">: {title}</span>
      </Link>
    </Card>
  );
}

function ItemLink({ to, main, side }: { to: string; main: string; side: string }) {
  return (
    <li>
      {/* Two lines: the name gets the card's whole width (a draft's title is long). */}
      <Link to={to} className="group block py-2 text-sm">
        <span className="block truncate font-medium text-slate-800 group-hover:underline dark:text-slate-100">
          {main}
        </span>
        <span className="block text-xs text-slate-600 dark:text-slate-300">{side}</span>
      </Link>
    </li>
  );
}
