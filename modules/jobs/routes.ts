import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "../core/db";
import {
  type AppEnv,
  access,
  adminOnly,
  createRouter,
  IdParam,
  json,
  jsonBody,
  limitResponses,
  problemResponse,
  problemResponses,
  requireActor,
} from "../core/http";
import { servingAlone } from "../core/load";
import { localeFrom } from "../core/locale";
import type { JobEngine } from "./engine";
import { jobMetrics } from "./metrics";
import {
  CreateJobBody,
  type Job,
  JobEnvelope,
  JobEventList,
  JobEventsQuery,
  JobList,
  JobMetrics,
  JobTypeList,
  ListJobsQuery,
} from "./schema";

/** The Jobs section of the public contract. */
export function jobRoutes(engineFor: (c: Context<AppEnv>) => JobEngine) {
  const app = createRouter();
  /** Every job answered carries its human label in the caller's language. */
  const labelled = (c: Context<AppEnv>, job: Job): Job => {
    const locale = localeFrom(c.req.header("accept-language"));
    const { registry } = engineFor(c);
    return { ...job, label: registry.labelOf(job, locale), typeName: registry.nameOf(job.type, locale) };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/",
      middleware: [access("jobs:write")],
      summary: "Enqueue a job",
      request: jsonBody(CreateJobBody),
      responses: {
        202: json(JobEnvelope, "Accepted and dispatched"),
        200: json(JobEnvelope, "Same idempotency key: the original job"),
        ...problemResponses,
        429: problemResponse("A guardrail refused the job"),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const ctx = c.executionCtx;
      // Started from this request only when it is the isolate's only one; beside others the
      // queue consumer takes it in a batch (decision 0029). Either way it is in the queue.
      const { job, created } = await engineFor(c).enqueue(
        actor,
        c.req.valid("json"),
        servingAlone() ? { waitUntil: (work) => ctx.waitUntil(work) } : {},
      );
      return c.json({ job: labelled(c, job) }, created ? 202 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      middleware: [access("jobs:read")],
      summary: "List the caller's jobs (admins: everyone's), newest first",
      request: { query: ListJobsQuery },
      responses: { 200: json(JobList, "A page of jobs"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const page = await engineFor(c).repo(actor).list(c.req.valid("query"));
      return c.json({ ...page, items: page.items.map((j) => labelled(c, j)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/types",
      middleware: [access("jobs:read")],
      summary: "Job types the caller may start",
      responses: { 200: json(JobTypeList, "Types the caller may start"), ...problemResponses },
    }),
    (c) => {
      const actor = requireActor(c);
      const items = engineFor(c)
        .registry.list()
        .filter((t) => actor.role === "admin" || t.allowedRoles.includes(actor.role))
        .map((t) => ({
          type: t.type,
          description: t.description,
          runner: t.runner,
          // What a person calls it, in every language the dashboard speaks (#17.6).
          ...(t.name ? { name: t.name } : {}),
        }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      middleware: [access("jobs:read")],
      summary: "One job",
      request: { params: IdParam },
      responses: { 200: json(JobEnvelope, "The job"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const job = await engineFor(c).repo(actor).get(c.req.valid("param").id);
      return c.json({ job: labelled(c, job) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{id}/events",
      middleware: [access("jobs:read")],
      summary: "The job's audit trail, oldest first, in pages (follow nextCursor)",
      request: { params: IdParam, query: JobEventsQuery },
      responses: { 200: json(JobEventList, "Events"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const q = c.req.valid("query");
      const page = await engineFor(c)
        .repo(actor)
        .events(c.req.valid("param").id, q.limit, q.cursor ? Number(q.cursor) : 0);
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/retry",
      middleware: [access("jobs:write")],
      summary: "Re-run a failed or cancelled job from its last checkpoint",
      request: { params: IdParam },
      responses: {
        202: json(JobEnvelope, "Re-queued"),
        409: problemResponse("Not failed or cancelled"),
        ...problemResponses,
        ...limitResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const job = await engineFor(c).retry(actor, c.req.valid("param").id);
      return c.json({ job: labelled(c, job) }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{id}/cancel",
      middleware: [access("jobs:write")],
      summary: "Cancel a queued or running job",
      request: { params: IdParam },
      responses: {
        200: json(JobEnvelope, "Cancelled"),
        409: problemResponse("Already finished"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const job = await engineFor(c).cancel(actor, c.req.valid("param").id);
      return c.json({ job: labelled(c, job) }, 200);
    },
  );

  return app;
}

/** `GET /api/admin/metrics` (admin). */
export function jobMetricsRoutes(dbFor: (c: Context<AppEnv>) => Db) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/metrics",
      middleware: [adminOnly("admin:read")],
      summary: "Jobs by status and type, failure rate, queue wait and run time percentiles, spend",
      request: {
        query: z.object({
          hours: z.coerce
            .number()
            .int()
            .min(1)
            .max(24 * 31)
            .default(24),
        }),
      },
      responses: { 200: json(JobMetrics, "Metrics over the window"), ...problemResponses },
    }),
    async (c) => {
      return c.json(await jobMetrics(dbFor(c), c.req.valid("query").hours * 3_600_000), 200);
    },
  );
  return app;
}
