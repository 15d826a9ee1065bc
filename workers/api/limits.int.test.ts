import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, products } from "../../drizzle/schema";
import { imageDimensions } from "../../modules/content/image-size";
import { as, BASE, db } from "../../test/helpers";

const nested = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;
const count = async (table: typeof jobs | typeof products) =>
  (await db().select({ n: sql<number>`count(*)` }).from(table))[0]?.n ?? 0;

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { detail: string };
}

/** A PNG signature and IHDR chunk declaring the given size (all a decoder reads before allocating). */
function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const dv = new DataView(b.buffer);
  dv.setUint32(16, width);
  dv.setUint32(20, height);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}

describe("input limits at the edge", () => {
  it("refuses a product whose metadata nests 20,000 levels; nothing stored, the list still answers", async () => {
    const before = await count(products);
    const body = `{"name":"Deep","description":"Deep product","category":"dental","metadata":{"x":${nested(20_000)}}}`;
    const res = await as("marketing", "/api/products", {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    expect((await problem(res, 400)).detail).toContain("64");
    expect(await count(products)).toBe(before);
    expect((await as("sales", "/api/products")).status).toBe(200);
  });

  it("refuses an import whose rows nest 50,000 levels; no job, the job lists still answer", async () => {
    const before = await count(jobs);
    const res = await as("sales", "/api/leads/import", {
      method: "POST",
      body: `[{"company":"Deep Ltda","products":${nested(50_000)}}]`,
      headers: { "content-type": "application/json" },
    });
    await problem(res, 400);
    expect(await count(jobs)).toBe(before);
    expect((await as("sales", "/api/jobs")).status).toBe(200);
    expect((await as("admin", "/api/jobs")).status).toBe(200);
  });

  it("draws the depth line at 64", async () => {
    const at = (levels: number) =>
      as("marketing", "/api/jobs", {
        method: "POST",
        body: `{"type":"system.ping","input":{"x":${nested(levels - 2)}}}`,
        headers: { "content-type": "application/json" },
      });
    expect((await at(64)).status).toBe(202);
    await problem(await at(65), 400);
  });

  it("refuses control characters in JSON text, naming the fields; nothing stored", async () => {
    const before = await count(products);
    const res = await as("marketing", "/api/products", {
      method: "POST",
      json: {
        name: "Pino\u0000",
        description: "Linha 1\nLinha 2\tok",
        category: "dental",
        metadata: { cor: "\u001b[31m" },
      },
    });
    const body = (await problem(res, 400)) as { detail: string; errors?: Array<{ path: string }> };
    expect(body.errors?.map((e) => e.path)).toEqual(["name", "metadata.cor"]);
    expect(await count(products)).toBe(before);
    // Tabs and line breaks are text.
    const ok = await as("marketing", "/api/products", {
      method: "POST",
      json: { name: "Pino", description: "Linha 1\nLinha 2\tok", category: "dental" },
    });
    expect(ok.status).toBe(201);
  });

  it("answers 400 to a missing or malformed multipart body on image upload", async () => {
    const { items } = (await (await as("marketing", "/api/products")).json()) as {
      items: Array<{ id: string }>;
    };
    const created = await as("marketing", "/api/products", {
      method: "POST",
      json: { name: "Pino", description: "Pino de teste", category: "dental" },
    });
    const id = items[0]?.id ?? ((await created.json()) as { product: { id: string } }).product.id;
    await problem(await as("marketing", `/api/products/${id}/images`, { method: "POST" }), 400);
    await problem(
      await as("marketing", `/api/products/${id}/images`, {
        method: "POST",
        body: "--nope\r\ngarbage",
        headers: { "content-type": "multipart/form-data; boundary=xyz" },
      }),
      400,
    );
  });

  it("refuses a picture whose header declares 100,000 × 100,000 px", async () => {
    expect(imageDimensions(pngHeader(100_000, 100_000), "image/png")).toEqual({
      width: 100_000,
      height: 100_000,
    });
    const created = await as("marketing", "/api/products", {
      method: "POST",
      json: { name: "Parafuso", description: "Parafuso de teste", category: "dental" },
    });
    const { product } = (await created.json()) as { product: { id: string; images: unknown[] } };
    const form = new FormData();
    form.set("file", new File([pngHeader(100_000, 100_000) as Uint8Array<ArrayBuffer>], "huge.png"));
    const res = await as("marketing", `/api/products/${product.id}/images`, {
      method: "POST",
      body: form,
      headers: { origin: BASE },
    });
    expect((await problem(res, 400)).detail).toContain("8000");
    const after = (await (await as("marketing", `/api/products/${product.id}`)).json()) as {
      product: { images: unknown[] };
    };
    expect(after.product.images).toHaveLength(0);
  });
});
