import type { z } from "zod";
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

  list(): JobType[] {
    return [...this.#types.values()];
  }
}
