import { useEffect } from "react";
import { data, useFetcher } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, Forbidden, inputClass, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import type { Route } from "./+types/settings-users";

type User = { id: string; name: string; email: string; role: string; active: boolean };
type Invite = { id: string; email: string; role: string; expiresAt: string };
type SystemAlert = { id: string; kind: string; message: string; count: number; lastSeenAt: string };
type Result =
  | { intent: "invite"; ok: true; delivery: "sent" | "undeliverable"; link: string | null }
  | { intent: "user"; ok: true }
  | { intent: "invite" | "user"; ok: false; detail: string };

const ROLES = ["admin", "marketing", "sales"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const me = context.get(userContext);
  if (me.role !== "admin")
    return data(
      { allowed: false as const, meId: me.id, users: [], invites: [], alerts: [] },
      { status: 403 },
    );
  const [users, invites, alerts] = await Promise.all([
    apiJson<{ items: User[] }>(context, request, "/api/admin/users"),
    apiJson<{ items: Invite[] }>(context, request, "/api/admin/invites"),
    apiJson<{ items: SystemAlert[] }>(context, request, "/api/admin/system-alerts"),
  ]);
  if (!users.ok) throw data(users.problem, { status: users.status });
  return {
    allowed: true as const,
    meId: me.id,
    users: users.data.items,
    invites: invites.ok ? invites.data.items : [],
    alerts: alerts.ok ? alerts.data.items : [],
  };
}

export async function action({ request, context }: Route.ActionArgs): Promise<Result> {
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent === "invite") {
    const res = await apiJson<{ delivery: "sent" | "undeliverable"; link: string | null }>(
      context,
      request,
      "/api/admin/invites",
      {
        method: "POST",
        body: JSON.stringify({
          email: String(form.get("email") ?? "").trim(),
          role: String(form.get("role")),
          locale: String(form.get("locale") ?? "pt-BR"),
        }),
      },
    );
    return res.ok
      ? { intent, ok: true, delivery: res.data.delivery, link: res.data.link }
      : { intent, ok: false, detail: res.problem.detail ?? res.problem.title };
  }
  const id = String(form.get("id"));
  const body = form.has("role")
    ? { role: String(form.get("role")) }
    : { active: form.get("active") === "true" };
  const res = await apiJson(context, request, `/api/admin/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: JSON.stringify(body),
  });
  return res.ok
    ? { intent: "user", ok: true }
    : { intent: "user", ok: false, detail: res.problem.detail ?? res.problem.title };
}

export function meta() {
  return [{ title: "Lifetrek — Usuários" }];
}

function UserRow({ u, self }: { u: User; self: boolean }) {
  const { t } = useI18n();
  const a = t.accounts;
  const fetcher = useFetcher<Result>();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) toast.success(a.saved);
    else toast.error(fetcher.data.detail);
  }, [fetcher.state, fetcher.data, a]);
  return (
    <tr data-user={u.email} className="border-t border-slate-100 dark:border-slate-800">
      <td className="py-2 pr-3">
        {u.name}
        {self && <span className="ml-1 text-xs text-slate-500">({a.you})</span>}
      </td>
      <td className="py-2 pr-3 text-slate-600 dark:text-slate-300">{u.email}</td>
      <td className="py-2 pr-3">
        <select
          aria-label={`${a.role}: ${u.email}`}
          className={inputClass}
          defaultValue={u.role}
          disabled={self}
          onChange={(e) =>
            fetcher.submit({ intent: "user", id: u.id, role: e.currentTarget.value }, { method: "post" })
          }
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {a.roles[r]}
            </option>
          ))}
        </select>
      </td>
      <td className="py-2 pr-3">{u.active ? a.active : a.inactive}</td>
      <td className="py-2">
        {!self && (
          <button
            type="button"
            className={u.active ? buttonClass.danger : buttonClass.secondary}
            onClick={() =>
              fetcher.submit({ intent: "user", id: u.id, active: String(!u.active) }, { method: "post" })
            }
          >
            {u.active ? a.deactivate : a.reactivate}
          </button>
        )}
      </td>
    </tr>
  );
}

function InviteForm() {
  const { t, locale } = useI18n();
  const a = t.accounts;
  const fetcher = useFetcher<Result>();
  const r = fetcher.data?.intent === "invite" ? fetcher.data : undefined;
  return (
    <Card labelledBy="invite-title">
      <h2 id="invite-title" className="text-base font-semibold">
        {a.inviteTitle}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{a.inviteBody}</p>
      <fetcher.Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="invite" />
        <input type="hidden" name="locale" value={locale} />
        <label className="flex flex-col gap-1 text-xs font-medium">
          {a.email}
          <input name="email" type="email" required className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          {a.role}
          <select name="role" className={inputClass} defaultValue="marketing">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {a.roles[role]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass.primary} disabled={fetcher.state !== "idle"}>
          {a.inviteSubmit}
        </button>
      </fetcher.Form>
      {r && (
        <div role="status" className="mt-3 space-y-1 text-sm">
          <p>{!r.ok ? r.detail : r.delivery === "sent" ? a.inviteSent : a.inviteUndeliverable}</p>
          {r.ok && r.link && (
            <p>
              {a.inviteLink}{" "}
              <a href={r.link} className="break-all text-brand-blue underline" data-testid="invite-link">
                {r.link}
              </a>
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

/** Settings → Users (admin): invitations, roles, (de)activation and system alerts. */
export default function SettingsUsers({ loaderData }: Route.ComponentProps) {
  const { t, fmt } = useI18n();
  const a = t.accounts;
  if (!loaderData.allowed) return <Forbidden />;
  return (
    <>
      <PageHeader title={a.title} subtitle={a.subtitle} />
      <div className="space-y-6">
        <InviteForm />
        <Card labelledBy="users-title">
          <h2 id="users-title" className="text-base font-semibold">
            {a.title}
          </h2>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-3">{a.name}</th>
                <th className="py-1 pr-3">{a.email}</th>
                <th className="py-1 pr-3">{a.role}</th>
                <th className="py-1 pr-3">{a.status}</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {loaderData.users.map((u) => (
                <UserRow key={u.id} u={u} self={u.id === loaderData.meId} />
              ))}
            </tbody>
          </table>
          {loaderData.invites.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-semibold">{a.pending}</h3>
              <ul className="mt-1 text-sm">
                {loaderData.invites.map((i) => (
                  <li key={i.id}>
                    {i.email} · {a.roles[i.role] ?? i.role} · {a.expires} {fmt.dateTime(i.expiresAt)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
        <Card labelledBy="system-alerts-title">
          <h2 id="system-alerts-title" className="text-base font-semibold">
            {a.systemAlerts}
          </h2>
          {loaderData.alerts.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">{a.noAlerts}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {loaderData.alerts.map((al) => (
                <li key={al.id} data-kind={al.kind}>
                  {al.message} (×{al.count}, {fmt.dateTime(al.lastSeenAt)})
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
