import { Card } from "../../components/page";
import { useI18n } from "../../i18n";
import type { LeadDetail } from "../types";
import { CitationChip } from "./citation-chip";
import { h2 } from "./shared";

type Fact = { key: string; value: string; citation?: LeadDetail["sources"][number] };

/** Company facts: our own fields (cited when enrichment supplied them) plus fetched-only facts. */
export function CompanyFacts({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const L = t.leadsPage;
  const cite = (field: string) => lead.sources.find((s) => s.field === `company.${field}`);
  // Inputs the company's website filled (a versioned enrichment) cite the site, not the import.
  const siteCite = (kind: string) => lead.sources.find((s) => s.field === `site.${kind}`);
  const yn = (b: boolean) => (b ? L.yes : L.no);
  const own: Fact[] = [
    { key: "website", value: lead.website ?? "", citation: cite("website") },
    { key: "linkedinUrl", value: lead.linkedinUrl ?? "", citation: cite("linkedinUrl") },
    { key: "employees", value: lead.employees?.toString() ?? "", citation: cite("employeeCount") },
    { key: "tier", value: lead.tier?.toString() ?? "" },
    { key: "products", value: lead.products ?? "", citation: siteCite("products") },
    { key: "certifications", value: lead.certifications.join(", "), citation: siteCite("certification") },
    { key: "yearsInBusiness", value: lead.yearsInBusiness?.toString() ?? "" },
    { key: "countriesServed", value: lead.countriesServed?.toString() ?? "" },
    { key: "hasRnd", value: yn(lead.hasRnd), citation: lead.hasRnd ? siteCite("rnd") : undefined },
    { key: "isManufacturer", value: yn(lead.isManufacturer) },
  ].filter((f) => f.value !== "");
  const fetched: Fact[] = ["industry", "locations", "description"].flatMap((k) => {
    const c = cite(k);
    return c?.value ? [{ key: k, value: readable(c.value), citation: c }] : [];
  });
  return (
    <Card labelledBy="facts-title">
      <h2 id="facts-title" className={h2}>
        {L.factsTitle}
      </h2>
      <dl className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {[...own, ...fetched].map((f) => (
          <div key={f.key} className="grid grid-cols-[9rem_1fr] gap-3 py-2">
            <dt className="text-xs font-medium text-slate-500">{L.facts[f.key] ?? f.key}</dt>
            <dd className="min-w-0">
              <span className="break-words text-slate-800 dark:text-slate-100">{f.value}</span>
              {f.citation ? (
                <CitationChip
                  source={f.citation.source}
                  url={f.citation.url}
                  fetchedAt={f.citation.fetchedAt}
                />
              ) : (
                <span className="block text-[11px] text-slate-400">{L.fromImport}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function readable(v: string): string {
  try {
    const parsed: unknown = JSON.parse(v);
    if (Array.isArray(parsed))
      return parsed
        .map((x) =>
          typeof x === "object" && x
            ? Object.values(x)
                .filter((y) => typeof y === "string")
                .join(", ")
            : String(x),
        )
        .join("; ");
    return typeof parsed === "string" ? parsed : v;
  } catch {
    return v;
  }
}
