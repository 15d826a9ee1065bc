import { countingD1 } from "../../modules/core/d1-count";
import { JobMessage } from "../../modules/jobs";
import { services } from "../services";

/**
 * Claims and runs each delivered job. Duplicate or late deliveries lose the claim and are acked;
 * a not-yet-due job is re-delivered at its run time; a failed attempt with attempts left is
 * re-delivered after its backoff via message.retry.
 */
export async function consumeJobs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { engine } = services(env);
  // One meter for the invocation: its jobs share D1's per-invocation query limit.
  const meter = countingD1(env.DB);
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = JobMessage.safeParse(message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ msg: "dropping malformed job message", id: message.id }));
        message.ack();
        return;
      }
      try {
        const claim = await engine.claim(parsed.data.jobId);
        if (claim === null) return message.ack();
        if ("notYetS" in claim) return message.retry({ delaySeconds: claim.notYetS });
        const { row } = claim;
        const out =
          row.runner === "workflow"
            ? await engine.startWorkflow(row)
            : await engine.runQueueJob(row, undefined, meter);
        if ("continueNow" in out) {
          // A fresh message: a redelivery would spend the queue's retry count on a healthy job.
          await engine.dispatch(row.id);
          message.ack();
        } else if (out.requeueDelayMs !== undefined) {
          message.retry({ delaySeconds: Math.ceil(out.requeueDelayMs / 1000) });
        } else {
          message.ack();
        }
      } catch (err) {
        // D1 unreachable or similar: let the queue redeliver; the claim guard prevents doubles.
        console.error(JSON.stringify({ msg: "consumer error", jobId: parsed.data.jobId, err: String(err) }));
        message.retry({ delaySeconds: 5 });
      }
    }),
  );
}
