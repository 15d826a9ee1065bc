import { httpTransport, NotifyMessage } from "../../modules/notifications";
import { services } from "../services";

/** Delivers queued "away" notifications; failures retry with backoff and never touch the job. */
export async function consumeNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { notifications, config } = services(env);
  const transport = httpTransport({
    emailApiUrl: config.email.apiUrl,
    emailApiKey: config.email.apiKey,
    from: config.email.from,
  });
  for (const message of batch.messages) {
    const parsed = NotifyMessage.safeParse(message.body);
    if (!parsed.success) {
      message.ack();
      continue;
    }
    const out = await notifications.deliver(parsed.data.outboxId, transport);
    if (out.retryInS) message.retry({ delaySeconds: out.retryInS });
    else message.ack();
  }
}
