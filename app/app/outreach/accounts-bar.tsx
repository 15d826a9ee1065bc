import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { buttonClass } from "../components/page";
import { sendJson } from "../content/library/form-kit";
import { useI18n } from "../i18n";
import { clientApi } from "../lib/api-client";
import type { Account, ConnectMode } from "./types";
import { OutreachBadge, useTexts } from "./ui";

/**
 * Connects a LinkedIn account. With Unipile configured the API answers the hosted-auth link and
 * the browser goes there (the account turns active when Unipile notifies us); in development
 * without a key it answers a demo account, active at once. A deployment without a key cannot
 * connect: the button is disabled and the page says why.
 */
export function ConnectButton({ mode }: { mode: ConnectMode }) {
  const T = useTexts();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const connect = async () => {
    setBusy(true);
    const res = await clientApi<{ url?: string; account?: Account }>(
      "/api/outreach/accounts",
      sendJson("POST", {}),
    );
    if (res.ok && res.data.url) {
      toast.info(T.redirecting);
      window.location.assign(res.data.url);
      return;
    }
    setBusy(false);
    if (res.ok && res.data.account) {
      toast.success(T.connectedDemo);
      navigate(`/outreach?account=${encodeURIComponent(res.data.account.id)}`);
      return;
    }
    toast.error(res.ok ? T.connectFailed : (res.problem?.detail ?? T.connectFailed));
  };
  return (
    <button
      type="button"
      className={buttonClass.cta}
      disabled={busy || mode === "unavailable"}
      onClick={() => void connect()}
    >
      <span aria-hidden="true">+</span> {busy ? T.connecting : T.connect}
    </button>
  );
}

/** The accounts as tabs-like links; the chosen one is shown in depth below. */
export function AccountsBar({
  accounts,
  current,
  ownerName,
}: {
  accounts: Account[];
  current: string | null;
  ownerName: (id: string) => string;
}) {
  const T = useTexts();
  const { fmt } = useI18n();
  return (
    <nav aria-label={T.accounts} className="mb-6">
      <ul className="flex flex-wrap gap-3">
        {accounts.map((a) => {
          const on = a.id === current;
          return (
            <li key={a.id}>
              <Link
                to={`/outreach?account=${encodeURIComponent(a.id)}`}
                aria-current={on ? "page" : undefined}
                data-account-id={a.id}
                className={`block rounded-xl border bg-white p-3 text-sm shadow-sm hover:border-brand-blue dark:bg-navy-900 ${
                  on
                    ? "border-brand-blue ring-2 ring-brand-blue/40"
                    : "border-slate-200 dark:border-slate-700"
                }`}
              >
                <span className="flex items-center gap-2 font-semibold text-slate-900 dark:text-white">
                  {a.name}
                  {a.demo && (
                    <span className="rounded bg-slate-100 px-1.5 text-[11px] font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                      {T.demo}
                    </span>
                  )}
                  <OutreachBadge status={a.status} label={T.accountStatus[a.status] ?? a.status} />
                </span>
                <span className="mt-1 block text-xs text-slate-600 dark:text-slate-300">
                  {T.tiers[a.tier] ?? a.tier} · {a.timeZone} · {ownerName(a.ownerId)}
                </span>
                {a.status === "paused" && a.pausedUntil && (
                  <span className="mt-1 block text-xs text-amber-800 dark:text-amber-200">
                    {T.pausedUntil(fmt.dateTime(a.pausedUntil), a.pauseReason ?? "")}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
