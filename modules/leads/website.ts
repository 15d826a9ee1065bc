import { and, eq } from "drizzle-orm";
import { leadSources } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import type { WebsiteFacts } from "./python-client";
import type { LeadFields, LeadRow, LeadsRepo, Rescore } from "./repo";

const WEBSITE_SOURCE = "website";

/**
 * What the website facts may change on the lead, and only to add: certifications the lead did
 * not list (the original wording, which scoring maps onto FDA / CE / ISO; ANVISA is kept and
 * scores nothing), R&D when found, and the products text when the lead had none.
 */
function websitePatch(row: LeadRow, facts: WebsiteFacts["facts"]): Partial<LeadFields> {
  const patch: Partial<LeadFields> = {};
  const have = row.certifications.map((c) => c.toLowerCase());
  const certs = [
    ...new Set(
      facts
        .filter((f) => f.kind === "certification")
        .map((f) => f.value)
        .filter((v) => !have.some((h) => h.includes(v.toLowerCase()))),
    ),
  ];
  if (certs.length) patch.certifications = [...row.certifications, ...certs];
  if (!row.hasRnd && facts.some((f) => f.kind === "rnd")) patch.hasRnd = true;
  const products = [...new Set(facts.filter((f) => f.kind === "products").map((f) => f.value))];
  if (!row.products && products.length) patch.products = products.join(", ");
  return patch;
}

/**
 * Stores one lead's website facts as citations ("Do site": URL + quoted sentence), replacing the
 * earlier website citations, and applies what they add to fit inputs as one versioned change,
 * scored in the same version. Reverting it restores the inputs and the earlier citations.
 */
export async function applyWebsiteFacts(
  db: Db,
  repo: LeadsRepo,
  row: LeadRow,
  site: WebsiteFacts,
  jobId: string,
  rescore: Rescore,
): Promise<{ facts: number; changed: boolean }> {
  const now = Date.now();
  const previous = await repo.relatedOf(row.id);
  const patch = websitePatch(row, site.facts);
  const changed = Object.keys(patch).length > 0;
  if (changed) {
    await repo.change(
      row,
      { ...patch, ...(await rescore({ ...row, ...patch })) },
      "enrich (website)",
      jobId,
      previous,
    );
  }
  await db.batch([
    db.delete(leadSources).where(and(eq(leadSources.leadId, row.id), eq(leadSources.source, WEBSITE_SOURCE))),
    ...site.facts.map((f) =>
      db.insert(leadSources).values({
        id: newId(),
        leadId: row.id,
        field: `site.${f.kind}`,
        source: WEBSITE_SOURCE,
        url: f.url,
        value: f.value,
        quote: f.quote,
        jobId,
        fetchedAt: now,
      }),
    ),
  ]);
  return { facts: site.facts.length, changed };
}
