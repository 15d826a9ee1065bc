import { JobMessage } from "../../modules/jobs";
import { services } from "../services";

/** Whatever reaches the dead-letter queue ends `failed` with its input kept: nothing vanishes. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { engine } = services(env);
  for (const message of batch.messages) {
    const parsed = JobMessage.safeParse(message.body);
    if (parsed.success) {
      const row = await engine.loadRow(parsed.data.jobId);
      if (row && (row.status === "queued" || row.status === "running")) {
        await engine.markDeadLettered(row);
      }
    }
    message.ack();
  }
}
