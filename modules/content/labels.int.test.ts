import { describe, expect, it } from "vitest";
import { as } from "../../test/helpers";
import type { Job } from "../jobs/schema";
import { relaxGuardrails } from "./testing";

async function post(lang: string | null, type: string, input: unknown) {
  const headers: Record<string, string> = lang ? { "accept-language": lang } : {};
  const res = await as("marketing", "/api/jobs", { method: "POST", json: { type, input }, headers });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: Job }).job;
}

describe("job labels (#15): declared by each type, in the caller's language", () => {
  it("answers what a person would call the job, in pt-BR by default and in English when asked", async () => {
    await relaxGuardrails();
    const topic = "Usinagem suíça de parafusos ortopédicos de titânio com tolerância de 5 µm";
    const carousel = await post(null, "content.carousel", { topic, profile: "company" });
    expect(carousel.label).toBe("Carrossel: Usinagem suíça de parafusos ortopédicos de…");
    // The kind of job, as a person names it (the job page's "Tipo").
    expect(carousel.typeName).toBe("Carrossel");
    const en = await as("marketing", `/api/jobs/${carousel.id}`, {
      headers: { "accept-language": "en-US,en;q=0.9,pt;q=0.5" },
    });
    const enJob = ((await en.json()) as { job: Job }).job;
    expect(enJob.label).toBe("Carousel: Usinagem suíça de parafusos ortopédicos de…");
    expect(enJob.typeName).toBe("Carousel");
    expect((await post("pt-BR", "system.ping", {})).label).toBe("Ping");
    expect((await post("en", "content.blog", { topic: "Cleanroom packaging" })).label).toBe(
      "Blog post: Cleanroom packaging",
    );
    const list = (await (await as("marketing", "/api/jobs?limit=50")).json()) as { items: Job[] };
    expect(list.items.length).toBeGreaterThan(0);
    for (const j of list.items) expect(j.label, j.type).toMatch(/^(Carrossel|Post de blog|Ping)/);
  });
});
