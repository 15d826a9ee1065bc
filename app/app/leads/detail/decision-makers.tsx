import { buttonClass, Card } from "../../components/page";
import { useI18n } from "../../i18n";
import type { LeadDetail } from "../types";
import { CitationChip } from "./citation-chip";
import { h2 } from "./shared";

export function DecisionMakers({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const citation = (i: number) => lead.sources.find((s) => s.field === `decisionMakers[${i}]`);
  return (
    <Card labelledBy="dm-title">
      <h2 id="dm-title" className={h2}>
        {L.decisionMakersTitle}
      </h2>
      {lead.decisionMakers.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{L.decisionMakersEmpty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {lead.decisionMakers.map((m, i) => {
            const c = citation(i);
            return (
              <li
                key={m.providerId ?? m.name}
                data-decision-maker
                className="rounded-lg border border-slate-200 p-3 dark:border-slate-700"
              >
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900 dark:text-white">{m.name}</p>
                    {m.headline && <p className="text-xs text-slate-600 dark:text-slate-300">{m.headline}</p>}
                  </div>
                  {m.profileUrl && (
                    <a
                      href={m.profileUrl}
                      target="_blank"
                      rel="noreferrer noopener"
                      className={`${buttonClass.secondary} !px-2 !py-1 !text-xs shrink-0`}
                    >
                      {L.openProfile}
                    </a>
                  )}
                </div>
                <div className="mt-2 rounded-md bg-slate-50 px-2 py-1.5 dark:bg-slate-800/60">
                  <CitationChip source={m.source} url={c?.url ?? m.profileUrl} fetchedAt={m.fetchedAt} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
