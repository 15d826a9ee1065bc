// Wire types come from the backend's zod contracts (type-only: nothing from the backend is bundled).
export type {
  Account,
  Action,
  RulesBody as Rules,
} from "../../../modules/outreach/schema";

/** `GET /api/outreach/accounts/:id/usage`. */
export type Usage = {
  day: string;
  drawnLimit: number;
  tierCap: number;
  today: number;
  week: number;
  weeklyCap: number;
  nextSlotAt: string | null;
  pausedUntil: string | null;
  now: string;
  clockSpeed: number;
};

export type LogEntry = {
  at: string;
  actionId: string | null;
  decision: string;
  reason: string;
  actorId: string | null;
};

export type FieldError = { path: string; message: string };

/** Statuses the governor still acts on: the screen keeps refreshing while any is present. */
export const IN_FLIGHT = new Set(["approved", "scheduled", "executing", "blocked_limit", "blocked_time"]);

export const INVITE_NOTE_MAX = 300;

export const canUseOutreach = (role: string) => role === "sales" || role === "admin";
