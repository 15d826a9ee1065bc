import { and, asc, desc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { jobEvents, jobs } from "../../drizzle/schema";
import { type Actor, isAdmin } from "../core/actor";
import { afterCursor, decodeCursor, encodeCursor } from "../core/cursor";
import type { Db } from "../core/db";
import { NotFound } from "../core/errors";
import type { Job, JobEvent, ListJobsQuery } from "./schema";
import { stalledCondition } from "./stalled";
import { eventToWire, type JobRow, toWire } from "./transition";

/**
 * The only read path to jobs for a person or a job acting for one: every query carries the
 * actor's visibility condition, so another user's job is indistinguishable from a missing one.
 */
export class JobsRepo {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  private visible(): SQL | undefined {
    return isAdmin(this.actor) ? undefined : eq(jobs.userId, this.actor.userId);
  }

  async getRow(id: string): Promise<JobRow> {
    const row = await this.db.query.jobs.findFirst({ where: and(eq(jobs.id, id), this.visible()) });
    if (!row) throw new NotFound("Job");
    return row;
  }

  async get(id: string): Promise<Job> {
    return toWire(await this.getRow(id));
  }

  async list(q: ListJobsQuery): Promise<{ items: Job[]; nextCursor: string | null }> {
    const rows = await this.listQuery(q);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => toWire(r)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** One page, newest first, plus one row; list-plan.int.test.ts checks that a cursor seeks. */
  listQuery(q: ListJobsQuery) {
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const conds = [
      this.visible(),
      q.status ? eq(jobs.status, q.status) : undefined,
      q.type ? eq(jobs.type, q.type) : undefined,
      q.userId && isAdmin(this.actor) ? eq(jobs.userId, q.userId) : undefined,
      q.updatedSince ? gte(jobs.updatedAt, Date.parse(q.updatedSince)) : undefined,
      // An id prefix as a key range: no LIKE (D1 refuses patterns over 50 bytes), and the
      // primary key serves it.
      q.q ? and(gte(jobs.id, q.q), lt(jobs.id, `${q.q}\uffff`)) : undefined,
      q.stalled === "true" ? stalledCondition(Date.now()) : undefined,
      cursor ? afterCursor(jobs.createdAt, jobs.id, cursor) : undefined,
    ];
    return this.db
      .select()
      .from(jobs)
      .where(and(...conds))
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(q.limit + 1);
  }

  /** One page of the audit trail, oldest first; keyset-paged on `seq` so every event is reachable. */
  async events(
    id: string,
    limit = 2000,
    afterSeq = 0,
  ): Promise<{ items: JobEvent[]; nextCursor: string | null }> {
    await this.getRow(id);
    const rows = await this.db
      .select()
      .from(jobEvents)
      .where(and(eq(jobEvents.jobId, id), gt(jobEvents.seq, afterSeq)))
      .orderBy(asc(jobEvents.seq))
      .limit(limit);
    const last = rows.at(-1);
    return {
      items: rows.map(eventToWire),
      nextCursor: rows.length === limit && last ? String(last.seq) : null,
    };
  }
}
