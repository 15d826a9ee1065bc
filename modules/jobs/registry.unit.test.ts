import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JobRegistry } from "./registry";
import { systemPing } from "./system/ping";
import type { JobType } from "./types";

/** A job type whose input counts how often it is parsed, labelled per language. */
function labelled() {
  let parses = 0;
  const input = z.object({ topic: z.string() }).transform((v) => {
    parses++;
    return v;
  });
  const def = {
    ...systemPing,
    type: "test.labelled",
    input,
    label: (i: { topic: string }, locale: string) => {
      if (i.topic === "boom") throw new Error("label failed");
      return locale === "en" ? `Post about ${i.topic}` : `Post sobre ${i.topic}`;
    },
  } as unknown as JobType;
  return { registry: new JobRegistry().register(def), parses: () => parses };
}

describe("JobRegistry labels", () => {
  it("says a job's label in both languages from one parse of its input, then remembers it", () => {
    const { registry, parses } = labelled();
    const job = { id: "01JOB", type: "test.labelled", input: { topic: "titânio" } };
    expect(registry.labelsOf(job)).toEqual({ "pt-BR": "Post sobre titânio", en: "Post about titânio" });
    expect(registry.labelOf(job, "en")).toBe("Post about titânio");
    for (let i = 0; i < 5; i++) registry.labelsOf({ ...job, input: { ...job.input } });
    expect(parses()).toBe(1);
    registry.labelsOf({ ...job, id: "01OTHER" });
    expect(parses()).toBe(2);
  });

  it("falls back to the type key for an input that no longer parses or a label that throws", () => {
    const { registry } = labelled();
    expect(registry.labelsOf({ id: "a", type: "test.labelled", input: { topic: 3 } })).toEqual({
      "pt-BR": "test.labelled",
      en: "test.labelled",
    });
    expect(registry.labelOf({ id: "b", type: "test.labelled", input: { topic: "boom" } }, "pt-BR")).toBe(
      "test.labelled",
    );
    expect(registry.labelOf({ type: "gone.type", input: {} }, "en")).toBe("gone.type");
  });

  it("remembers only jobs with an id, and only the most recent ones", () => {
    const { registry, parses } = labelled();
    const input = { topic: "x" };
    registry.labelsOf({ type: "test.labelled", input });
    registry.labelsOf({ type: "test.labelled", input });
    expect(parses()).toBe(2);
    for (let i = 0; i <= 2000; i++) registry.labelsOf({ id: `job-${i}`, type: "test.labelled", input });
    const before = parses();
    registry.labelsOf({ id: "job-2000", type: "test.labelled", input });
    expect(parses()).toBe(before);
    registry.labelsOf({ id: "job-0", type: "test.labelled", input });
    expect(parses()).toBe(before + 1);
  });

  it("hands out labels nobody can change for the next caller", () => {
    const { registry } = labelled();
    const job = { id: "01JOB", type: "test.labelled", input: { topic: "a" } };
    expect(Object.isFrozen(registry.labelsOf(job))).toBe(true);
  });
});
