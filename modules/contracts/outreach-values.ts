/**
 * Plain values of the outreach contract, free of imports so the dashboard can bundle them
 * without zod.
 */

/** LinkedIn's limit on an invitation note (domain §6). */
export const INVITE_NOTE_MAX = 300;

/** Statuses the governor still acts on: a screen keeps refreshing while any is present. */
export const IN_FLIGHT_STATUSES = [
  "approved",
  "scheduled",
  "executing",
  "blocked_limit",
  "blocked_time",
] as const;
