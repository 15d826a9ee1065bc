import { sql } from "drizzle-orm";
import { leadDecisionMakers, leadEngagements, leads } from "../../drizzle/schema";
import { ENGAGEMENT_KINDS, type EngagementKind } from "../../drizzle/schema/leads";
import { actorFor } from "../core/actor";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import { UserDirectory } from "../identity/directory";
import type { JobEngine } from "../jobs/engine";
import { dedupeKey } from "./import";
import { engagementScore } from "./scoring";
import { setTerritoryOwners } from "./settings";

/** Deterministic PRNG so every developer sees the same demo leads. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEGMENTS = [
  "Implantes Odontológicos",
  "Implantes Ortopédicos",
  "Implantes Veterinários",
  "Ferramental Customizado",
  "Peças de Micro Precisão",
  "Implantes Espinhais",
  "Veterinário Ortopedia",
  "Equipamentos Odontológicos",
  "Instrumentos Cirúrgicos",
  "Dispositivos Médicos",
  "Materiais Odontológicos",
  "Distribuidor",
  "Distribuidor Ortopedia",
  "Materiais Consumo",
  "Equipamentos Hospitalares",
  "Instrumentos Odontológicos",
  "Materiais Hospitalares",
  "Equipamentos Médicos",
  "Dispositivos Eletrônicos",
  "MedTech Software",
  "Dispositivos Diagnóstico",
  "Soluções Industriais",
  "Comércio de Próteses",
  "Laboratório de Análises",
];
const PRODUCTS = [
  "implantes dentários de titânio",
  "parafusos cirúrgicos",
  "prótese de quadril",
  "instrumentais cirúrgicos",
  "luvas de procedimento",
  "seringas descartáveis",
  "agulhas hipodérmicas",
  "placas de osteossíntese",
  "brocas odontológicas",
  "componentes protéticos",
  "cages de coluna",
  "materiais descartáveis",
];
const FIRST = [
  "Odonto",
  "Orto",
  "Medi",
  "Bio",
  "Vet",
  "Cirur",
  "Precisa",
  "Nano",
  "Titan",
  "Vita",
  "Dental",
  "Osteo",
  "Neo",
  "Prime",
  "Sana",
];
const SECOND = [
  "Vale",
  "Sul",
  "Forte",
  "Tec",
  "Max",
  "Plus",
  "Lab",
  "Med",
  "Line",
  "Cor",
  "Via",
  "Luz",
  "Mar",
  "Serra",
];
const KIND = [
  "Implantes",
  "Sistemas Médicos",
  "Indústria",
  "Distribuidora",
  "Tecnologia",
  "Equipamentos",
  "Produtos Hospitalares",
];
const CITIES: Array<[string, string]> = [
  ["São Paulo", "SP"],
  ["Campinas", "SP"],
  ["Indaiatuba", "SP"],
  ["Ribeirão Preto", "SP"],
  ["Sorocaba", "SP"],
  ["São José dos Campos", "SP"],
  ["Rio de Janeiro", "RJ"],
  ["Niterói", "RJ"],
  ["Petrópolis", "RJ"],
  ["Curitiba", "PR"],
  ["Londrina", "PR"],
  ["Maringá", "PR"],
  ["Joinville", "SC"],
  ["Belo Horizonte", "MG"],
];
/** Positive signals only: the demo has no unsubscribes or bounces. */
const ENGAGEMENTS = ENGAGEMENT_KINDS.filter((k) => k !== "unsubscribe" && k !== "bounce");

function demoLeads(count = 300, seed = 13485) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out = [];
  const names = new Set<string>();
  while (out.length < count) {
    const company = `${pick(FIRST)}${pick(SECOND).toLowerCase()} ${pick(KIND)} Ltda`;
    if (names.has(company)) continue;
    names.add(company);
    const [city, state] = pick(CITIES);
    const slug = company
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/-ltda$/, "");
    // Shaped so the heatmap is meaningful: a few HOT, a band of WARM, a long COLD tail.
    const certs = (["ISO", "CE", "FDA"] as const).filter(() => r() < 0.18);
    const t = r();
    out.push({
      company,
      website: `https://www.${slug}.example.com.br`,
      segment: pick(SEGMENTS),
      tier: t < 0.15 ? 1 : t < 0.45 ? 2 : t < 0.8 ? 3 : null,
      products: pick(PRODUCTS),
      city,
      state,
      country: "Brasil",
      linkedinUrl: `https://www.linkedin.com/company/${slug}`,
      employees: Math.floor(5 + r() ** 4 * 500),
      yearsInBusiness: Math.floor(2 + r() ** 1.5 * 35),
      countriesServed: Math.floor(1 + r() ** 4 * 20),
      certifications: [...certs],
      hasRnd: r() < 0.15,
      isManufacturer: r() < 0.4,
    });
  }
  return out;
}

/**
 * Development only: ~300 synthetic leads (invented companies shaped like the market), territory
 * owners (Márcio: manufacturing, Vanessa: commercial), some engagement, and a ranking job.
 */
export async function seedLeadsDemo(db: Db, _env: Env, engine: JobEngine): Promise<void> {
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(leads);
  if ((count?.n ?? 0) > 0) return;
  const [sales, sales2, admin] = await Promise.all(
    ["sales@lifetrek.local", "sales2@lifetrek.local", "admin@lifetrek.local"].map((email) =>
      new UserDirectory(db).findByEmail(email),
    ),
  );
  if (!sales || !sales2 || !admin) return;
  await setTerritoryOwners(db, { manufacturing: sales.id, commercial: sales2.id }, admin.id);
  const r = rng(7);
  const now = Date.now();
  const base = demoLeads().map((l) => ({ id: newId(), ...l }));
  const events = base.flatMap((l) =>
    r() < 0.4
      ? Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({
          id: newId(),
          leadId: l.id,
          kind: ENGAGEMENTS[Math.floor(r() * ENGAGEMENTS.length)] as EngagementKind,
          occurredAt: now - Math.floor(r() * 60) * 86_400_000,
          source: "demo",
          createdAt: now,
        }))
      : [],
  );
  // Engagement is stored with the lead, so the ranking job (fit + engagement) sees it.
  const rows = base.map((l) => ({
    ...l,
    dedupeKey: dedupeKey(l),
    engagementScore: engagementScore(
      events.filter((e) => e.leadId === l.id),
      now,
    ).score,
    breakdown: [],
    createdBy: admin.id,
    createdAt: now,
    updatedAt: now,
  }));
  // D1 binds at most 100 parameters per statement: 3 rows of 28 columns.
  for (let i = 0; i < rows.length; i += 3) {
    await db
      .insert(leads)
      .values(rows.slice(i, i + 3))
      .onConflictDoNothing();
  }
  for (let i = 0; i < events.length; i += 12)
    await db.insert(leadEngagements).values(events.slice(i, i + 12));
  const makers = demoDecisionMakers(base, now);
  for (let i = 0; i < makers.length; i += 12)
    await db.insert(leadDecisionMakers).values(makers.slice(i, i + 12));
  // Scores come from the Python service; the job retries until it is up.
  await engine.enqueue(actorFor(admin.id, "admin", "job"), {
    type: "leads.rank",
    input: {},
    idempotencyKey: "demo-seed-rank",
  });
}

const PEOPLE = [
  "Helena Prado",
  "Ricardo Alves",
  "Camila Rocha",
  "Fernando Costa",
  "Juliana Melo",
  "André Nunes",
];
const TITLES = [
  "Diretor(a) de Operações",
  "Gerente de Compras",
  "Diretor(a) Industrial",
  "Engenheiro(a) de P&D",
];

/**
 * One decision maker per demo lead, as enrichment would have found: half with the provider id
 * LinkedIn's people search returns, half with only a profile URL (as a CRM export carries), so
 * the demo shows both an invitation sent directly and one that first costs a profile visit.
 */
function demoDecisionMakers(base: Array<{ id: string; company: string }>, now: number) {
  return base.map((l, i) => {
    const name = PEOPLE[i % PEOPLE.length] as string;
    const slug = `${name
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase()
      .replace(/\s+/g, "-")}-${i}`;
    return {
      id: newId(),
      leadId: l.id,
      name,
      headline: `${TITLES[i % TITLES.length]} na ${l.company}`,
      profileUrl: `https://www.linkedin.com/in/${slug}`,
      providerId: i % 2 === 0 ? `ACoAAdemo${i}` : null,
      source: "demo",
      fetchedAt: now,
    };
  });
}
