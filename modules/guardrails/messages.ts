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
    "pt-BR": "Limite diário de {type} atingido ({limit} por dia). Tente novamente amanhã.",
    en: "Daily limit for {type} reached ({limit} per day). Try again tomorrow.",
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

export function message(key: MessageKey, locale: Locale, vars: Record<string, string | number> = {}): string {
  return M[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));
}
