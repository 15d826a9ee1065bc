type Locale = "pt-BR" | "en";

const M = {
  userDaily: {
    "pt-BR": "Limite de gastos diário atingido. Tente novamente amanhã.",
    en: "Daily spending limit reached. Try again tomorrow.",
  },
  globalDaily: {
    "pt-BR": "Limite de gastos diário atingido. Tente novamente amanhã.",
    en: "Daily spending limit reached. Try again tomorrow.",
  },
  globalMonthly: {
    "pt-BR": "Limite de gastos mensal atingido. Tente novamente no próximo mês.",
    en: "Monthly spending limit reached. Try again next month.",
  },
  jobsPerDay: {
    "pt-BR": 'Limite diário de "{type}" atingido ({limit} por dia). Tente novamente amanhã.',
    en: 'Daily limit for "{type}" reached ({limit} per day). Try again tomorrow.',
  },
  killSwitch: {
    "pt-BR": "A geração com IA está pausada pelo administrador.",
    en: "AI generation has been paused by an administrator.",
  },
  warn: {
    "pt-BR": "Atenção: {pct}% do limite de gastos de hoje já foi usado.",
    en: "Heads up: {pct}% of today's spending limit is used.",
  },
} as const;

export type MessageKey = keyof typeof M;

/** A value in a message: plain, or one text per language (a job type's name). */
export type MessageVar = string | number | Readonly<Record<Locale, string>>;

/**
 * The message in `locale`. Alerts also store `{messageKey, params}` so the admin's screen can say
 * it in the admin's own language.
 */
export function message(key: MessageKey, locale: Locale, vars: Record<string, MessageVar> = {}): string {
  return M[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    return v === undefined ? "" : typeof v === "object" ? v[locale] : String(v);
  });
}
