/** Wire shapes of the settings endpoints (see modules/guardrails and modules/notifications). */
export type Guardrails = {
  killSwitch: boolean;
  globalDailyUsd: number;
  globalMonthlyUsd: number;
  userDailyUsd: number;
  userJobsPerDay: Record<string, number>;
  maxImagesPerCarousel: number;
  maxConcurrentAiJobsPerUser: number;
  aiJobTypes: string[];
  warnAtFraction: number;
};

export type GuardrailAlert = {
  id?: string;
  kind: string;
  scope: string;
  userId: string | null;
  message: string;
  at: string;
  /** `{messageKey, params, …}`: what the message says, for the reader's language. */
  data?: unknown;
};

export type NotificationSettings = {
  enabled: boolean;
  onlyFailures: boolean;
  email: string | null;
  slackWebhookUrl: string | null;
};

export type OutboxItem = {
  id?: string;
  jobId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  payload: { text?: string; subject?: string } | null;
  createdAt: string;
  sentAt: string | null;
};

/** `GET/PUT /api/admin/prices`: USD per million tokens and the pre-call reservation, per model. */
export type ModelPrice = { inputPerMTok: number; outputPerMTok: number; estimateUsd: number };
export type PriceTable = { models: Record<string, ModelPrice>; searchFeeUsd: number };

export type UserSummary = { id: string; name: string; role: string; email?: string };

/** Field → message, from a problem's `errors` list (first path segment; the whole path for prices). */
export type FieldErrors = Record<string, string>;

export type SettingsActionResult =
  | { intent: "notifications"; ok: true; value: NotificationSettings }
  | { intent: "guardrails"; ok: true; value: Guardrails }
  | { intent: "prices"; ok: true; value: PriceTable }
  | { intent: "notifications" | "guardrails" | "prices"; ok: false; detail: string; errors: FieldErrors };

export const CAROUSEL_TYPE = "content.carousel";
