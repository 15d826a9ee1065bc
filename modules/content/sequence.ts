import { z } from "zod";
import { providerFor } from "../ai";
import { clipTopic } from "../core/label";
import { defineJobType, type JobContext, JobFailure, NotYet } from "../jobs/types";
import { type ContentDeps, contentDeps } from "./deps";
import { capFirst, firstFit, quote, subject } from "./offline-text";
import { loadVoice, voicePrompt } from "./personas";
import { type CarouselInput, SequenceInput, SequenceResult } from "./schema";

type Ctx = JobContext<SequenceInput, ContentDeps>;

const ROLES = ["intro", "expertise", "story"] as const;

const Plan = z.object({
  parts: z
    .array(z.object({ topic: z.string().trim().min(3).max(200), brief: z.string().trim().min(3).max(600) }))
    .length(3),
});
type Plan = z.infer<typeof Plan>;

/**
 * The offline plan: the theme stays a title in its own casing ("Tema: quem somos"), never pasted
 * lower-cased into a sentence; briefs quote it.
 */
function offlinePlan(input: SequenceInput): Plan {
  const theme = subject(input.theme);
  const T = capFirst(theme);
  const pt = input.language === "pt-BR";
  const me = input.profile === "salesperson";
  const title = (suffix: string) => firstFit([`${T}: ${suffix}`, T], 200);
  const q = quote(theme, pt);
  return {
    parts: pt
      ? [
          {
            topic: title(me ? "quem sou eu" : "quem somos"),
            brief: `Apresentação: ${me ? "eu, engenheiro de vendas da Lifetrek" : "a Lifetrek Medical"} e o tema ${q}. Prepara a parte 2.`,
          },
          {
            topic: title("a expertise técnica por trás"),
            brief: `Expertise: tornos suíços, metrologia ZEISS e ISO 13485 aplicados ao tema ${q}. Retoma a parte 1.`,
          },
          {
            topic: title("uma história real"),
            brief: `História: um projeto de cliente ligado ao tema ${q}; fecha a série das partes 1 e 2.`,
          },
        ]
      : [
          {
            topic: title(me ? "who I am" : "who we are"),
            brief: `Intro: ${me ? "me, a Lifetrek sales engineer" : "Lifetrek Medical"} and the subject ${q}. Sets up part 2.`,
          },
          {
            topic: title("the technical expertise behind it"),
            brief: `Expertise: Swiss-type lathes, ZEISS metrology and ISO 13485 applied to ${q}. Builds on part 1.`,
          },
          {
            topic: title("a real story"),
            brief: `Story: a customer project tied to ${q}; closes the series from parts 1 and 2.`,
          },
        ],
  };
}

/**
 * `content.sequence` ("First 3 Posts"): plans three linked briefs (Intro → Expertise → Personal
 * Story), starts three `content.carousel` children sharing this job's id as `sequenceId` (index
 * 1..3), then mirrors their progress and finishes when they all have (the Workflow sleeps between
 * looks: see NotYet).
 */
export const contentSequence = defineJobType({
  deps: contentDeps,
  type: "content.sequence",
  description: 'Series of three linked carousels ("First 3 Posts": Intro, Expertise, Personal Story).',
  runner: "workflow",
  input: SequenceInput,
  result: SequenceResult,
  retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000, nonRetryable: ["child_failed"] },
  timeoutMs: 180_000,
  allowedRoles: ["admin", "marketing", "sales"],
  scope: "content:write",
  label: (i, locale) => `${locale === "en" ? "3-post series" : "Série de 3 posts"}: ${clipTopic(i.theme)}`,
  name: { "pt-BR": "Série de 3 posts", en: "3-post series" },
  notify: "always",
  steps: [
    {
      name: "plan",
      label: { "pt-BR": "Planejando a série", en: "Planning the series" },
      async run(ctx: Ctx) {
        const voice = await loadVoice(ctx.db, ctx.input.profile, ctx.input.personaId);
        const plan = await providerFor(ctx, ctx.deps.ai).generateJson({
          task: "sequence.plan",
          system:
            "You plan LinkedIn series for Lifetrek Medical (ISO 13485 contract manufacturer). The narrative flows from part 1 to 3.",
          prompt: [
            voicePrompt(voice),
            `Template "First 3 Posts" for a new profile launch. Theme: ${ctx.input.theme}. Language: ${ctx.input.language}.`,
            "Plan three carousels: 1 Intro, 2 Expertise, 3 Personal Story; each brief says how it links to the previous part.",
            'Answer JSON: {"parts":[{"topic":string,"brief":string}]} with exactly 3 parts.',
          ].join("\n"),
          schema: Plan,
          offline: () => offlinePlan(ctx.input),
        });
        return { plan, personaId: voice.personaId };
      },
    },
    {
      name: "spawn",
      label: { "pt-BR": "Criando os posts", en: "Creating the posts" },
      async run(ctx: Ctx, o) {
        const { plan, personaId } = o.plan as { plan: Plan; personaId: string | null };
        const childIds: string[] = [];
        for (const [i, part] of plan.parts.entries()) {
          const input: CarouselInput = {
            topic: part.topic,
            profile: ctx.input.profile,
            language: ctx.input.language,
            ...(personaId ? { personaId } : {}),
            series: { template: "first-3-posts", index: i + 1, role: ROLES[i] ?? "story", brief: part.brief },
          };
          // The idempotency key makes a re-run of this stage find the same children.
          const job = await ctx.enqueueChild("content.carousel", input, {
            key: `sequence:${ctx.jobId}:${i + 1}`,
            sequenceIndex: i + 1,
          });
          childIds.push(job.id);
        }
        return { childIds };
      },
    },
    {
      name: "children",
      label: { "pt-BR": "Gerando os posts", en: "Generating the posts" },
      async run(ctx: Ctx, o) {
        const { childIds } = o.spawn as { childIds: string[] };
        // Called once per round by the runner, which sleeps between rounds (NotYet). Progress is
        // written only when the children moved, so the trail stays bounded however long they take.
        const [self, started] = await Promise.all([ctx.meta(), ctx.children()]);
        const children = started.filter((r) => childIds.includes(r.id));
        const pct =
          children.reduce(
            (sum, r) => sum + (r.status === "succeeded" ? 100 : (r.progress?.percent ?? 0)),
            0,
          ) / 3;
        const done = children.filter((r) => r.status === "succeeded").length;
        const failed = children.filter((r) => r.status === "failed" || r.status === "cancelled");
        if (failed.length) {
          throw new JobFailure(
            "child_failed",
            `Post ${failed.map((f) => f.sequenceIndex).join(", ")} failed: ${failed.map((f) => f.error?.message ?? f.status).join("; ")}. Retry the failed post, then this series.`,
            false,
          );
        }
        if (done === childIds.length) {
          const ids = childIds.map((id) => {
            const r = children.find((x) => x.id === id);
            return (r?.result as { contentId?: string } | null)?.contentId ?? id;
          });
          return { contentIds: ids };
        }
        // The parent's progress is its children's.
        const progress = {
          percent: Math.round(pct),
          stage: "children",
          message: `${done}/3 posts ready`,
          done,
          total: childIds.length,
        };
        if (self?.progress?.percent !== progress.percent || self?.progress?.message !== progress.message) {
          await ctx.progress(progress);
        }
        return new NotYet();
      },
    },
  ],
  async finish(ctx, o) {
    const { contentIds } = o.children as { contentIds: string[] };
    return { sequenceId: ctx.jobId, contentIds };
  },
});
