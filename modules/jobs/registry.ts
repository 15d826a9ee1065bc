import type { z } from "zod";
import { nullAsUnknown } from "../contracts/absent";
import type { Locale } from "../core/locale";
import type { LocalizedText } from "./schema";
import type { JobType } from "./types";

/** How many jobs' labels a registry remembers (a few hundred bytes each). */
const LABELS_KEPT = 2000;

/**
 * The engine's list of job types. It knows no feature: features hand their definitions to
 * `registerJobTypes` from the Worker entrypoint (one line per feature).
 */
export class JobRegistry {
  readonly #types = new Map<string, JobType>();
  readonly #labels = new Map<string, LocalizedText>();

  register(...defs: JobType<z.ZodType, z.ZodType>[]): this {
    for (const def of defs) {
      if (this.#types.has(def.type)) throw new Error(`Job type ${def.type} registered twice`);
      // null in an optional input field is "unknown", as in every request body.
      this.#types.set(def.type, { ...def, input: nullAsUnknown(def.input) } as unknown as JobType);
    }
    return this;
  }

  get(type: string): JobType | undefined {
    return this.#types.get(type);
  }

  /** The job's human label from its type (the type key if it declares none or cannot say). */
  labelOf(job: { id?: string; type: string; input: unknown }, locale: Locale): string {
    return this.labelsOf(job)[locale];
  }

  /**
   * The label in both languages. Publishing a change sends both (each tab shows its own), and a
   * job's every change is published, so the input is parsed once per job rather than twice per
   * change: the parse was 7 % of the API isolate's CPU in issue #10's burst. A job's type and
   * input never change after it is stored, so its labels are remembered by id (the most recent
   * `LABELS_KEPT` jobs).
   */
  labelsOf(job: { id?: string; type: string; input: unknown }): LocalizedText {
    const known = job.id === undefined ? undefined : this.#labels.get(job.id);
    if (known) return known;
    const labels = Object.freeze(this.#computeLabels(job));
    if (job.id !== undefined) {
      if (this.#labels.size >= LABELS_KEPT) {
        const oldest = this.#labels.keys().next().value;
        if (oldest !== undefined) this.#labels.delete(oldest);
      }
      this.#labels.set(job.id, labels);
    }
    return labels;
  }

  #computeLabels(job: { type: string; input: unknown }): LocalizedText {
    const def = this.#types.get(job.type);
    const fallback = { "pt-BR": job.type, en: job.type };
    if (!def?.label) return fallback;
    // Stored inputs were valid when enqueued; parse again so an old row cannot crash a listing.
    const input = def.input.safeParse(job.input);
    if (!input.success) return fallback;
    const one = (locale: Locale): string => {
      try {
        return def.label?.(input.data, locale) ?? job.type;
      } catch {
        return job.type;
      }
    };
    return { "pt-BR": one("pt-BR"), en: one("en") };
  }

  /** A stage's name in both languages, as its type declares it (undefined: the type does not say). */
  stageLabel(type: string, stage: string): LocalizedText | undefined {
    const def = this.#types.get(type);
    if (!def) return undefined;
    const declared = def.stages?.[stage];
    if (declared) return declared;
    return def.runner === "workflow" ? def.steps.find((s) => s.name === stage)?.label : undefined;
  }

  /** What this kind of job is called in `locale` (the type key if its type does not say). */
  nameOf(type: string, locale: Locale): string {
    return this.#types.get(type)?.name?.[locale] ?? type;
  }

  /** Whether a finished job of this type notifies its owner whatever its duration. */
  notifiesAlways(type: string): boolean {
    return this.#types.get(type)?.notify === "always";
  }

  list(): JobType[] {
    return [...this.#types.values()];
  }
}
