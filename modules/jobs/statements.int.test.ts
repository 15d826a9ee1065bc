import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobEvents, jobs } from "../../drizzle/schema";
import { db as testDb, userId } from "../../test/helpers";
import { registry } from "../../workers/services";
import { newId } from "../core/ids";
import type { Job } from "./schema";
import { JobStore, type NewJob } from "./store";

/** A new ping's row, as the enqueuer would insert it. */
function newPing(owner: string, input: unknown, maxAttempts: number): NewJob {
  const now = Date.now();
  return {
    id: newId(),
    type: "system.ping",
    status: "queued",
    input,
    attempts: 0,
    maxAttempts,
    userId: owner,
    parentId: null,
    sequenceId: null,
    sequenceIndex: null,
    idempotencyKey: null,
    runner: "queue",
    createdAt: now,
    updatedAt: now,
    runAt: now,
    dispatchedAt: now,
  };
}

/** The prebuilt statements (decision 0030) must read back exactly what drizzle itself reads. */
describe("prebuilt job statements", () => {
  it("create, claim and complete return the rows and events drizzle reads, JSON and NULLs intact", async () => {
    const db = testDb();
    const published: Job[] = [];
    const store = new JobStore({
      db,
      registry,
      publish: async (job) => {
        published.push(job);
      },
    });
    const owner = await userId("marketing");
    const input = { nested: { list: [1, "two", null], text: "<b>é</b>" }, empty: null };
    const values = newPing(owner, input, 3);
    const id = values.id;
    const created = await store.create(values);
    await created?.published;
    const read = () => db.select().from(jobs).where(eq(jobs.id, id)).get();
    expect(created?.row).toEqual(await read());
    expect(created?.row.input).toEqual(input);

    const claimed = await store.claim(created?.row as NonNullable<typeof created>["row"], 60_000);
    expect(claimed).toEqual(await read());
    expect(claimed).toMatchObject({ status: "running", attempts: 1, progress: { stage: "start" } });
    // The claim is fenced: a second claim of the same queued row matches nothing.
    expect(await store.claim(created?.row as NonNullable<typeof created>["row"], 60_000)).toBeNull();

    const done = await store.complete(claimed as NonNullable<typeof claimed>, { ok: true, n: [1.5, null] });
    expect(done).toEqual(await read());
    expect(done).toMatchObject({ status: "succeeded", result: { ok: true, n: [1.5, null] }, error: null });
    // Fenced by the attempt: completing again (a zombie) changes nothing.
    expect(await store.complete(claimed as NonNullable<typeof claimed>, { other: 1 })).toBeNull();

    const trail = await db.select().from(jobEvents).where(eq(jobEvents.jobId, id)).orderBy(jobEvents.seq);
    expect(trail.map((e) => [e.seq, e.message])).toEqual([
      [1, "Queued"],
      [2, "Running"],
      [3, "Succeeded"],
    ]);
    expect(published.map((j) => [j.status, j.version])).toEqual([
      ["queued", 1],
      ["running", 2],
      ["succeeded", 3],
    ]);
  });

  it("stores a job that returns nothing with a NULL result, not the text 'null'", async () => {
    const db = testDb();
    const store = new JobStore({ db, registry, publish: async () => undefined });
    const owner = await userId("sales");
    const values = { ...newPing(owner, {}, 1), dispatchedAt: null };
    const id = values.id;
    const created = await store.create(values);
    const claimed = await store.claim(created?.row as NonNullable<typeof created>["row"], 60_000);
    expect(await store.complete(claimed as NonNullable<typeof claimed>, undefined)).toMatchObject({
      result: null,
    });
    const raw = await env.DB.prepare("select result, typeof(result) as t from jobs where id = ?")
      .bind(id)
      .first();
    expect(raw).toEqual({ result: null, t: "null" });
  });

  it("loadMany reads a batch's rows as drizzle does, for any number of ids, unknown ones skipped", async () => {
    const db = testDb();
    const store = new JobStore({ db, registry, publish: async () => undefined });
    const owner = await userId("marketing");
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await store.create(newPing(owner, { i }, 3)))?.row);
    const ids = made.map((r) => r?.id as string);
    // An id no job has, one that looks like SQL, and a repeat: none of them adds a row.
    const asked = [...ids, "01NOPE", "x') or 1=1 --", ids[0] as string];
    const byId = await store.loadMany(asked);
    expect([...byId.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids)
      expect(byId.get(id)).toEqual(await db.select().from(jobs).where(eq(jobs.id, id)).get());
    expect((await store.loadMany([])).size).toBe(0);
  });
});
