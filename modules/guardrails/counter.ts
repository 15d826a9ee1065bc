import { DurableObject } from "cloudflare:workers";

export interface BucketCheck {
  bucket: string;
  /** What the request would add if accepted. */
  add: number;
  /** How much headroom it needs (may differ from `add`: an estimate checked but not counted). */
  need: number;
  limit: number;
  /** An idempotency key: a bucket counts each key once (a repeat passes without counting). */
  key?: string | undefined;
}

export type TryResult =
  /** `counted`: the buckets this call added to (a repeated key adds nothing). */
  | { ok: true; totals: Record<string, number>; counted: string[] }
  | { ok: false; bucket: string; total: number; limit: number };

/** One bucket a reservation holds (amount) against its limit. */
export interface HoldEntry {
  bucket: string;
  amount: number;
  limit: number;
}

interface Hold {
  entries: Array<{ bucket: string; amount: number }>;
  expiresAt: number;
}

export type ReserveResult = { ok: true } | { ok: false; bucket: string; total: number; limit: number };

/**
 * Per-scope counters ("global", "user:<id>"). A Durable Object runs one request at a time, so
 * check-then-add is atomic: 50 concurrent enqueues against a limit of 10 accept exactly 10.
 */
export class BudgetCounter extends DurableObject<Env> {
  private async read(bucket: string): Promise<number> {
    return (await this.ctx.storage.get<number>(bucket)) ?? 0;
  }

  async tryAdd(checks: BucketCheck[]): Promise<TryResult> {
    const totals: Record<string, number> = {};
    const fresh: BucketCheck[] = [];
    for (const c of checks) {
      if (c.key && (await this.ctx.storage.get(`seen:${c.bucket}:${c.key}`))) continue;
      fresh.push(c);
    }
    for (const c of fresh) {
      const total = await this.read(c.bucket);
      if (total + c.need > c.limit + 1e-9) return { ok: false, bucket: c.bucket, total, limit: c.limit };
      totals[c.bucket] = total;
    }
    for (const c of fresh) {
      if (c.add !== 0) {
        totals[c.bucket] = (totals[c.bucket] ?? 0) + c.add;
        await this.ctx.storage.put(c.bucket, totals[c.bucket]);
      }
      if (c.key) await this.ctx.storage.put(`seen:${c.bucket}:${c.key}`, true);
    }
    return { ok: true, totals, counted: fresh.filter((c) => c.add !== 0).map((c) => c.bucket) };
  }

  /**
   * Reserve-before-spend: adds `amount` to every bucket only if every bucket stays within its
   * limit, and remembers it as hold `id` until `settle`/`release` (or `expiresAt`, for a caller
   * that died). One request at a time per object, so N racing reservations never pass a limit.
   * `replaces` releases another hold first in the same step (a job's accept-time estimate making
   * way for its first real call).
   */
  async reserve(
    id: string,
    entries: HoldEntry[],
    now: number,
    ttlMs: number,
    replaces?: string,
  ): Promise<ReserveResult> {
    await this.expireHolds(now);
    if (await this.ctx.storage.get(`hold:${id}`)) return { ok: true };
    if (replaces) await this.settle(replaces, []);
    for (const e of entries) {
      const total = await this.read(e.bucket);
      if (total + e.amount > e.limit + 1e-9) return { ok: false, bucket: e.bucket, total, limit: e.limit };
    }
    for (const e of entries) await this.ctx.storage.put(e.bucket, (await this.read(e.bucket)) + e.amount);
    const hold: Hold = {
      entries: entries.map(({ bucket, amount }) => ({ bucket, amount })),
      expiresAt: now + ttlMs,
    };
    await this.ctx.storage.put(`hold:${id}`, hold);
    return { ok: true };
  }

  /**
   * Replaces hold `id` by what was really spent: each bucket moves by (actual − reserved), so an
   * estimate that was too high gives the difference back. No hold: the actual amounts are added.
   */
  async settle(
    id: string,
    actual: Array<{ bucket: string; amount: number }>,
  ): Promise<Record<string, number>> {
    const hold = await this.ctx.storage.get<Hold>(`hold:${id}`);
    const delta = new Map<string, number>();
    for (const e of hold?.entries ?? []) delta.set(e.bucket, (delta.get(e.bucket) ?? 0) - e.amount);
    for (const e of actual) delta.set(e.bucket, (delta.get(e.bucket) ?? 0) + e.amount);
    const out: Record<string, number> = {};
    for (const [bucket, d] of delta) {
      out[bucket] = (await this.read(bucket)) + d;
      await this.ctx.storage.put(bucket, out[bucket]);
    }
    if (hold) await this.ctx.storage.delete(`hold:${id}`);
    return out;
  }

  private async expireHolds(now: number): Promise<void> {
    const holds = await this.ctx.storage.list<Hold>({ prefix: "hold:" });
    for (const [key, hold] of holds) {
      if (hold.expiresAt <= now) await this.settle(key.slice("hold:".length), []);
    }
  }

  /** Gives back what a `tryAdd` counted (and forgets its key), when the job was not created. */
  async undo(entries: Array<{ bucket: string; amount: number; key?: string | undefined }>): Promise<void> {
    for (const e of entries) {
      await this.ctx.storage.put(e.bucket, (await this.read(e.bucket)) - e.amount);
      if (e.key) await this.ctx.storage.delete(`seen:${e.bucket}:${e.key}`);
    }
  }

  async add(entries: Array<{ bucket: string; amount: number }>): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const e of entries) {
      out[e.bucket] = (await this.read(e.bucket)) + e.amount;
      await this.ctx.storage.put(e.bucket, out[e.bucket]);
    }
    return out;
  }

  async get(buckets: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const b of buckets) out[b] = await this.read(b);
    return out;
  }

  /**
   * Requests-per-minute gate for a provider scope: takes a slot in the current minute, or says how
   * long to wait (until the next minute, or until a pause set after a 429 ends).
   */
  async acquireRate(limitPerMinute: number, now: number): Promise<number> {
    const pausedUntil = (await this.ctx.storage.get<number>("pausedUntil")) ?? 0;
    if (pausedUntil > now) return pausedUntil - now;
    const minute = Math.floor(now / 60_000);
    const key = `rpm:${minute}`;
    const used = (await this.ctx.storage.get<number>(key)) ?? 0;
    if (used >= limitPerMinute) return (minute + 1) * 60_000 - now;
    await this.ctx.storage.put(key, used + 1);
    await this.ctx.storage.delete(`rpm:${minute - 1}`);
    return 0;
  }

  async pauseUntil(until: number): Promise<void> {
    const current = (await this.ctx.storage.get<number>("pausedUntil")) ?? 0;
    if (until > current) await this.ctx.storage.put("pausedUntil", until);
  }

  /** True the first time a flag is set (the 80 % warning is raised once per scope per day). */
  async once(flag: string): Promise<boolean> {
    if (await this.ctx.storage.get(flag)) return false;
    await this.ctx.storage.put(flag, true);
    return true;
  }
}
