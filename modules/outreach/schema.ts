import { z } from "@hono/zod-openapi";

// The wire contract lives in modules/contracts (the dashboard reads it too).
export {
  Account,
  AccountCreate,
  Action,
  ActionCreate,
  ActionPatch,
  BulkApprove,
  ConnectMode,
  ListActionsQuery,
  RejectBody,
  RulesBody,
  Usage,
} from "../contracts/outreach";

/** The `outreach.draft` job: writes the text of a drafted action. */
export const DraftInput = z.object({
  actionId: z.string().min(1).max(64),
  language: z.enum(["pt-BR", "en"]).default("pt-BR"),
  personaId: z.string().max(64).nullish(),
});
export const DraftResult = z.object({ actionId: z.string() });
