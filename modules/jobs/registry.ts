import type { z } from "zod";
import type { Locale } from "../core/locale";
import type { LocalizedText } from "./schema";
import type { JobType } from "./types";

/**
 * The engine's list of job types. It knows no feature: features hand their definitions to
 * `registerJobTypes` from the Worker entrypoint (one line per feature).
 */
export class JobRegistry {
  readonly #types = new Map<string, JobType>();

  register(...defs: JobType<z.ZodType, z.ZodType>[]): this {
    for (const def of defs) {
      if (this.#types.has(def.type)) throw new Error(`Job type ${def.type} registered twice`);
      this.#types.set(def.type, def as unknown as JobType);
    }
    return this;
  }

  get(type: string): JobType | undefined {
    return this.#types.get(type);
  }

  /** The job's human label from its type (the type key if it declares none or cannot say). */
  labelOf(job: { type: string; input: unknown }, locale: Locale): string {
    const def = this.#types.get(job.type);
    if (!def?.label) return job.type;
    // Stored inputs were valid when enqueued; parse again so an old row cannot crash a listing.
    const input = def.input.safeParse(job.input);
    if (!input.success) return job.type;
    try {
      return def.label(input.data, locale);
    } catch {
      return job.type;
    }
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
