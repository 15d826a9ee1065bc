// Carousel job duration with the offline provider, and per-slide render time from its metadata.
import { client, percentiles, signIn, waitUntil } from "./lib.mjs";

export async function benchContent(n = 5) {
  const call = client(await signIn("admin@lifetrek.local"));
  const durations = [];
  const slideRender = [];
  for (let i = 0; i < n; i++) {
    const res = await call("/api/jobs", {
      method: "POST",
      json: {
        type: "content.carousel",
        input: { topic: `Usinagem suíça de implantes dentários ${i}`, profile: "company" },
      },
    });
    if (res.status !== 202) return { skipped: `enqueue answered ${res.status}: ${res.body?.detail ?? ""}` };
    const job = await waitUntil(
      async () => {
        const j = (await call(`/api/jobs/${res.body.job.id}`)).body.job;
        return ["succeeded", "failed"].includes(j.status) ? j : null;
      },
      300_000,
      200,
    );
    if (job.status !== "succeeded") return { failed: job.error };
    durations.push(Date.parse(job.finishedAt) - Date.parse(job.createdAt));
    const content = (await call(`/api/content/${job.result.contentId}`)).body?.content;
    const perSlide = content?.metadata?.renderMs;
    if (Array.isArray(perSlide)) slideRender.push(...perSlide);
    else if (typeof perSlide === "number") slideRender.push(perSlide);
  }
  return { carouselJobMs: percentiles(durations), slideRenderMs: percentiles(slideRender) };
}
