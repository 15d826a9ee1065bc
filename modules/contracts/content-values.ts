/**
 * Plain values of the content contract, free of imports so the dashboard can bundle them without
 * zod (the edit form counts characters against them).
 */

/** Domain §3.1 text limits, per slide type. */
export const SLIDE_LIMITS = {
  hook: { headline: 60, body: 120 },
  content: { headline: 70, body: 140 },
  cta: { headline: 60, body: 120 },
} as const;
export const MIN_SLIDES = 3;
export const MAX_SLIDES = 8;
