import type { RouterContextProvider } from "react-router";
import { apiJson } from "../lib/api.server";
import type { Account, Action, ConnectMode, LogEntry, Rules, Usage } from "./types";

type Ctx = Readonly<RouterContextProvider>;
type Page = { items: Action[]; nextCursor: string | null };

/** Everything the Outreach screen shows: the queue across accounts, the chosen account in depth. */
export async function loadOutreach(context: Ctx, request: Request, wanted: string | null) {
  const [accounts, queue, users] = await Promise.all([
    apiJson<{ items: Account[]; connect: ConnectMode }>(context, request, "/api/outreach/accounts"),
    apiJson<Page>(context, request, "/api/outreach/actions?status=draft&limit=100"),
    apiJson<{ items: Array<{ id: string; name: string }> }>(context, request, "/api/users"),
  ]);
  if (!accounts.ok) return { ok: false as const, status: accounts.status, problem: accounts.problem };
  const list = accounts.data.items;
  const account = list.find((a) => a.id === wanted) ?? list[0] ?? null;
  let detail: { rules: Rules | null; usage: Usage | null; log: LogEntry[]; actions: Action[] } | null = null;
  if (account) {
    const base = `/api/outreach/accounts/${encodeURIComponent(account.id)}`;
    const [rules, usage, log, actions] = await Promise.all([
      apiJson<Rules>(context, request, `${base}/rules`),
      apiJson<Usage>(context, request, `${base}/usage`),
      apiJson<{ items: LogEntry[] }>(context, request, `${base}/log`),
      apiJson<Page>(
        context,
        request,
        `/api/outreach/actions?accountId=${encodeURIComponent(account.id)}&limit=50`,
      ),
    ]);
    detail = {
      rules: rules.ok ? rules.data : null,
      usage: usage.ok ? usage.data : null,
      log: log.ok ? log.data.items : [],
      actions: actions.ok ? actions.data.items.filter((a) => a.status !== "draft") : [],
    };
  }
  return {
    ok: true as const,
    accounts: list,
    connect: accounts.data.connect,
    account,
    detail,
    queue: queue.ok ? queue.data.items : [],
    users: users.ok ? users.data.items : [],
  };
}
