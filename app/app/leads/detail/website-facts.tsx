import { Card } from "../../components/page";
import { useI18n } from "../../i18n";
import type { LeadDetail } from "../types";
import { CitationChip } from "./citation-chip";
import { h2 } from "./shared";

const KINDS = ["certification", "products", "machining", "rnd"] as const;

/**
 * What the company's own website says (issue #13): each fact with the sentence quoted and a
 * "Do site" citation linking the page it was read from.
 */
export function WebsiteFacts({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const facts = lead.sources.filter((s) => s.source === "website" && s.field.startsWith("site."));
  if (facts.length === 0) return null;
  return (
    <Card labelledBy="site-facts-title">
      <h2 id="site-facts-title" className={h2}>
        {L.siteFactsTitle}
      </h2>
      <dl className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {KINDS.map((kind) => {
          const mine = facts.filter((f) => f.field === `site.${kind}`);
          if (mine.length === 0) return null;
          return (
            <div key={kind} className="grid grid-cols-[9rem_1fr] gap-3 py-2">
              <dt className="text-xs font-medium text-slate-500">{L.siteFactKind[kind]}</dt>
              <dd className="min-w-0 space-y-2">
                {mine.map((f) => (
                  <div key={`${f.field}-${f.value}`} data-site-fact={f.value}>
                    <span className="font-medium text-slate-800 dark:text-slate-100">{f.value}</span>
                    {f.quote && (
                      <blockquote className="mt-0.5 border-l-2 border-slate-200 pl-2 text-xs italic text-slate-600 dark:border-slate-700 dark:text-slate-300">
                        “{f.quote}”
                      </blockquote>
                    )}
                    <CitationChip source={f.source} url={f.url} fetchedAt={f.fetchedAt} />
                  </div>
                ))}
              </dd>
            </div>
          );
        })}
      </dl>
    </Card>
  );
}
