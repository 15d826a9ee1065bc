import type { EngagementKind } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { LeadsRepo } from "./repo";

/**
 * The public way for another feature (outreach's Unipile webhooks) to add an engagement to a
 * lead: recorded once per `externalId`, and the lead's score refreshed at once.
 */
export async function recordLeadEngagement(
  db: Db,
  actor: Actor,
  input: { leadId: string; kind: EngagementKind; occurredAt: number; source: string; externalId: string },
): Promise<{ recorded: boolean }> {
  const repo = new LeadsRepo(db, actor);
  const { recorded } = await repo.addEngagement(input.leadId, input);
  if (recorded)
    await repo.refreshEngagement(input.leadId, Date.now(), `engagement: ${input.kind} (${input.source})`);
  return { recorded };
}
