import { useEffect, useRef, useState } from "react";
import { Outlet, useLocation } from "react-router";
import { AppHeader } from "../components/app-header";
import { Brand } from "../components/brand";
import { MainNav } from "../components/main-nav";
import { UsageBanner } from "../components/usage-banner";
import { useI18n } from "../i18n";
import { JobHistory } from "../jobs/job-history";
import { JobsProvider } from "../jobs/provider";
import { apiJson } from "../lib/api.server";
import { requireUser, userContext } from "../lib/session.server";
import type { Job } from "../lib/types";
import { type Usage, UsageProvider } from "../settings/usage";
import type { Route } from "./+types/app-layout";

export const middleware: Route.MiddlewareFunction[] = [requireUser];

export async function loader({ request, context }: Route.LoaderArgs) {
  const me = context.get(userContext);
  const qs = new URLSearchParams({ userId: me.id, limit: "20" });
  const [recent, usage] = await Promise.all([
    apiJson<{ items: Job[] }>(context, request, `/api/jobs?${qs}`),
    apiJson<Usage>(context, request, "/api/usage"),
  ]);
  return { me, recentJobs: recent.ok ? recent.data.items : [], usage: usage.ok ? usage.data : null };
}

const HISTORY_KEY = "lt_history_open";
const isNarrow = () => window.matchMedia("(max-width: 1023.98px)").matches;

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  const { me, recentJobs, usage } = loaderData;
  const { t } = useI18n();
  const [historyOpen, setHistoryOpen] = useState(true);

  const { pathname } = useLocation();
  // Below `lg` the history is a drawer over the page: closed on arrival and after each navigation,
  // and opening it there does not change the wide-screen choice.
  useEffect(() => {
    if (isNarrow() || localStorage.getItem(HISTORY_KEY) === "0") setHistoryOpen(false);
  }, []);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (isNarrow()) setHistoryOpen(false);
    // After a client-side navigation, focus moves to the new page's heading (as a page load would
    // start there), so keyboard and screen-reader users are not left on a link that is gone.
    if (firstPath.current === pathname) return;
    firstPath.current = "";
    const target = document.querySelector<HTMLElement>("#main h1") ?? document.getElementById("main");
    if (target && !target.contains(document.activeElement)) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  }, [pathname]);
  const toggleHistory = (open: boolean) => {
    setHistoryOpen(open);
    if (!isNarrow()) localStorage.setItem(HISTORY_KEY, open ? "1" : "0");
  };

  return (
    <JobsProvider me={me} initialJobs={recentJobs}>
      <UsageProvider initial={usage} userId={me.id}>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:text-brand-blue"
        >
          {t.app.skipToContent}
        </a>
        <div className="flex min-h-screen">
          <div className="brand-gradient hidden w-60 shrink-0 flex-col gap-8 px-4 py-5 md:flex">
            <Brand />
            <MainNav role={me.role} orientation="vertical" />
            <p className="mt-auto text-[11px] text-blue-100/60">{t.app.tagline}</p>
          </div>
          <div className="flex min-w-0 flex-1 flex-col">
            <AppHeader
              me={me}
              historyOpen={historyOpen}
              onToggleHistory={() => toggleHistory(!historyOpen)}
            />
            <div className="brand-gradient px-3 py-2 md:hidden">
              <MainNav role={me.role} orientation="horizontal" />
            </div>
            <div className="flex flex-1 flex-col lg:flex-row">
              <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
                <UsageBanner />
                <Outlet />
              </main>
              <JobHistory
                open={historyOpen}
                onClose={() => {
                  toggleHistory(false);
                  // Focus goes back to the button that opened the panel, not to the page's top.
                  document.querySelector<HTMLElement>('[aria-controls="job-history"]')?.focus();
                }}
              />
            </div>
          </div>
        </div>
      </UsageProvider>
    </JobsProvider>
  );
}
