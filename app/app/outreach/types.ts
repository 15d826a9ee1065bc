import { IN_FLIGHT_STATUSES } from "../../../modules/contracts/outreach-values";

// Wire types come from the backend's zod contracts (type-only: nothing from the backend is bundled).
export type {
  Account,
  Action,
  AuditLogEntry as LogEntry,
  ConnectMode,
  RulesBody as Rules,
  Usage,
} from "../../../modules/contracts/outreach";
export { INVITE_NOTE_MAX } from "../../../modules/contracts/outreach-values";

/** Statuses the governor still acts on: the screen keeps refreshing while any is present. */
export const IN_FLIGHT: ReadonlySet<string> = new Set(IN_FLIGHT_STATUSES);

export const canUseOutreach = (role: string) => role === "sales" || role === "admin";
