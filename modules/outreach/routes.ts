import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { outreachAccounts, outreachDecisions } from "../../drizzle/schema";
import { Job } from "../contracts/jobs";
import { AuditLog, RegisteredWebhooks } from "../contracts/outreach";
import { HostedAuthNotice, HostedAuthPath, WebhookAck, WebhookOutcome } from "../contracts/webhooks";
import { BadRequest, Forbidden, Unauthorized } from "../core/errors";
import {
  type AppEnv,
  access,
  createRouter,
  IdParam,
  json,
  jsonBody,
  limitResponses,
  problemResponse,
  problemResponses,
  rawBody,
  requireActor,
  requireAdmin,
} from "../core/http";
import { accountToWire } from "./repo";
import {
  Account,
  AccountCreate,
  Action,
  ActionCreate,
  ActionPatch,
  BulkApprove,
  ConnectMode,
  ListActionsQuery,
  RejectBody,
  RulesBody,
  Usage,
} from "./schema";
import { type OutreachService, WEBHOOK_SECRET_HEADER } from "./service";
import { AccountStatusEvent, handleUnipileEvent, MessageReceived, NewRelation, sameSecret } from "./webhooks";

const ActionOut = z.object({ action: Action });
const DraftStarted = z.object({ job: Job, actionId: z.string() });
const BulkApproved = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.string(), status: z.literal("approved") }),
      z.object({ id: z.string(), status: z.literal("refused"), detail: z.string() }),
    ]),
  ),
});

/** The Outreach section of the API contract, and Unipile's webhooks. */
export function outreachRoutes(svcFor: (c: Context<AppEnv>) => OutreachService) {
  const app = createRouter();
  const read = (c: Context<AppEnv>) => svcFor(c).repo(requireActor(c, "outreach:read"));
  const write = (c: Context<AppEnv>) => svcFor(c).repo(requireActor(c, "outreach:write"));

  app.openapi(
    createRoute({
      method: "get",
      path: "/outreach/accounts",
      middleware: [access("outreach:read", { roles: ["sales", "admin"] })],
      summary:
        "LinkedIn accounts (a salesperson sees their own), and how connecting one goes here (`connect`: Unipile's link, a demo account in development, or unavailable without a Unipile key)",
      responses: {
        200: json(z.object({ items: z.array(Account), connect: ConnectMode }), "Accounts"),
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json({ items: (await read(c).accounts()).map(accountToWire), connect: svcFor(c).connectMode() }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/accounts",
      middleware: [access("outreach:write", { roles: ["sales", "admin"] })],
      summary: "Connect a LinkedIn account: Unipile's hosted-auth link, or a demo account offline",
      request: jsonBody(AccountCreate, false),
      responses: {
        200: json(z.object({ url: z.string() }), "Hosted-auth link"),
        201: json(z.object({ account: Account }), "Demo account connected (development, no Unipile key)"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c, "outreach:write");
      const input = (c.req.header("content-length") ?? "0") === "0" ? {} : c.req.valid("json");
      const out = await svcFor(c).connect(actor, input ?? {});
      if ("url" in out && out.url) return c.json({ url: out.url }, 200);
      return c.json({ account: accountToWire(out.account) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/outreach/accounts/{id}/rules",
      middleware: [access("outreach:read", { roles: ["sales", "admin"] })],
      summary: "The account's human-simulation rules",
      request: { params: IdParam },
      responses: { 200: json(RulesBody, "Rules"), ...problemResponses },
    }),
    async (c) => c.json(await read(c).rules(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/outreach/accounts/{id}/rules",
      middleware: [access("outreach:write", { roles: ["sales", "admin"] })],
      summary: "Replace the rules; values outside the domain's bounds → 400 naming each field",
      request: { params: IdParam, ...jsonBody(RulesBody) },
      responses: { 200: json(RulesBody, "Saved"), ...problemResponses },
    }),
    async (c) => c.json(await write(c).putRules(c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/outreach/accounts/{id}/usage",
      middleware: [access("outreach:read", { roles: ["sales", "admin"] })],
      summary: "Today's usage against the drawn limit, the tier cap and the week",
      request: { params: IdParam },
      responses: { 200: json(Usage, "Usage"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c, "outreach:read");
      return c.json(await svcFor(c).usage(actor, c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/outreach/accounts/{id}/log",
      middleware: [access("outreach:read", { roles: ["sales", "admin"] })],
      summary: "The account's audit log: every decision and human step with its reason",
      request: { params: IdParam },
      responses: { 200: json(AuditLog, "Log, newest first"), ...problemResponses },
    }),
    async (c) => c.json({ items: await read(c).auditLog(c.req.valid("param").id) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/actions",
      middleware: [access("outreach:write", { roles: ["sales", "admin"] })],
      summary: "Draft an invitation or message for a lead (an outreach.draft job)",
      request: jsonBody(ActionCreate),
      responses: {
        202: json(DraftStarted, "The outreach.draft job and the draft action it writes"),
        ...problemResponses,
        ...limitResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c, "outreach:write");
      const { job, actionId } = await svcFor(c).draft(actor, c.req.valid("json"));
      return c.json({ job, actionId }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/outreach/actions",
      middleware: [access("outreach:read", { roles: ["sales", "admin"] })],
      summary: "Actions, newest first",
      request: { query: ListActionsQuery },
      responses: {
        200: json(z.object({ items: z.array(Action), nextCursor: z.string().nullable() }), "A page"),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await read(c).list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/outreach/actions/{id}",
      middleware: [access("outreach:read", { roles: ["sales", "admin"] })],
      summary: "One action with its decision log",
      request: { params: IdParam },
      responses: { 200: json(ActionOut, "The action"), ...problemResponses },
    }),
    async (c) => {
      const repo = read(c);
      return c.json({ action: await repo.wire(await repo.action(c.req.valid("param").id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/outreach/actions/{id}",
      middleware: [access("outreach:write", { roles: ["sales", "admin"] })],
      summary: "Edit the text; an approved or scheduled action goes back to draft",
      request: { params: IdParam, ...jsonBody(ActionPatch) },
      responses: {
        200: json(ActionOut, "Edited"),
        409: problemResponse("Executing or done"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const repo = write(c);
      return c.json(
        { action: await repo.wire(await repo.edit(c.req.valid("param").id, c.req.valid("json").text)) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/actions/{id}/approve",
      middleware: [access("outreach:write", { roles: ["sales", "admin"], humanOnly: true })],
      summary: "Approve a draft (signed-in person only; binds to a hash of text and target)",
      request: { params: IdParam },
      responses: {
        200: json(ActionOut, "Approved"),
        409: problemResponse("Not a draft"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const repo = write(c);
      return c.json({ action: await repo.wire(await repo.approve(c.req.valid("param").id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/actions/approve",
      middleware: [access("outreach:write", { roles: ["sales", "admin"], humanOnly: true })],
      summary: "Bulk approve drafts (each one as if approved alone)",
      request: jsonBody(BulkApprove),
      responses: {
        200: json(BulkApproved, "Per id: approved, or refused with the reason"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const repo = write(c);
      const results = [];
      for (const id of c.req.valid("json").ids) {
        try {
          await repo.approve(id);
          results.push({ id, status: "approved" as const });
        } catch (err) {
          if (err instanceof Forbidden) throw err;
          results.push({
            id,
            status: "refused" as const,
            detail: err instanceof Error ? err.message : String(err),
          });
        }
      }
      return c.json({ results }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/actions/{id}/reject",
      middleware: [access("outreach:write", { roles: ["sales", "admin"] })],
      summary: "Reject (the action is cancelled with the reason)",
      request: { params: IdParam, ...jsonBody(RejectBody) },
      responses: {
        200: json(ActionOut, "Rejected"),
        409: problemResponse("Executing or done"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const repo = write(c);
      return c.json(
        { action: await repo.wire(await repo.reject(c.req.valid("param").id, c.req.valid("json").reason)) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/actions/{id}/cancel",
      middleware: [access("outreach:write", { roles: ["sales", "admin"] })],
      summary: "Cancel before it is sent",
      request: { params: IdParam },
      responses: {
        200: json(ActionOut, "Cancelled"),
        409: problemResponse("Executing or done"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const repo = write(c);
      return c.json({ action: await repo.wire(await repo.cancel(c.req.valid("param").id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/outreach/webhooks",
      middleware: [access("outreach:write", { roles: ["admin"] })],
      summary: "Register Unipile webhooks (users, messaging, account status) with our secret header (admin)",
      responses: { 201: json(RegisteredWebhooks, "Registered"), ...problemResponses },
    }),
    async (c) => {
      requireAdmin(c, { scope: "outreach:write" });
      return c.json({ items: await svcFor(c).registerWebhooks() }, 201);
    },
  );

  // Unipile calls these without a session: the secret header it was registered with (or, for
  // the hosted-auth notify URL, a per-account token) is the authentication. Their bodies are read
  // only after it is checked, so a stranger learns nothing from a 400.
  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/unipile",
      middleware: [access("public")],
      summary:
        "Unipile's events (new_relation, message_received, account status), authenticated by the secret header set at registration; other JSON is acknowledged and ignored",
      request: {
        ...rawBody({ "application/json": z.union([NewRelation, MessageReceived, AccountStatusEvent]) }),
      },
      responses: { 200: json(WebhookOutcome, "Applied, ignored or a duplicate"), ...problemResponses },
    }),
    async (c) => {
      const svc = svcFor(c);
      if (!sameSecret(svc.deps.webhookSecret, c.req.header(WEBHOOK_SECRET_HEADER) ?? ""))
        throw new Unauthorized("Unknown webhook caller.");
      let parsed: unknown;
      try {
        parsed = await c.req.json();
      } catch {
        throw new BadRequest("The body is not valid JSON.");
      }
      const { account, ...outcome } = await handleUnipileEvent(svc.deps.db, svc.deps.engagements, parsed);
      if (account) await svc.changed(account.ownerId, account.accountId);
      return c.json(outcome, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/unipile/hosted/{id}/{token}",
      middleware: [access("public")],
      summary:
        "Unipile's hosted-auth notification for a connecting account (the path's token authenticates it)",
      request: { params: HostedAuthPath, ...rawBody({ "application/json": HostedAuthNotice }) },
      responses: { 200: json(WebhookAck, "Recorded"), ...problemResponses },
    }),
    async (c) => {
      const svc = svcFor(c);
      const { id, token } = c.req.valid("param");
      if (!sameSecret(await svc.hostedToken(id), token)) throw new Unauthorized("Unknown webhook caller.");
      const parsed = HostedAuthNotice.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) throw new BadRequest("Unrecognised hosted-auth notification.");
      const now = Date.now();
      const ok = ["CREATION_SUCCESS", "RECONNECTED"].includes(parsed.data.status);
      await svc.deps.db.batch([
        svc.deps.db
          .update(outreachAccounts)
          .set({
            unipileAccountId: parsed.data.account_id,
            status: ok ? "active" : "disconnected",
            connectedAt: ok ? now : null,
            nextCheckAt: 0,
            updatedAt: now,
          })
          .where(and(eq(outreachAccounts.id, id), eq(outreachAccounts.status, "connecting"))),
        svc.deps.db.insert(outreachDecisions).values({
          accountId: id,
          at: now,
          decision: "account_status",
          reason: `hosted auth: ${parsed.data.status}`,
        }),
      ]);
      return c.json({ ok: true as const }, 200);
    },
  );

  return app;
}
