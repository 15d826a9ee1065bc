import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n";

export type Theme = "light" | "dark";
export type Profile = "company" | "salesperson";
export type Preferences = { locale: Locale; theme: Theme; profile: Profile };

export const COOKIE = { locale: "lt_locale", theme: "lt_theme", profile: "lt_profile" } as const;

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** Preferences from the request's cookies (so the server renders the right language and theme). */
export function preferencesFrom(cookieHeader: string | null): Preferences {
  const locale = readCookie(cookieHeader, COOKIE.locale);
  const theme = readCookie(cookieHeader, COOKIE.theme);
  const profile = readCookie(cookieHeader, COOKIE.profile);
  return {
    locale: isLocale(locale) ? locale : DEFAULT_LOCALE,
    theme: theme === "dark" ? "dark" : "light",
    profile: profile === "salesperson" ? "salesperson" : "company",
  };
}

/** Persists one preference for a year (browser only). */
export function writePreference(name: string, value: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads it to render the right language/theme; Cookie Store API is not in every browser
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  try {
    localStorage.setItem(name, value);
  } catch {
    // private mode: the cookie is enough
  }
}
