import { eq } from "drizzle-orm";
import { personas, products } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import { insertImage } from "./products";
import { BRAND } from "./render/brand";
import { svgToPng } from "./render/png";

/** The three personas of domain §2. */
export const SEED_PERSONAS = [
  {
    name: "Lifetrek company page",
    profile: "company" as const,
    audience: "Quality/RA, R&D and procurement leaders at medical, dental and veterinary device OEMs",
    toneWords: ["professional", "technically precise", "confident", "quality-focused"],
    doRules: [
      'Speak as "we", an authoritative industry leader',
      "Proof early and specific: Citizen M32/L20, Tornos GT26, ZEISS Contura, ISO 13485, ANVISA",
      "Exactly one low-friction CTA",
    ],
    dontRules: ["No generic claims", "No hype, no emoji", "Never salesy"],
    examplePosts: [
      "Como líder em manufatura médica, validamos cada lote em CMM ZEISS Contura antes da liberação.",
    ],
  },
  {
    name: "Sales engineer — technical",
    profile: "salesperson" as const,
    audience: "Product engineers and buyers at device OEMs evaluating a contract manufacturer",
    toneWords: ["approachable", "expert", "consultative", "partnership-oriented"],
    doRules: ['Speak as "I"', "Share first-hand lessons from OEM projects", "Engineer-to-engineer"],
    dontRules: ["No corporate voice", "No pressure to buy"],
    examplePosts: [
      "Na minha experiência com OEMs, o maior risco de um implante está na primeira amostra, não no lote.",
    ],
  },
  {
    name: "Engineering lead — deep dive",
    profile: "salesperson" as const,
    audience: "R&D and manufacturing engineers who want process detail",
    toneWords: ["deeply technical", "didactic", "precise", "candid"],
    doRules: [
      'Speak as "I"',
      "Explain the why behind tolerances, machining and validation (IQ/OQ/PQ)",
      "Use numbers",
    ],
    dontRules: ["No marketing adjectives", "Never vague"],
    examplePosts: ["Eu explico por que uma segunda fixação custa mais mícrons do que parece."],
  },
];

type Shape = "implant" | "screw" | "cage" | "plate" | "instrument" | "micro";

/** Synthetic catalogue: invented parts, pictures drawn in code (no third-party images). */
const SEED_PRODUCTS: Array<{
  name: string;
  description: string;
  category: "dental" | "medical" | "veterinary" | "industrial";
  shape: Shape;
  metadata: Record<string, unknown>;
}> = [
  {
    name: "Implante dentário cônico Ti-6Al-4V",
    description:
      "Implante dentário cônico em titânio grau 5, rosca dupla, superfície tratada; usinado em torno suíço.",
    category: "dental",
    shape: "implant",
    metadata: { material: "Ti-6Al-4V ELI", keywords: "implante dental dentário titanio" },
  },
  {
    name: "Parafuso ortopédico canulado",
    description:
      "Parafuso ortopédico canulado para fixação óssea, rosca parcial, aço inox 316LVM ou titânio.",
    category: "medical",
    shape: "screw",
    metadata: { material: "316LVM", keywords: "ortopedia parafuso osso trauma" },
  },
  {
    name: "Cage espinhal intersomático PEEK",
    description: "Cage intersomático para coluna lombar em PEEK com marcadores radiopacos de tântalo.",
    category: "medical",
    shape: "cage",
    metadata: { material: "PEEK", keywords: "coluna espinhal implante spine" },
  },
  {
    name: "Placa de bloqueio veterinária",
    description: "Placa de bloqueio para ortopedia veterinária de pequenos animais, furos combinados.",
    category: "veterinary",
    shape: "plate",
    metadata: { material: "Ti CP grau 4", keywords: "veterinario ortopedia placa" },
  },
  {
    name: "Instrumental cirúrgico de precisão",
    description:
      "Instrumental cirúrgico reutilizável: guias de broca e chaves para implantes, aço inox 17-4PH.",
    category: "medical",
    shape: "instrument",
    metadata: { material: "17-4PH", keywords: "instrumental cirurgico cirurgia" },
  },
  {
    name: "Peça de micro precisão usinada",
    description:
      "Componente de micro precisão com tolerância de ±5 µm para dispositivos médicos eletrônicos.",
    category: "industrial",
    shape: "micro",
    metadata: { material: "Ti / PEEK", keywords: "micro precisao usinagem tolerancia" },
  },
];

const METAL = `<linearGradient id="m" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#8C99A6"/><stop offset="0.45" stop-color="#F2F5F8"/><stop offset="1" stop-color="#6B7785"/></linearGradient>`;

function shapeSvg(shape: Shape): string {
  switch (shape) {
    case "implant":
      return `<path d="M280 90 h80 l-10 40 h-60 z" fill="url(#m)"/>${Array.from({ length: 9 }, (_, i) => `<path d="M${268 + i * 2} ${140 + i * 30} h${104 - i * 4} l-6 20 h-${92 - i * 4} z" fill="url(#m)"/>`).join("")}`;
    case "screw":
      return `<rect x="150" y="200" width="60" height="80" rx="10" fill="url(#m)"/>${Array.from({ length: 12 }, (_, i) => `<rect x="${210 + i * 25}" y="215" width="18" height="50" rx="4" fill="url(#m)"/>`).join("")}<rect x="210" y="230" width="300" height="20" fill="url(#m)"/>`;
    case "cage":
      return `<rect x="190" y="150" width="260" height="180" rx="30" fill="#D9CBA3"/>${[0, 1, 2].map((i) => `<rect x="${220 + i * 75}" y="185" width="55" height="110" rx="10" fill="#0A1628" opacity="0.7"/>`).join("")}`;
    case "plate":
      return `<rect x="130" y="200" width="380" height="80" rx="40" fill="url(#m)"/>${[0, 1, 2, 3, 4].map((i) => `<circle cx="${175 + i * 72}" cy="240" r="18" fill="#0A1628"/>`).join("")}`;
    case "instrument":
      return `<rect x="110" y="228" width="380" height="24" rx="12" fill="url(#m)"/><rect x="470" y="214" width="70" height="52" rx="10" fill="url(#m)"/><path d="M110 228 l-30 12 l30 12 z" fill="url(#m)"/>`;
    case "micro":
      return `<circle cx="320" cy="240" r="110" fill="url(#m)"/>${Array.from({ length: 16 }, (_, i) => {
        const a = (i / 16) * Math.PI * 2;
        return `<rect x="${320 + Math.cos(a) * 118 - 12}" y="${240 + Math.sin(a) * 118 - 12}" width="24" height="24" fill="url(#m)" transform="rotate(${(a * 180) / Math.PI} ${320 + Math.cos(a) * 118} ${240 + Math.sin(a) * 118})"/>`;
      }).join("")}<circle cx="320" cy="240" r="40" fill="#0A1628"/>`;
  }
}

/** A 640×480 product "photo": the part drawn on the brand studio backdrop. */
export function productSvg(shape: Shape, accent: string = BRAND.blue): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480"><defs>${METAL}<radialGradient id="bg" cx="0.5" cy="0.45" r="0.8"><stop offset="0" stop-color="#1C3A5E"/><stop offset="1" stop-color="${BRAND.gradientTop}"/></radialGradient></defs><rect width="640" height="480" fill="url(#bg)"/><ellipse cx="320" cy="420" rx="220" ry="18" fill="#000" opacity="0.35"/>${shapeSvg(shape)}<rect x="0" y="472" width="640" height="8" fill="${accent}"/></svg>`;
}

/**
 * Development demo data, idempotent: the personas of domain §2 and a synthetic catalogue whose
 * pictures are rendered here and stored in R2 (publicOk), plus one confidential customer part.
 */
export async function seedContentDemo(db: Db, env: Env): Promise<void> {
  const now = Date.now();
  for (const p of SEED_PERSONAS) {
    const exists = await db.query.personas.findFirst({ where: eq(personas.name, p.name) });
    if (!exists) await db.insert(personas).values({ id: newId(), ...p, createdAt: now, updatedAt: now });
  }
  for (const p of SEED_PRODUCTS) {
    if (await db.query.products.findFirst({ where: eq(products.name, p.name) })) continue;
    const id = newId();
    const { shape, ...row } = p;
    await db
      .insert(products)
      .values({ id, ...row, metadata: { ...row.metadata, demo: true }, createdAt: now, updatedAt: now });
    const png = await svgToPng(productSvg(shape));
    await insertImage(
      db,
      env.FILES,
      id,
      { bytes: png, mime: "image/png", ext: "png", publicOk: true, alt: p.name },
      now,
    );
    if (shape === "implant") {
      // A customer's confidential variant: stored, but never allowed on a slide or sent to a model.
      const secret = await svgToPng(productSvg(shape, BRAND.orange));
      await insertImage(
        db,
        env.FILES,
        id,
        { bytes: secret, mime: "image/png", ext: "png", publicOk: false, alt: "Confidencial — cliente OEM" },
        now,
      );
    }
  }
}
