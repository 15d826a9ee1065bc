import { z } from "@hono/zod-openapi";
import { orNull } from "../contracts/absent";

export const NotificationSettings = z
  .object({
    enabled: z.boolean(),
    onlyFailures: orNull(z.boolean().default(false)),
    email: z.email().max(200).nullable().default(null),
    slackWebhookUrl: z.url().max(500).nullable().default(null),
  })
  .openapi("NotificationSettings");
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotifyMessage = z.object({ outboxId: z.string().min(1).max(64) });
export type NotifyMessage = z.infer<typeof NotifyMessage>;
