import { createRoute, z } from "@hono/zod-openapi";
import { asc, gte, sql } from "drizzle-orm";
import type { Context } from "hono";
import { leads } from "../../drizzle/schema";
import {
  ChangesPage,
  ChangesQuery,
  LeadDetailEnvelope,
  LeadEnvelope,
  LeadsSummary,
  LeadVersionList,
} from "../contracts/leads";
import type { Db } from "../core/db";
import { AppError, BadRequest } from "../core/errors";
import {
  type AppEnv,
  access,
  adminOnly,
  createRouter,
  IdParam,
  json,
  jsonBody,
  problemResponses,
  requireActor,
  requireAdmin,
} from "../core/http";
import { UserDirectory } from "../identity/directory";
import type { JobEngine } from "../jobs/engine";
import { JobFailure } from "../jobs/types";
import { leadChanges } from "./changes";
import { registerExportRoute } from "./export-routes";
import { registerImportRoutes } from "./import-routes";
import { PythonService } from "./python-client";
import { rescoreWith } from "./ranking";
import { LeadsRepo, leadToWire, type Rescore } from "./repo";
import { EngagementBody, Lead, LeadPatch, ListLeadsQuery } from "./schema";
import { setTerritoryOwners, TerritoryOwners, territoryOwners } from "./settings";

export interface LeadDeps {
  db: Db;
  engine: JobEngine;
  webhookSecret: string;
}

/** Inline scoring for a request: an unreachable service is a 503 and nothing is changed. */
function requestRescore(c: Context<AppEnv>, db: Db, userId: string): Rescore {
  const rescore = rescoreWith(db, new PythonService(c.env, userId));
  return async (row) => {
    try {
      return await rescore(row);
    } catch (err) {
      if (!(err instanceof JobFailure)) throw err;
      throw new AppError(
        503,
        "Service unavailable",
        "Scoring is unavailable right now; nothing was changed.",
      );
    }
  };
}

/** The Leads section of the contract, plus the Unipile webhook and territory settings. */
export function leadRoutes(depsFor: (c: Context<AppEnv>) => LeadDeps) {
  const app = createRouter();
  const repoFor = (c: Context<AppEnv>, scope: "leads:read" | "leads:write") =>
    new LeadsRepo(depsFor(c).db, requireActor(c, scope));

  registerImportRoutes(app, depsFor);
  registerExportRoute(app, depsFor);

  app.openapi(
    createRoute({
      method: "get",
      path: "/leads",
      middleware: [access("leads:read")],
      summary: "Leads ranked by lead score, with filters",
      request: { query: ListLeadsQuery },
      responses: {
        200: json(z.object({ items: z.array(Lead), nextCursor: z.string().nullable() }), "A page"),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await repoFor(c, "leads:read").list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/leads/summary",
      middleware: [access("leads:read")],
      summary: "Counts by heat, the fit × engagement matrix, segments, what changed this week",
      responses: { 200: json(LeadsSummary, "The summary"), ...problemResponses },
    }),
    async (c) => {
      requireActor(c);
      const { db } = depsFor(c);
      const weekAgo = Date.now() - 7 * 86_400_000;
      const [byHeat, matrix, segments, changed] = await Promise.all([
        db.select({ heat: leads.heat, n: sql<number>`count(*)` }).from(leads).groupBy(leads.heat),
        db
          .select({
            fit: sql<number>`min(cast(${leads.fitScore} / 2 as integer), 4)`,
            engagement: sql<number>`min(cast(${leads.engagementScore} / 20 as integer), 4)`,
            n: sql<number>`count(*)`,
          })
          .from(leads)
          .groupBy(sql`1`, sql`2`),
        db.selectDistinct({ segment: leads.segment }).from(leads).orderBy(asc(leads.segment)),
        db
          .select()
          .from(leads)
          .where(gte(leads.updatedAt, weekAgo))
          .orderBy(sql`${leads.updatedAt} desc`)
          .limit(10),
      ]);
      return c.json(
        {
          byHeat: Object.fromEntries(byHeat.map((h) => [h.heat, h.n])),
          matrix,
          segments: segments.map((s) => s.segment).filter((s): s is string => Boolean(s)),
          changedThisWeek: changed.map(leadToWire),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/leads/changes",
      middleware: [access("leads:read")],
      summary: "What changed this week: per lead, each field before → after and what caused it",
      request: { query: ChangesQuery },
      responses: {
        200: json(ChangesPage, "Leads changed in the window, latest change first"),
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json(await leadChanges(depsFor(c).db, requireActor(c, "leads:read"), c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/leads/{id}",
      middleware: [access("leads:read")],
      summary: "One lead with breakdown, engagements, decision makers and citations",
      request: { params: IdParam },
      responses: { 200: json(LeadDetailEnvelope, "The lead"), ...problemResponses },
    }),
    async (c) => c.json({ lead: await repoFor(c, "leads:read").detail(c.req.valid("param").id) }, 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/leads/{id}",
      middleware: [access("leads:write")],
      summary: "Human edit (owner reassignment marks the owner manual)",
      request: {
        params: IdParam,
        ...jsonBody(LeadPatch),
      },
      responses: { 200: json(LeadEnvelope, "Updated"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const repo = new LeadsRepo(depsFor(c).db, actor);
      repo.requireWrite();
      const body = c.req.valid("json");
      if (body.ownerId !== undefined && body.ownerId !== null) {
        const owner = await new UserDirectory(depsFor(c).db).find(body.ownerId);
        if (!owner) throw new BadRequest("Unknown owner.", [{ path: "ownerId", message: "No such user" }]);
      }
      const patch = { ...body, ...(body.ownerId !== undefined ? { ownerManual: true } : {}) };
      const fitInputs = body.segment !== undefined || body.tier !== undefined || body.products !== undefined;
      const rescore = requestRescore(c, depsFor(c).db, actor.userId);
      const { id } = c.req.valid("param");
      // An edit to a fit input is scored in the same version, so scores always match inputs.
      const extra = fitInputs
        ? await rescore({
            ...(await repo.getRow(id)),
            ...patch,
            engagementScore: await repo.engagementNow(id),
          })
        : {};
      const row = await repo.changeById(id, () => ({ ...patch, ...extra }), `edited by ${actor.userId}`);
      return c.json({ lead: leadToWire(row) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/leads/{id}/engagements",
      middleware: [access("leads:write")],
      summary: "Record an engagement signal; the lead's score reflects it at once",
      request: {
        params: IdParam,
        ...jsonBody(EngagementBody),
      },
      responses: { 201: json(LeadEnvelope, "Recorded; the lead as rescored"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const repo = new LeadsRepo(depsFor(c).db, actor);
      repo.requireWrite();
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      await repo.getRow(id);
      const occurredAt = body.occurredAt ? Date.parse(body.occurredAt) : Date.now();
      if (occurredAt > Date.now() + 60_000) {
        throw new BadRequest("occurredAt is in the future.", [
          { path: "occurredAt", message: "Must not be in the future" },
        ]);
      }
      await repo.addEngagement(id, { kind: body.kind, occurredAt, source: body.source });
      const row = await repo.refreshEngagement(id, Date.now(), `engagement: ${body.kind} (${body.source})`);
      return c.json({ lead: leadToWire(row) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/leads/{id}/versions",
      middleware: [access("leads:read")],
      summary: "Version history (automatic and human changes), newest first",
      request: { params: IdParam },
      responses: { 200: json(LeadVersionList, "Versions, newest first"), ...problemResponses },
    }),
    async (c) => c.json({ items: await repoFor(c, "leads:read").versions(c.req.valid("param").id) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/leads/{id}/versions/{version}/revert",
      middleware: [access("leads:write")],
      summary: "Restore the lead as it was before version N's change (itself a new version)",
      request: { params: IdParam.extend({ version: z.coerce.number().int().min(1) }) },
      responses: { 200: json(LeadEnvelope, "Reverted (a new version)"), ...problemResponses },
    }),
    async (c) => {
      const { id, version } = c.req.valid("param");
      const actor = requireActor(c);
      const rescore = requestRescore(c, depsFor(c).db, actor.userId);
      const row = await new LeadsRepo(depsFor(c).db, actor).revert(id, version, rescore);
      return c.json({ lead: leadToWire(row) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/territories",
      middleware: [access("leads:read")],
      summary: "Which user owns each lead territory",
      responses: { 200: json(TerritoryOwners, "Owners (null: nobody)"), ...problemResponses },
    }),
    async (c) => {
      requireActor(c);
      return c.json(await territoryOwners(depsFor(c).db), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/admin/territories",
      middleware: [adminOnly("admin:write")],
      summary: "Which user owns each territory (admin)",
      request: jsonBody(TerritoryOwners),
      responses: { 200: json(TerritoryOwners, "Saved"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireAdmin(c);
      const owners = c.req.valid("json");
      // Every rescore assigns these owners to leads, and owner_id references the user table: an
      // unknown id stored here would make every later edit and revert of such a lead fail.
      const known = await new UserDirectory(depsFor(c).db).existing(
        Object.values(owners).filter((id) => id !== null),
      );
      const problems = Object.entries(owners)
        .filter(([, id]) => id !== null && !known.has(id))
        .map(([territory]) => ({ path: territory, message: "No such user" }));
      if (problems.length > 0) throw new BadRequest("Unknown territory owner.", problems);
      await setTerritoryOwners(depsFor(c).db, owners, actor.userId);
      return c.json(await territoryOwners(depsFor(c).db), 200);
    },
  );

  // Unipile's webhook (`POST /api/webhooks/unipile`) lives in modules/outreach now, with the
  // real event shapes and the secret header configured at registration.

  return app;
}
