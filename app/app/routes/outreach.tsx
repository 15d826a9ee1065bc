import { data } from "react-router";
import { Forbidden, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { userContext } from "../lib/session.server";
import { AccountsBar, ConnectButton } from "../outreach/accounts-bar";
import { ApprovalQueue } from "../outreach/approval-queue";
import { loadOutreach } from "../outreach/outreach.server";
import { RulesForm } from "../outreach/rules-form";
import { AuditLog, Timeline } from "../outreach/timeline";
import { canUseOutreach, IN_FLIGHT } from "../outreach/types";
import { useOutreachLive } from "../outreach/ui";
import { UsageCard } from "../outreach/usage-card";
import type { Route } from "./+types/outreach";

export async function loader({ request, context }: Route.LoaderArgs) {
  const me = context.get(userContext);
  if (!canUseOutreach(me.role)) return data({ allowed: false as const }, { status: 403 });
  const params = new URL(request.url).searchParams;
  const out = await loadOutreach(context, request, params.get("account"));
  if (!out.ok) throw data(out.problem, { status: out.status });
  // Unipile's hosted-auth wizard sends the person back here with ?connect=failed when it fails.
  return { allowed: true as const, connectFailed: params.get("connect") === "failed", ...out };
}

export function meta() {
  return [{ title: "Lifetrek — Outreach" }];
}

export default function Outreach({ loaderData }: Route.ComponentProps) {
  if (!loaderData.allowed) return <Forbidden />;
  return <Screen {...loaderData} />;
}

function Screen({
  accounts,
  account,
  detail,
  queue,
  users,
  connectFailed,
  connect,
}: Extract<Route.ComponentProps["loaderData"], { allowed: true }>) {
  const { t, fmt } = useI18n();
  const T = t.outreach;
  const names = new Map(users.map((u) => [u.id, u.name]));
  const live =
    queue.some((a) => !a.text) ||
    accounts.some((a) => a.status === "connecting") ||
    (detail?.actions.some((a) => IN_FLIGHT.has(a.status)) ?? false);
  useOutreachLive(live);
  const usage = detail?.usage ?? null;
  return (
    <>
      <PageHeader title={T.title} subtitle={T.subtitle} actions={<ConnectButton mode={connect} />} />
      {connectFailed && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {T.connectAborted}
        </p>
      )}
      {usage && usage.clockSpeed > 1 && (
        <p
          data-dev-clock
          className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
        >
          {T.devClock(usage.clockSpeed, fmt.dateTime(usage.now))}
        </p>
      )}
      {accounts.length === 0 || !account ? (
        // Not <Notice>: its title is an h1 and the page already has one.
        <section
          aria-labelledby="no-accounts"
          className="mx-auto mt-10 max-w-xl rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center dark:border-slate-700 dark:bg-navy-900"
        >
          <h2 id="no-accounts" className="text-xl font-semibold text-slate-900 dark:text-white">
            {T.noAccounts}
          </h2>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{T.noAccountsBody[connect]}</p>
        </section>
      ) : (
        <>
          <AccountsBar accounts={accounts} current={account.id} ownerName={(id) => names.get(id) ?? id} />
          <div className="grid items-start gap-6 xl:grid-cols-[3fr_2fr]">
            <div className="space-y-6">
              <ApprovalQueue items={queue} accounts={accounts} />
              <Timeline actions={detail?.actions ?? []} />
            </div>
            <div className="space-y-6">
              {usage && <UsageCard usage={usage} />}
              {detail?.rules && (
                <RulesForm
                  key={`${account.id}:${JSON.stringify(detail.rules)}`}
                  accountId={account.id}
                  rules={detail.rules}
                  tierCap={usage?.tierCap ?? 0}
                />
              )}
            </div>
          </div>
          <div className="mt-6">
            <AuditLog items={detail?.log ?? []} />
          </div>
        </>
      )}
    </>
  );
}
