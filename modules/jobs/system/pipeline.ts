import { z } from "zod";
import type { LocalizedText } from "../schema";
import { defineJobType, type JobContext, JobFailure } from "../types";

export const PipelineInput = z.object({
  /** The stage that fails, and how many attempts it fails before passing. */
  failAt: z.enum(["prepare", "process", "publish"]).optional(),
  failTimes: z.number().int().min(0).max(10).default(1),
});
const PipelineResult = z.object({ stages: z.array(z.string()), attempt: z.number().int() });

const stage = (name: "prepare" | "process" | "publish", label: LocalizedText) => ({
  name,
  label,
  async run(ctx: JobContext<z.infer<typeof PipelineInput>>) {
    await ctx.log(
      "info",
      `stage ${name} executed`,
      { stage: name, attempt: ctx.attempt },
      { code: "system.stage_executed", params: { stage: name, stageLabel: label } },
    );
    if (ctx.input.failAt === name && ctx.attempt <= ctx.input.failTimes) {
      throw new JobFailure("stage_failed", `Falha simulada na etapa ${name}.`, true);
    }
    return { stage: name, attempt: ctx.attempt };
  },
});

/** Diagnostic multi-stage job running as a Workflow: proves checkpoint/resume semantics. */
export const systemPipeline = defineJobType({
  type: "system.pipeline",
  description: "Diagnostic Workflow of three checkpointed stages; one may fail N times.",
  runner: "workflow",
  input: PipelineInput,
  result: PipelineResult,
  retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 },
  timeoutMs: 60_000,
  allowedRoles: ["admin", "marketing", "sales"],
  scope: "jobs:write",
  label: (_i, locale) => (locale === "en" ? "Diagnostic pipeline" : "Pipeline de diagnóstico"),
  name: { "pt-BR": "Pipeline de diagnóstico", en: "Diagnostic pipeline" },
  steps: [
    stage("prepare", { "pt-BR": "Preparando", en: "Preparing" }),
    stage("process", { "pt-BR": "Processando", en: "Processing" }),
    stage("publish", { "pt-BR": "Publicando", en: "Publishing" }),
  ],
  async finish(ctx, outputs) {
    return { stages: Object.keys(outputs), attempt: ctx.attempt };
  },
});
