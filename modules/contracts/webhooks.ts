// Wire shapes of the calls Unipile makes to us (`/api/webhooks/unipile…`) and our answers.
import { z } from "@hono/zod-openapi";

/** Hosted auth's notify call: the account Unipile created (or failed to) for our pending one. */
export const HostedAuthNotice = z.object({
  status: z.string(),
  account_id: z.string().min(1),
  name: z.string().optional(),
});

export const HostedAuthPath = z.object({ id: z.string(), token: z.string() });

/** What we did with one event: `handled` names the outcome (`ignored`, `duplicate`, …). */
export const WebhookOutcome = z
  .object({
    handled: z.string(),
    leadId: z.string().nullable().optional(),
    duplicate: z.boolean().optional(),
  })
  .openapi("WebhookOutcome");

export const WebhookAck = z.object({ ok: z.literal(true) });
