import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { loadPriceTable, PriceOverrides, savePriceOverrides } from "../ai/prices";
import { PriceTableWire } from "../contracts/platform";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { BadRequest, fieldErrors, NotFound } from "../core/errors";
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
  rawBody,
  requireActor,
} from "../core/http";
import { Job } from "../jobs/schema";
import { PersonaService } from "./personas";
import { ProductService } from "./products";
import { ContentRepo, canReadAsset, contentWire, pdfFileName } from "./repo";
import {
  ContentWire,
  ListContentQuery,
  PatchContentBody,
  PatchPersonaBody,
  PatchProductBody,
  PersonaBody,
  PersonaWire,
  ProductBody,
  ProductWire,
  Profile,
  RejectBody,
} from "./schema";

const ContentEnvelope = z.object({ content: ContentWire });
const PatchEnvelope = z.object({ content: ContentWire, renderJob: Job.nullable() });
const ContentList = z.object({ items: z.array(ContentWire), nextCursor: z.string().nullable() });
const ProductEnvelope = z.object({ product: ProductWire });
const PersonaEnvelope = z.object({ persona: PersonaWire });
const AssetKey = z
  .string()
  .min(3)
  .max(300)
  .regex(/^(content|products)\/[A-Za-z0-9._/-]+$/)
  .refine((k) => !k.includes(".."), "Invalid key");
const ImageForm = z.object({
  file: z.instanceof(File, { message: "Attach the image as the `file` field" }),
  publicOk: z.enum(["true", "false"]).default("false"),
  alt: z.string().trim().max(200).optional(),
});

/** What the content routes need from the job engine: starting a job as the caller. */
export interface ContentJobs {
  enqueue(actor: Actor, body: { type: string; input: unknown }): Promise<{ job: Job }>;
}

/** The Content section of the contract: drafts, review, assets, products and personas. */
export function contentRoutes(
  dbFor: (c: Context<AppEnv>) => Db,
  jobsFor: (c: Context<AppEnv>) => ContentJobs,
) {
  const app = createRouter();

  // ---- content ------------------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: "get",
      path: "/content",
      middleware: [access("content:read")],
      summary: "The caller's drafts (admins: everyone's), newest first",
      request: { query: ListContentQuery },
      responses: { 200: json(ContentList, "A page of content"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(await new ContentRepo(dbFor(c), actor).list(c.req.valid("query")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/content/{id}",
      middleware: [access("content:read")],
      summary: "One draft with slides or HTML, asset URLs, citations and generation metadata",
      request: { params: IdParam },
      responses: { 200: json(ContentEnvelope, "The content"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await new ContentRepo(dbFor(c), actor).getRow(c.req.valid("param").id);
      return c.json({ content: contentWire(row) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/content/{id}",
      middleware: [access("content:write")],
      summary:
        "Human edits of a draft (same limits as generation); edited slides are re-rendered by a `content.render` job",
      request: { params: IdParam, ...jsonBody(PatchContentBody) },
      responses: {
        200: json(PatchEnvelope, "The edited content (and the re-render job, when slide text changed)"),
        409: problemResponse("Not a draft"),
        ...problemResponses,
        ...limitResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const repo = new ContentRepo(dbFor(c), actor);
      const { row, changedSlides } = await repo.patch(c.req.valid("param").id, c.req.valid("json"));
      // Rendering is work for the job engine: answer now, the slides follow with live progress.
      const renderJob =
        row.kind === "carousel" && changedSlides.length
          ? (
              await jobsFor(c).enqueue(actor, {
                type: "content.render",
                input: { contentId: row.id, topic: row.topic },
              })
            ).job
          : null;
      return c.json({ content: contentWire(row), renderJob }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/content/{id}/approve",
      middleware: [access("content:write", { humanOnly: true })],
      summary: "Approve a draft (a signed-in person only)",
      request: { params: IdParam },
      responses: {
        200: json(ContentEnvelope, "Approved"),
        409: problemResponse("Already approved"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(
        { content: await new ContentRepo(dbFor(c), actor).approve(c.req.valid("param").id) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/content/{id}/reject",
      middleware: [access("content:write", { humanOnly: true })],
      summary: "Reject a draft with a reason (a signed-in person only)",
      request: { params: IdParam, ...jsonBody(RejectBody) },
      responses: {
        200: json(ContentEnvelope, "Rejected"),
        409: problemResponse("Already rejected"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { reason } = c.req.valid("json");
      return c.json(
        { content: await new ContentRepo(dbFor(c), actor).reject(c.req.valid("param").id, reason) },
        200,
      );
    },
  );

  // ---- assets -------------------------------------------------------------------------------------
  // Keys contain slashes: `{key}{.+}` is Hono's `:key{.+}` (the document shows `{key}`). Any key is
  // accepted here and checked in the handler, so a malformed key is a 404 like a missing one.
  app.openapi(
    createRoute({
      method: "get",
      path: "/assets/{key}{.+}",
      middleware: [access("content:read")],
      summary: "Stream a file you may see: a slide PNG, a carousel PDF (as a download), a product image",
      request: {
        params: z.object({
          key: z.string().describe("content/… or products/…, slashes included"),
        }),
      },
      responses: {
        200: {
          content: Object.fromEntries(
            ["image/png", "image/jpeg", "image/webp", "application/pdf"].map((type) => [
              type,
              { schema: z.string().openapi({ format: "binary" }) },
            ]),
          ),
          description: "The file",
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const key = AssetKey.safeParse(c.req.valid("param").key);
      if (!key.success) throw new NotFound("Asset");
      if (!(await canReadAsset(dbFor(c), actor, key.data))) throw new NotFound("Asset");
      const obj = await c.env.FILES.get(key.data);
      if (!obj) throw new NotFound("Asset");
      const headers = new Headers({
        "content-type": obj.httpMetadata?.contentType ?? "application/octet-stream",
        "content-length": String(obj.size),
        "cache-control": "private, max-age=300",
        etag: obj.httpEtag,
        "x-content-type-options": "nosniff",
      });
      if (key.data.endsWith(".pdf")) {
        const name = await pdfFileName(dbFor(c), key.data);
        headers.set("content-disposition", `attachment; filename="${name}"`);
      }
      return new Response(obj.body, { headers });
    },
  );

  // ---- products -----------------------------------------------------------------------------------
  const productsOf = (c: Context<AppEnv>) => new ProductService(dbFor(c), c.env.FILES);

  app.openapi(
    createRoute({
      method: "get",
      path: "/products",
      middleware: [access("content:read")],
      summary: "The product catalogue",
      responses: { 200: json(z.object({ items: z.array(ProductWire) }), "Products"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json({ items: await productsOf(c).list(actor) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/products",
      middleware: [access("content:write")],
      summary: "Add a product (marketing/admin)",
      request: jsonBody(ProductBody),
      responses: { 201: json(ProductEnvelope, "Created"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json({ product: await productsOf(c).create(actor, c.req.valid("json")) }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/products/{id}",
      middleware: [access("content:read")],
      summary: "One product",
      request: { params: IdParam },
      responses: { 200: json(ProductEnvelope, "The product"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json({ product: await productsOf(c).get(actor, c.req.valid("param").id) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/products/{id}",
      middleware: [access("content:write")],
      summary: "Edit a product (marketing/admin)",
      request: { params: IdParam, ...jsonBody(PatchProductBody) },
      responses: { 200: json(ProductEnvelope, "The product"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(
        { product: await productsOf(c).patch(actor, c.req.valid("param").id, c.req.valid("json")) },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/products/{id}/images",
      middleware: [access("content:write")],
      summary: "Upload a PNG/JPEG/WebP picture (≤ 10 MB, type checked by content) with a publicOk flag",
      // Multipart, read by the handler: a malformed body is a 400 naming the `file` field.
      request: { params: IdParam, ...rawBody({ "multipart/form-data": ImageForm }) },
      responses: {
        201: json(ProductEnvelope, "The product with its pictures"),
        413: problemResponse("Over 10 MB"),
        415: problemResponse("Not a PNG, JPEG or WebP"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      // A missing or malformed multipart body is the caller's mistake (400), not ours.
      const raw = await c.req.formData().catch(() => {
        throw new BadRequest("Send the image as multipart/form-data with a `file` field.", [
          { path: "file", message: "Missing or malformed multipart body" },
        ]);
      });
      const form = ImageForm.safeParse(Object.fromEntries(raw.entries()));
      if (!form.success) throw new BadRequest("The upload is invalid.", fieldErrors(form.error.issues));
      const bytes = new Uint8Array(await form.data.file.arrayBuffer());
      const product = await productsOf(c).addImage(actor, c.req.valid("param").id, {
        bytes,
        publicOk: form.data.publicOk === "true",
        alt: form.data.alt,
      });
      return c.json({ product }, 201);
    },
  );

  // ---- personas -----------------------------------------------------------------------------------
  const personasOf = (c: Context<AppEnv>) => new PersonaService(dbFor(c));

  app.openapi(
    createRoute({
      method: "get",
      path: "/personas",
      middleware: [access("content:read")],
      summary: "Personas, optionally for one profile",
      request: { query: z.object({ profile: Profile.optional() }) },
      responses: { 200: json(z.object({ items: z.array(PersonaWire) }), "Personas"), ...problemResponses },
    }),
    async (c) => {
      return c.json({ items: await personasOf(c).list(c.req.valid("query").profile) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/personas",
      middleware: [access("content:write")],
      summary: "Add a persona (marketing/admin)",
      request: jsonBody(PersonaBody),
      responses: { 201: json(PersonaEnvelope, "Created"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json({ persona: await personasOf(c).create(actor, c.req.valid("json")) }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/personas/{id}",
      middleware: [access("content:read")],
      summary: "One persona",
      request: { params: IdParam },
      responses: { 200: json(PersonaEnvelope, "The persona"), ...problemResponses },
    }),
    async (c) => {
      return c.json({ persona: await personasOf(c).get(c.req.valid("param").id) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/personas/{id}",
      middleware: [access("content:write")],
      summary: "Edit a persona (marketing/admin)",
      request: { params: IdParam, ...jsonBody(PatchPersonaBody) },
      responses: { 200: json(PersonaEnvelope, "The persona"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(
        { persona: await personasOf(c).patch(actor, c.req.valid("param").id, c.req.valid("json")) },
        200,
      );
    },
  );

  // ---- AI price table (guardrails price every paid call with it) ------------------------------
  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/prices",
      middleware: [adminOnly("admin:read")],
      summary: "The AI price table (admin)",
      responses: { 200: json(PriceTableWire, "Prices"), ...problemResponses },
    }),
    async (c) => c.json((await loadPriceTable(dbFor(c))).all(), 200),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/admin/prices",
      middleware: [adminOnly("admin:write")],
      summary: "Override per-model prices (admin): USD per million tokens and the pre-call estimate",
      request: jsonBody(PriceOverrides),
      responses: { 200: json(PriceTableWire, "The merged table"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      await savePriceOverrides(dbFor(c), c.req.valid("json"), actor.userId);
      return c.json((await loadPriceTable(dbFor(c))).all(), 200);
    },
  );

  return app;
}
