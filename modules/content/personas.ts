import { and, asc, eq } from "drizzle-orm";
import { personas } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { Forbidden, NotFound } from "../core/errors";
import { newId } from "../core/ids";
import { JobFailure } from "../jobs/types";
import type { PatchPersonaBody, PersonaBody, PersonaWire, Profile } from "./schema";

type PersonaRow = typeof personas.$inferSelect;

/** Who may change the shared catalogue (products, personas). */
export function requireEditor(actor: Actor): void {
  if (actor.role !== "admin" && actor.role !== "marketing") {
    throw new Forbidden("Only marketing or admin users can change this.");
  }
}

const personaWire = (p: PersonaRow): PersonaWire => ({
  id: p.id,
  name: p.name,
  profile: p.profile,
  audience: p.audience,
  toneWords: p.toneWords,
  doRules: p.doRules,
  dontRules: p.dontRules,
  examplePosts: p.examplePosts,
  createdAt: new Date(p.createdAt).toISOString(),
  updatedAt: new Date(p.updatedAt).toISOString(),
});

/** Personas are shared: every signed-in user reads them, marketing/admin write them. */
export class PersonaService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async list(profile?: Profile): Promise<PersonaWire[]> {
    const rows = await this.db
      .select()
      .from(personas)
      .where(profile ? eq(personas.profile, profile) : undefined)
      .orderBy(asc(personas.name));
    return rows.map(personaWire);
  }

  async get(id: string): Promise<PersonaWire> {
    const row = await this.db.query.personas.findFirst({ where: eq(personas.id, id) });
    if (!row) throw new NotFound("Persona");
    return personaWire(row);
  }

  async create(actor: Actor, body: PersonaBody): Promise<PersonaWire> {
    requireEditor(actor);
    const now = this.now();
    const [row] = await this.db
      .insert(personas)
      .values({ id: newId(), ...body, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error("persona insert returned nothing");
    return personaWire(row);
  }

  async patch(actor: Actor, id: string, body: PatchPersonaBody): Promise<PersonaWire> {
    requireEditor(actor);
    const [row] = await this.db
      .update(personas)
      .set({ ...body, updatedAt: this.now() })
      .where(eq(personas.id, id))
      .returning();
    if (!row) throw new NotFound("Persona");
    return personaWire(row);
  }
}

/** What every prompt is given about the voice (domain §2). */
export interface Voice {
  personaId: string | null;
  name: string;
  profile: Profile;
  audience: string;
  toneWords: string[];
  doRules: string[];
  dontRules: string[];
  examplePosts: string[];
}

const BUILT_IN: Record<Profile, Omit<Voice, "personaId">> = {
  company: {
    name: "Lifetrek company page",
    profile: "company",
    audience: "Quality/RA, R&D and procurement at medical, dental and veterinary device OEMs",
    toneWords: ["professional", "technically precise", "confident", "quality-focused"],
    doRules: ['Speak as "we"', "Cite named machines, ISO 13485 and ANVISA", "One low-friction CTA"],
    dontRules: ["No generic claims", "No hype or salesy language"],
    examplePosts: [],
  },
  salesperson: {
    name: "Sales engineer — technical",
    profile: "salesperson",
    audience: "Product engineers and buyers at device OEMs",
    toneWords: ["approachable", "expert", "consultative", "partnership-oriented"],
    doRules: ['Speak as "I"', "Share first-hand experience with OEM projects", "One low-friction CTA"],
    dontRules: ["No corporate voice", "Not salesy"],
    examplePosts: [],
  },
};

/**
 * The voice for a job. A persona of the other profile is refused (content for the wrong profile is
 * a defect); without one, the profile's first stored persona or the built-in default is used.
 */
export async function loadVoice(db: Db, profile: Profile, personaId?: string): Promise<Voice> {
  if (personaId) {
    const p = await db.query.personas.findFirst({ where: eq(personas.id, personaId) });
    if (!p) throw new JobFailure("persona_not_found", `Persona ${personaId} does not exist.`, false);
    if (p.profile !== profile) {
      throw new JobFailure(
        "persona_profile_mismatch",
        `Persona "${p.name}" is for the ${p.profile} profile, not ${profile}.`,
        false,
      );
    }
    return { personaId: p.id, ...pickVoice(p) };
  }
  const first = await db.query.personas.findFirst({
    where: and(eq(personas.profile, profile)),
    orderBy: asc(personas.createdAt),
  });
  return first ? { personaId: first.id, ...pickVoice(first) } : { personaId: null, ...BUILT_IN[profile] };
}

const pickVoice = (p: PersonaRow): Omit<Voice, "personaId"> => ({
  name: p.name,
  profile: p.profile,
  audience: p.audience,
  toneWords: p.toneWords,
  doRules: p.doRules,
  dontRules: p.dontRules,
  examplePosts: p.examplePosts,
});

/** The persona block injected into every prompt. */
export function voicePrompt(v: Voice): string {
  return [
    `PERSONA: ${v.name} (profile: ${v.profile}; voice: ${v.profile === "company" ? '"we", authoritative industry leader' : '"I", expert consultant'})`,
    `Audience: ${v.audience}`,
    `Tone: ${v.toneWords.join(", ")}`,
    v.doRules.length ? `Do: ${v.doRules.join("; ")}` : "",
    v.dontRules.length ? `Don't: ${v.dontRules.join("; ")}` : "",
    ...v.examplePosts.slice(0, 2).map((p, i) => `Example post ${i + 1}: ${p.slice(0, 600)}`),
  ]
    .filter(Boolean)
    .join("\n");
}
