import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { I18nProvider, type Locale } from "../i18n";
import { COOKIE, type Preferences, type Profile, type Theme, writePreference } from "./preferences";

type PreferencesApi = Preferences & {
  setLocale: (l: Locale) => void;
  setTheme: (t: Theme) => void;
  setProfile: (p: Profile) => void;
};

const PreferencesContext = createContext<PreferencesApi | null>(null);

/** Language, theme and the active profile (Empresa / Vendedor), persisted in cookies. */
export function PreferencesProvider({ initial, children }: { initial: Preferences; children: ReactNode }) {
  const [locale, setLocaleState] = useState(initial.locale);
  const [theme, setThemeState] = useState(initial.theme);
  const [profile, setProfileState] = useState(initial.profile);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.classList.toggle("dark", theme === "dark");
    root.dataset.profile = profile;
  }, [locale, theme, profile]);

  const setLocale = useCallback((l: Locale) => {
    writePreference(COOKIE.locale, l);
    setLocaleState(l);
  }, []);
  const setTheme = useCallback((t: Theme) => {
    writePreference(COOKIE.theme, t);
    setThemeState(t);
  }, []);
  const setProfile = useCallback((p: Profile) => {
    writePreference(COOKIE.profile, p);
    setProfileState(p);
  }, []);

  const value = useMemo(
    () => ({ locale, theme, profile, setLocale, setTheme, setProfile }),
    [locale, theme, profile, setLocale, setTheme, setProfile],
  );
  return (
    <PreferencesContext.Provider value={value}>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </PreferencesContext.Provider>
  );
}

export function usePreferences(): PreferencesApi {
  const ctx = useContext(PreferencesContext);
  if (!ctx) throw new Error("usePreferences outside PreferencesProvider");
  return ctx;
}

/** The active profile; lists and generators filter by it. */
export function useProfile() {
  const { profile, setProfile } = usePreferences();
  return { profile, setProfile };
}
