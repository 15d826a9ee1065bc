import { type Actor, isAdmin } from "../core/actor";
import { BadRequest, Conflict, Forbidden, fieldErrors } from "../core/errors";
import { newId } from "../core/ids";
import type { UserDirectory } from "../identity/directory";
import type { Dispatcher } from "./dispatch";
import type { JobRegistry } from "./registry";
import { JobsRepo } from "./repo";
import type { CreateJobBody, Job } from "./schema";
import type { ActedBy, JobRow, JobStore } from "./store";
import { toWire } from "./transition";
import type { JobType } from "./types";

/**
 * Runs before a job is accepted (guardrails); may throw to refuse. It may return an undo, called
 * when the job is not created after all (an identical idempotent request won the race).
 */
export type EnqueueHook = (
  actor: Actor,
  def: JobType,
  input: unknown,
  idempotencyKey: string | undefined,
  /** The job's id (new, or the retried job's): accept-time reservations are held under it. */
  jobId: string,
) => Promise<(() => Promise<void>) | undefined>;

export interface EnqueueOptions {
  parentId?: string;
  sequenceId?: string;
  sequenceIndex?: number;
  /**
   * The request's `ctx.waitUntil`: when given, the new job is claimed and started right here
   * instead of waiting for the queue's delivery. The queue message is still sent and stays the
   * guarantee; the claim is fenced, so whichever of the two comes second finds nothing to do.
   */
  waitUntil?: (work: Promise<unknown>) => void;
}

export interface EnqueuerDeps {
  store: JobStore;
  registry: JobRegistry;
  dispatcher: Dispatcher;
  users: UserDirectory;
  beforeEnqueue?: EnqueueHook[] | undefined;
  /** The direct start (the runner's `startNow`), used when the caller passes `waitUntil`. */
  startNow(row: JobRow, def: JobType, owner: Actor): Promise<void>;
}

/** Accepts jobs: new ones (`enqueue`) and a person's manual `retry` of a finished one. */
export class JobEnqueuer {
  constructor(private readonly d: EnqueuerDeps) {}

  /** Validates, stores and dispatches a job. Same idempotency key → the original job. */
  async enqueue(
    actor: Actor,
    body: CreateJobBody,
    opts: EnqueueOptions = {},
  ): Promise<{ job: Job; created: boolean }> {
    const { store, registry } = this.d;
    const def = registry.get(body.type);
    if (!def) {
      const types = registry
        .list()
        .map((t) => t.type)
        .join(", ");
      throw new BadRequest(`Unknown job type "${body.type}".`, [
        { path: "type", message: `Must be one of: ${types}` },
      ]);
    }
    assertMayStart(actor, def);
    const parsed = def.input.safeParse(body.input);
    if (!parsed.success) {
      throw new BadRequest("The job input is invalid.", fieldErrors(parsed.error.issues, "input"));
    }
    def.authorize?.(actor, parsed.data);
    if (body.idempotencyKey) {
      const existing = await store.findByKey(actor.userId, body.idempotencyKey);
      if (existing) return { job: toWire(existing), created: false };
    }
    const id = newId();
    const rollback = await this.runHooks(actor, def, parsed.data, body.idempotencyKey, id);

    const now = store.now();
    const created = await store
      .create({
        id,
        type: def.type,
        status: "queued",
        input: parsed.data,
        attempts: 0,
        maxAttempts: def.retry.maxAttempts,
        userId: actor.userId,
        parentId: opts.parentId ?? null,
        sequenceId: opts.sequenceId ?? null,
        sequenceIndex: opts.sequenceIndex ?? null,
        idempotencyKey: body.idempotencyKey ?? null,
        runner: def.runner,
        createdAt: now,
        updatedAt: now,
        runAt: now,
        // Optimistic: set back to null if the send fails (saves a write on the hot path).
        dispatchedAt: now,
      })
      .catch(async (err: unknown) => {
        await rollback();
        throw err;
      });
    if (!created) {
      await rollback();
      // Lost a race on the idempotency key: the winner's job is the answer.
      const winner = body.idempotencyKey
        ? await store.findByKey(actor.userId, body.idempotencyKey)
        : undefined;
      if (!winner) throw new Error("Insert matched a conflict but no job holds the key");
      return { job: toWire(winner), created: false };
    }
    const { row, published } = created;
    // The answer waits for the send: an accepted job is in the queue, so a crash right after the
    // answer costs it no sweeper delay (the crash drills bound recovery time; a send left to
    // waitUntil made accepted jobs wait for the 30 s redispatch instead).
    const answered = Promise.all([published, this.d.dispatcher.sendFirst(row.id)]);
    // Started once the answer is ready ("queued" is out, so watchers see queued → running →
    // succeeded in order), so the claim's work does not delay the answer.
    if (opts.waitUntil) opts.waitUntil(answered.then(() => this.d.startNow(row, def, actor)));
    await answered;
    return { job: toWire(row), created: true };
  }

  /** Re-runs a failed or cancelled job with its stored input; checkpoints make it resume. */
  async retry(actor: Actor, id: string): Promise<Job> {
    const row = await new JobsRepo(this.d.store.db, actor).getRow(id);
    if (row.status !== "failed" && row.status !== "cancelled") {
      throw new Conflict(`Only failed or cancelled jobs can be retried; this one is ${row.status}.`);
    }
    const def = this.d.registry.get(row.type);
    if (!def) throw new Conflict(`Job type ${row.type} no longer exists.`);
    assertMayStart(actor, def);
    const input = def.input.safeParse(row.input);
    if (input.success) def.authorize?.(actor, input.data);
    // A retry is a new start: the same guardrails as an enqueue (kill switch, counts, estimate).
    const rollback = await this.runHooks(actor, def, input.success ? input.data : row.input, undefined, id);
    const by = await whoActed(this.d.users, actor).catch(() => ({
      by: actor.userId,
      byRole: actor.role,
      byName: null,
    }));
    const updated = await this.d.store.reopen(row, def.retry.maxAttempts, by).catch(async (err: unknown) => {
      await rollback();
      throw err;
    });
    if (!updated) {
      await rollback();
      throw new Conflict("The job changed state; reload and try again.");
    }
    await this.d.dispatcher.send(id);
    return toWire(updated);
  }

  /** The guardrail hooks; returns how to undo what they took if the job is not stored after all. */
  private async runHooks(
    actor: Actor,
    def: JobType,
    input: unknown,
    key: string | undefined,
    jobId: string,
  ): Promise<() => Promise<unknown>> {
    const undo: Array<() => Promise<void>> = [];
    const rollback = () => Promise.all(undo.map((u) => u().catch(() => undefined)));
    try {
      for (const hook of this.d.beforeEnqueue ?? []) {
        const u = await hook(actor, def, input, key, jobId);
        if (u) undo.push(u);
      }
    } catch (err) {
      await rollback();
      throw err;
    }
    return rollback;
  }
}

/** Role and scope: a `jobs:write` token cannot start a job its feature's route would refuse. */
function assertMayStart(actor: Actor, def: JobType): void {
  if (!isAdmin(actor) && !def.allowedRoles.includes(actor.role)) {
    throw new Forbidden(`Your role cannot start "${def.type}" jobs.`);
  }
  if (!actor.scopes.has(def.scope)) {
    throw new Forbidden(`"${def.type}" jobs need the "${def.scope}" scope.`);
  }
}

/**
 * Who cancelled or retried, for the trail: screens say "by you", the person's name, or "by an
 * administrator" — never a raw id.
 */
export async function whoActed(users: UserDirectory, actor: Actor): Promise<ActedBy> {
  const u = await users.find(actor.userId);
  return { by: actor.userId, byRole: actor.role, byName: u?.name?.trim() || null };
}
