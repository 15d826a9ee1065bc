import { createContext, type ReactNode, useContext, useMemo } from "react";
import { en } from "./en";
import { type Dictionary, ptBR } from "./pt-BR";

export const LOCALES = ["pt-BR", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "pt-BR";
export const LOCALE_NAMES: Record<Locale, string> = { "pt-BR": "Português (BR)", en: "English" };

const dictionaries: Record<Locale, Dictionary> = { "pt-BR": ptBR, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function dictionaryFor(locale: Locale): Dictionary {
  return dictionaries[locale];
}

// One fixed zone so server and browser render the same text (the company works in São Paulo).
const TIME_ZONE = "America/Sao_Paulo";

/** Formatting helpers bound to a locale: dd/MM/yyyy HH:mm:ss in pt-BR. */
export function formattersFor(locale: Locale) {
  const tag = locale === "pt-BR" ? "pt-BR" : "en-US";
  const dateTime = new Intl.DateTimeFormat(tag, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
    timeZone: TIME_ZONE,
  });
  const time = new Intl.DateTimeFormat(tag, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
    timeZone: TIME_ZONE,
  });
  const date = new Intl.DateTimeFormat(tag, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: TIME_ZONE,
  });
  const usd = new Intl.NumberFormat(tag, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  });
  const oneDecimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const seconds = (ms: number) => `${oneDecimal.format(ms / 1000)} s`;
  return {
    /** A number in the locale's digits (12,5 in pt-BR), at most `digits` decimals. */
    number: (n: number, digits = 1) =>
      digits === 1
        ? oneDecimal.format(n)
        : new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n),
    /** A share (0.125) as a percent with one decimal at most ("12,5%" in pt-BR). */
    percent: (fraction: number) => `${oneDecimal.format(fraction * 100)}%`,
    /** A short span in seconds with one decimal ("12,5 s"); a minute or more reads like `duration`. */
    seconds: (ms: number) => (ms < 60_000 ? seconds(ms) : formatDuration(ms)),
    dateTime: (iso: string | null | undefined) =>
      iso ? dateTime.format(new Date(iso)).replace(",", "") : "—",
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : "—"),
    time: (iso: string | null | undefined) => (iso ? time.format(new Date(iso)) : "—"),
    usd: (n: number) => usd.format(n),
    duration: formatDuration,
  };
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export type Formatters = ReturnType<typeof formattersFor>;

type I18n = { locale: Locale; t: Dictionary; fmt: ReturnType<typeof formattersFor> };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: dictionaryFor(locale), fmt: formattersFor(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The active dictionary (`t`), locale and formatters. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** Like `useI18n` but falls back to pt-BR outside the provider (error pages). */
export function useDictionary(): Dictionary {
  return useContext(I18nContext)?.t ?? ptBR;
}
