import { eq, or } from "drizzle-orm";
import { z } from "zod";
import { leadDecisionMakers, leads } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { LeadsRepo } from "./repo";

export const WebhookInput = z.object({
  source: z.literal("unipile"),
  eventId: z.string().min(1).max(200),
  event: z.enum(["new_relation", "message_received"]),
  providerId: z.string().max(200).optional(),
  profileUrl: z.string().max(400).optional(),
  occurredAt: z.iso.datetime().optional(),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

const KIND = { new_relation: "invite_accepted", message_received: "message_reply" } as const;

/** Finds the lead by a decision maker's provider id or profile URL and records the signal once. */
export async function recordWebhookEngagement(db: Db, actor: Actor, input: WebhookInput) {
  const conds = [
    input.providerId ? eq(leadDecisionMakers.providerId, input.providerId) : undefined,
    input.profileUrl ? eq(leadDecisionMakers.profileUrl, input.profileUrl) : undefined,
  ].filter((c) => c !== undefined);
  let leadId: string | null = null;
  if (conds.length) {
    const [dm] = await db
      .select({ leadId: leadDecisionMakers.leadId })
      .from(leadDecisionMakers)
      .where(or(...conds))
      .limit(1);
    leadId = dm?.leadId ?? null;
  }
  if (!leadId && input.profileUrl) {
    const [l] = await db
      .select({ id: leads.id })
      .from(leads)
      .where(eq(leads.linkedinUrl, input.profileUrl))
      .limit(1);
    leadId = l?.id ?? null;
  }
  if (!leadId) return { recorded: false, leadId: null };
  const repo = new LeadsRepo(db, actor);
  const { recorded } = await repo.addEngagement(leadId, {
    kind: KIND[input.event],
    occurredAt: input.occurredAt ? Date.parse(input.occurredAt) : Date.now(),
    source: "unipile-webhook",
    externalId: `unipile:${input.eventId}`,
  });
  if (recorded)
    await repo.refreshEngagement(leadId, Date.now(), `engagement: ${KIND[input.event]} (unipile-webhook)`);
  return { recorded, leadId };
}
