import type { Formatters } from "../i18n";
import type { LeadsDictionary } from "../i18n/leads";

/**
 * The ranking service explains each factor in fixed English ("900 employees", "Segment: …"); the
 * values are read back out of it and said in the reader's language, numbers through Intl. A
 * detail in an unknown form is shown as it came.
 *
 * @example factorDetail(leadsPt, fmt, { factor: "employees", detail: "1200 employees" }) // "1.200 funcionários"
 */
export function factorDetail(
  L: Pick<LeadsDictionary, "factorDetail">,
  fmt: Pick<Formatters, "number">,
  f: { factor: string; detail: string },
): string {
  const d = L.factorDetail;
  const n = (s: string | undefined) =>
    s === undefined || Number.isNaN(Number(s)) ? (s ?? "") : fmt.number(Number(s), 2);
  const m = (re: RegExp) => re.exec(f.detail.trim());
  switch (f.factor) {
    case "base":
      return m(/^Base score$/) ? d.base : f.detail;
    case "tier": {
      const r = m(/^Tier (.+)$/);
      return r ? d.tier(r[1] ?? "") : f.detail;
    }
    case "segment": {
      const r = m(/^Segment: (.*)$/);
      return r ? d.segment(r[1] ?? "") : f.detail;
    }
    case "products": {
      const r = m(/^Products: (.*)$/);
      return r ? d.products(r[1] ?? "") : f.detail;
    }
    case "brand": {
      const r = m(/^Global brand match: (.*)$/);
      return r ? d.brand(r[1] ?? "") : f.detail;
    }
    case "certifications": {
      const r = m(/^(\d+) of FDA\/CE\/ISO$/);
      return r ? d.certifications(n(r[1])) : f.detail;
    }
    case "rnd":
      return m(/^Has R&D$/) ? d.rnd : f.detail;
    case "years": {
      const r = m(/^([\d.]+) years in business$/);
      return r ? d.years(n(r[1])) : f.detail;
    }
    case "countries": {
      const r = m(/^Serves (\d+) countries$/);
      return r ? d.countries(n(r[1])) : f.detail;
    }
    case "employees": {
      const r = m(/^(\d+) employees$/);
      return r ? d.employees(n(r[1])) : f.detail;
    }
    case "manufacturer":
      return m(/^Manufacturer$/) ? d.manufacturer : f.detail;
    case "engagement": {
      const r = m(/^Engagement ([\d.]+)\/100$/);
      return r ? d.engagement(n(r[1])) : f.detail;
    }
    case "cap":
      return m(/^Score limited to 0.10$/) ? d.cap : f.detail;
    default:
      return f.detail;
  }
}
