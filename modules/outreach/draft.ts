import { and, eq, isNull } from "drizzle-orm";
import {
  leadDecisionMakers,
  leadEngagements,
  leads,
  linkedinAutomation,
  outreachDecisions,
  personas,
} from "../../drizzle/schema";
import { defineJobType, JobFailure } from "../jobs/types";
import { INVITE_NOTE_MAX } from "./approval";
import { DraftInput, DraftResult } from "./schema";

interface DraftFacts {
  firstName: string | null;
  company: string;
  segment: string | null;
  products: string | null;
  signals: string[];
  persona: string | null;
}

/** Cuts at a word boundary so a note never ends mid-word, and never passes `max` characters. */
function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

/**
 * The offline drafter: deterministic, engineer-to-engineer, one problem, proof, one low-friction
 * CTA (domain.md §2). A provider-backed drafter can replace it through the same function shape.
 */
function offlineDraft(kind: "send_invite" | "send_message", f: DraftFacts, language: "pt-BR" | "en"): string {
  const hi = f.firstName
    ? language === "en"
      ? `Hi ${f.firstName}, `
      : `Olá ${f.firstName}, `
    : language === "en"
      ? "Hi, "
      : "Olá, ";
  const area = f.segment ?? (language === "en" ? "medical devices" : "dispositivos médicos");
  const reacted = f.signals.length
    ? language === "en"
      ? ` Thanks for engaging with our ${f.signals[0]} post.`
      : ` Obrigado por interagir com nosso post (${f.signals[0]}).`
    : "";
  if (kind === "send_invite") {
    const body =
      language === "en"
        ? `${hi}I work with ${area} OEMs like ${f.company} on Swiss-type machining (Citizen M32, Tornos GT26) under ISO 13485.${reacted} Happy to connect and swap notes on tolerances.`
        : `${hi}trabalho com fabricantes de ${area} como a ${f.company} em usinagem suíça (Citizen M32, Tornos GT26) com ISO 13485.${reacted} Vamos nos conectar e trocar ideias sobre tolerâncias?`;
    return clip(body, INVITE_NOTE_MAX);
  }
  return language === "en"
    ? `${hi}thanks for connecting. At Lifetrek we machine ${f.products ?? "implants and instruments"} for ${area} in ISO 7 cleanrooms, ISO 13485 and ANVISA certified, with ZEISS CMM inspection on every lot.${reacted} Would a 15-minute call on one of ${f.company}'s current parts be useful?`
    : `${hi}obrigado pela conexão. Na Lifetrek usinamos ${f.products ?? "implantes e instrumentais"} para ${area} em salas limpas ISO 7, com ISO 13485 e ANVISA, e inspeção ZEISS CMM em cada lote.${reacted} Uma conversa de 15 minutos sobre uma peça atual da ${f.company} seria útil?`;
}

/** `outreach.draft`: writes the AI draft of one action; the action stays `draft` for a person. */
export const outreachDraft = defineJobType({
  type: "outreach.draft",
  description: "Drafts a LinkedIn invitation note or message for a lead (offline provider by default).",
  runner: "queue",
  input: DraftInput,
  result: DraftResult,
  retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 },
  timeoutMs: 60_000,
  allowedRoles: ["admin", "sales"],
  scope: "outreach:write",
  // The input names only the action; the queue and the lead page say whom it is for.
  label: (_i, locale) => (locale === "en" ? "LinkedIn note draft" : "Rascunho de mensagem no LinkedIn"),
  name: { "pt-BR": "Rascunho de mensagem no LinkedIn", en: "LinkedIn note draft" },
  stages: { draft: { "pt-BR": "Redigindo a mensagem", en: "Drafting the note" } },
  async run(ctx) {
    const action = await ctx.db.query.linkedinAutomation.findFirst({
      where: and(
        eq(linkedinAutomation.id, ctx.input.actionId),
        eq(linkedinAutomation.ownerId, ctx.actor.userId),
      ),
    });
    if (!action) throw new JobFailure("not_found", "Outreach action not found.", false);
    if (action.kind !== "send_invite" && action.kind !== "send_message")
      throw new JobFailure("bad_kind", "Only invitations and messages are drafted.", false);
    const lead = action.leadId
      ? await ctx.db.query.leads.findFirst({ where: eq(leads.id, action.leadId) })
      : undefined;
    if (!lead) throw new JobFailure("lead_not_found", "The lead no longer exists.", false);
    const [dm] = await ctx.db
      .select()
      .from(leadDecisionMakers)
      .where(eq(leadDecisionMakers.leadId, lead.id))
      .limit(1);
    const signals = await ctx.db
      .select({ kind: leadEngagements.kind })
      .from(leadEngagements)
      .where(eq(leadEngagements.leadId, lead.id))
      .limit(5);
    const persona = ctx.input.personaId
      ? await ctx.db.query.personas.findFirst({ where: eq(personas.id, ctx.input.personaId) })
      : undefined;
    await ctx.progress({ percent: 50, stage: "draft", message: "Drafting" });
    const text = offlineDraft(
      action.kind,
      {
        firstName: (action.targetName ?? dm?.name ?? "").split(" ")[0] || null,
        company: lead.company,
        segment: lead.segment,
        products: lead.products,
        signals: signals.map((s) => s.kind.replace("linkedin_", "")),
        persona: persona?.name ?? null,
      },
      ctx.input.language,
    );
    const now = Date.now();
    // Only an untouched draft is filled: a retry or a person's edit is never overwritten.
    await ctx.db.batch([
      ctx.db
        .update(linkedinAutomation)
        .set({ text, jobId: ctx.jobId, updatedAt: now })
        .where(
          and(
            eq(linkedinAutomation.id, action.id),
            eq(linkedinAutomation.status, "draft"),
            isNull(linkedinAutomation.text),
          ),
        ),
      ctx.db.insert(outreachDecisions).values({
        accountId: action.accountId,
        actionId: action.id,
        at: now,
        decision: "drafted",
        reason: `offline draft (${[...text].length} characters)`,
        actorId: ctx.actor.userId,
      }),
    ]);
    return { actionId: action.id };
  },
});
