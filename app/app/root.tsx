import type { ReactNode } from "react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import { Toaster } from "sonner";
import type { Route } from "./+types/root";
import "./app.css";
import { LiveAnnouncer } from "./components/live-announcer";
import { useDictionary, useI18n } from "./i18n";
import { type Preferences, preferencesFrom } from "./lib/preferences";
import { PreferencesProvider, usePreferences } from "./lib/preferences-context";

export function loader({ request }: Route.LoaderArgs) {
  return { preferences: preferencesFrom(request.headers.get("cookie")) };
}

export function meta() {
  return [
    { title: "Lifetrek" },
    { name: "description", content: "Lifetrek Medical — marketing & sales workbench" },
  ];
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const prefs: Preferences = data?.preferences ?? preferencesFrom(null);
  return (
    <html
      lang={prefs.locale}
      className={prefs.theme === "dark" ? "dark" : undefined}
      data-profile={prefs.profile}
    >
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        <PreferencesProvider initial={prefs}>{children}</PreferencesProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function AppToaster() {
  const { theme } = usePreferences();
  const { t } = useI18n();
  return (
    <>
      <LiveAnnouncer containerLabel={t.app.notifications} />
      <Toaster
        position="bottom-right"
        theme={theme}
        richColors
        closeButton
        visibleToasts={5}
        containerAriaLabel={t.app.notifications}
        toastOptions={{ closeButtonAriaLabel: t.app.closeToast }}
      />
    </>
  );
}

export default function App() {
  return (
    <>
      <Outlet />
      <AppToaster />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <RootError error={error} />;
}

function RootError({ error }: { error: unknown }) {
  const t = useDictionary();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-5xl font-bold text-brand-blue">{status}</p>
      <h1 className="text-xl font-semibold">{status === 404 ? t.notFound.title : t.common.error}</h1>
      <a className="rounded-md bg-brand-blue px-4 py-2 text-white hover:bg-brand-blue-hover" href="/">
        {t.common.tryAgain}
      </a>
    </main>
  );
}
