import { combining } from "../../modules/core/combine";
import { countingD1 } from "../../modules/core/d1-count";
import { JobMessage } from "../../modules/jobs";
import { services } from "../services";

/**
 * Claims and runs each delivered job. Duplicate or late deliveries lose the claim and are acked;
 * a not-yet-due job is re-delivered at its run time; a failed attempt with attempts left is
 * re-delivered after its backoff via message.retry.
 *
 * The batch's jobs run at once and share round trips (issue #10): one read finds all their rows,
 * each owner is read once, and their claims, completions and realtime updates are combined
 * (`combining`) into a few D1 batches and hub calls instead of several per job.
 */
export async function consumeJobs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { engine } = services(env);
  // One meter for the invocation: its jobs share D1's per-invocation query limit.
  const meter = countingD1(env.DB);
  const messages = batch.messages.map((message) => ({ message, parsed: JobMessage.safeParse(message.body) }));
  const ids = messages.flatMap(({ parsed }) => (parsed.success ? [parsed.data.jobId] : []));
  await combining(async () => {
    // If the batch read fails, each job is read on its own by its claim.
    const rows = await engine.loadMany(ids).catch(() => undefined);
    const owners = new Map<string, ReturnType<typeof engine.loadActor>>();
    const ownerOf = (userId: string) => {
      let owner = owners.get(userId);
      if (!owner) {
        owner = engine.loadActor(userId);
        owners.set(userId, owner);
      }
      // A missing owner is the job's own failure: its run reads the owner again and says so.
      return owner.catch(() => undefined);
    };
    await Promise.all(
      messages.map(async ({ message, parsed }) => {
        if (!parsed.success) {
          console.error(JSON.stringify({ msg: "dropping malformed job message", id: message.id }));
          message.ack();
          return;
        }
        const { jobId } = parsed.data;
        try {
          const claim = await engine.claim(jobId, rows ? (rows.get(jobId) ?? null) : undefined);
          if (claim === null) return message.ack();
          if ("notYetS" in claim) return message.retry({ delaySeconds: claim.notYetS });
          const { row } = claim;
          const out =
            row.runner === "workflow"
              ? await engine.startWorkflow(row)
              : await engine.runQueueJob(row, await ownerOf(row.userId), meter);
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
          console.error(JSON.stringify({ msg: "consumer error", jobId, err: String(err) }));
          message.retry({ delaySeconds: 5 });
        }
      }),
    );
  });
}
