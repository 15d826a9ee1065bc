import { z } from "zod";
import { Forbidden } from "../../core/errors";
import { defineJobType, JobFailure } from "../types";

const PingInput = z.object({
  sleepMs: z.number().int().min(0).max(10_000).default(0),
  failTimes: z.number().int().min(0).max(10).default(0),
  /** Simulates one paid call of this cost (guarded and recorded like a real one) for drills. */
  spendUsd: z.number().min(0).max(5).optional(),
});
const PingResult = z.object({ pong: z.literal(true), attempt: z.number().int() });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

/** Diagnostic job: exercises queueing, progress, retries and failure without any AI cost. */
export const systemPing = defineJobType({
  type: "system.ping",
  description: "Diagnostic: sleeps, reports progress, fails the first N attempts.",
  runner: "queue",
  input: PingInput,
  result: PingResult,
  retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 },
  timeoutMs: 30_000,
  allowedRoles: ["admin", "marketing", "sales"],
  scope: "jobs:write",
  // Simulated spend writes real numbers to the ledger and the shared counters: a drill for admins,
  // never a way for anyone else to exhaust the company's budget.
  authorize(actor, input) {
    if (input.spendUsd !== undefined && actor.role !== "admin") {
      throw new Forbidden("Only admins can simulate spend (spendUsd).");
    }
  },
  label: () => "Ping",
  name: { "pt-BR": "Ping", en: "Ping" },
  stages: { sleep: { "pt-BR": "Aguardando", en: "Waiting" } },
  async run(ctx) {
    const { sleepMs, failTimes } = ctx.input;
    const slices = sleepMs > 0 ? 4 : 0;
    for (let i = 1; i <= slices; i++) {
      await sleep(sleepMs / slices, ctx.signal);
      await ctx.progress({
        percent: (i / slices) * 90,
        stage: "sleep",
        message: `Sleeping ${i}/${slices}`,
        done: i,
        total: slices,
      });
    }
    if (ctx.input.spendUsd) {
      await ctx.reserveSpend(ctx.input.spendUsd, "diagnostic call");
      await ctx.recordCost({ model: "diagnostic", kind: "text", usd: ctx.input.spendUsd });
    }
    if (ctx.attempt <= failTimes) {
      throw new JobFailure(
        "ping_failed",
        `Falha simulada na tentativa ${ctx.attempt} de ${failTimes}.`,
        true,
      );
    }
    return { pong: true as const, attempt: ctx.attempt };
  },
});
