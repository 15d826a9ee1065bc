import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { as, BASE, db } from "../../test/helpers";
import { findImagesForTopic } from "./products";
import { svgToPng } from "./render/png";
import type { PersonaWire, ProductWire } from "./schema";
import { productSvg, seedContentDemo } from "./seed";

beforeAll(async () => {
  await seedContentDemo(db(), env);
  await seedContentDemo(db(), env); // idempotent
});

async function upload(productId: string, bytes: Uint8Array, name: string, publicOk = "true") {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "image/png" }));
  form.set("publicOk", publicOk);
  return as("marketing", `/api/products/${productId}/images`, {
    method: "POST",
    body: form,
    headers: { origin: BASE },
  });
}

describe("products, personas and asset retrieval", () => {
  it("seeds three personas and six products once, with public and confidential pictures", async () => {
    const personas = (await (await as("sales", "/api/personas")).json()) as { items: PersonaWire[] };
    expect(personas.items.map((p) => p.name).sort()).toEqual([
      "Engineering lead — deep dive",
      "Lifetrek company page",
      "Sales engineer — technical",
    ]);
    const mk = (await (await as("marketing", "/api/products")).json()) as { items: ProductWire[] };
    expect(mk.items).toHaveLength(6);
    expect(mk.items.flatMap((p) => p.images).filter((i) => !i.publicOk)).toHaveLength(1);
    // Sales users do not even see the confidential picture, nor can they fetch it.
    const sales = (await (await as("sales", "/api/products")).json()) as { items: ProductWire[] };
    expect(sales.items.flatMap((p) => p.images).every((i) => i.publicOk)).toBe(true);
    const secret = mk.items.flatMap((p) => p.images).find((i) => !i.publicOk);
    expect((await as("sales", secret?.url ?? "")).status).toBe(404);
    expect((await as("marketing", secret?.url ?? "")).status).toBe(200);
  });

  it("retrieves public pictures by topic words and never a confidential one", async () => {
    const hits = await findImagesForTopic(db(), "Precisão em implantes dentários de titânio");
    expect(hits[0]?.productName).toMatch(/Implante dentário/);
    const keys = hits.map((h) => h.r2Key);
    const all = (await (await as("marketing", "/api/products")).json()) as { items: ProductWire[] };
    const secretUrl = all.items.flatMap((p) => p.images).find((i) => !i.publicOk)?.url ?? "";
    expect(keys.some((k) => secretUrl.endsWith(k))).toBe(false);
    expect(await findImagesForTopic(db(), "xyzzy")).toEqual([]);
  });

  it("with products chosen, pictures come from those products only, however well others match (#17.5)", async () => {
    const all = (await (await as("marketing", "/api/products")).json()) as { items: ProductWire[] };
    const dental = all.items.find((p) => /Implante dentário/.test(p.name));
    const other = all.items.find(
      (p) => !/Implante dentário/.test(p.name) && p.images.some((i) => i.publicOk),
    );
    expect(dental && other).toBeTruthy();
    // The topic names the dental implant; only the other product was chosen.
    const topic = "Precisão em implantes dentários de titânio";
    expect((await findImagesForTopic(db(), topic)).some((h) => h.productId === dental?.id)).toBe(true);
    const hits = await findImagesForTopic(db(), topic, { productIds: [other?.id ?? ""] });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.productId))).toEqual(new Set([other?.id]));
  });

  it("creates, edits and uploads (type sniffed from content, not the name) as marketing only", async () => {
    expect(
      (
        await as("sales", "/api/products", {
          method: "POST",
          json: { name: "X1", description: "dd", category: "dental" },
        })
      ).status,
    ).toBe(403);
    const created = await as("marketing", "/api/products", {
      method: "POST",
      json: { name: "Pino de teste", description: "Pino usinado", category: "dental" },
    });
    expect(created.status).toBe(201);
    const { product } = (await created.json()) as { product: ProductWire };
    const patched = await as("marketing", `/api/products/${product.id}`, {
      method: "PATCH",
      json: { category: "medical" },
    });
    expect(((await patched.json()) as { product: ProductWire }).product.category).toBe("medical");
    const fake = await upload(product.id, new TextEncoder().encode("<html>not an image</html>"), "evil.png");
    expect(fake.status).toBe(415);
    const png = await svgToPng(productSvg("screw"));
    const ok = await upload(product.id, png, "photo.bin", "false");
    expect(ok.status).toBe(201);
    const img = ((await ok.json()) as { product: ProductWire }).product.images[0];
    expect(img).toMatchObject({ contentType: "image/png", publicOk: false, width: 640, height: 480 });
    const persona = await as("marketing", "/api/personas", {
      method: "POST",
      json: { name: "Quality lead", profile: "company", audience: "QA/RA managers" },
    });
    expect(persona.status).toBe(201);
    const { persona: p } = (await persona.json()) as { persona: PersonaWire };
    expect(
      (await as("sales", `/api/personas/${p.id}`, { method: "PATCH", json: { name: "Nope" } })).status,
    ).toBe(403);
    expect(
      (await as("marketing", `/api/personas/${p.id}`, { method: "PATCH", json: { toneWords: ["precise"] } }))
        .status,
    ).toBe(200);
    // A PATCH must change something: an empty body, an unknown key or only nulls is a 400, while
    // an empty list is a change (it clears the tone words).
    for (const [path, json] of [
      [`/api/products/${product.id}`, {}],
      [`/api/products/${product.id}`, { nome: "Pino" }],
      [`/api/personas/${p.id}`, { name: null }],
    ] as const) {
      expect((await as("marketing", path, { method: "PATCH", json })).status, JSON.stringify(json)).toBe(400);
    }
    const cleared = await as("marketing", `/api/personas/${p.id}`, {
      method: "PATCH",
      json: { toneWords: [] },
    });
    expect(((await cleared.json()) as { persona: PersonaWire }).persona.toneWords).toEqual([]);
  });
});
