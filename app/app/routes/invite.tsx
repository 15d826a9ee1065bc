import { data, Form, redirect, useNavigation } from "react-router";
import { AuthShell, FormMessage } from "../components/auth-shell";
import { buttonClass, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import type { Route } from "./+types/invite";

type Preview = { email: string; role: string; expiresAt: string };

export async function loader({ request, context }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const res = await apiJson<Preview>(
    context,
    request,
    `/api/invites/preview?token=${encodeURIComponent(token)}`,
  );
  return { token, invite: res.ok ? res.data : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const res = await apiJson(context, request, "/api/invites/accept", {
    method: "POST",
    body: JSON.stringify({
      token: String(form.get("token") ?? ""),
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
    }),
  });
  if (res.ok) return redirect("/sign-in?accepted=1");
  return data(
    { error: res.status === 410 ? ("gone" as const) : ("invalid" as const) },
    { status: res.status },
  );
}

export function meta() {
  return [{ title: "Lifetrek — Convite" }];
}

/** "Aceitar convite": the invited person picks a name and password; the link works once. */
export default function Invite({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const a = t.accounts;
  const busy = useNavigation().state === "submitting";
  const invite = loaderData.invite;
  if (!invite || actionData?.error === "gone") {
    return (
      <AuthShell title={a.acceptTitle}>
        <div className="mt-6">
          <FormMessage kind="error">{a.acceptGone}</FormMessage>
        </div>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={a.acceptTitle}>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {a.acceptBody.replace("{role}", a.roles[invite.role] ?? invite.role)}
      </p>
      <Form method="post" className="mt-6 space-y-4">
        <input type="hidden" name="token" value={loaderData.token} />
        <label className="block space-y-1.5">
          <span className="text-sm font-medium">{a.email}</span>
          <input className={`${inputClass} w-full py-2`} value={invite.email} readOnly name="email" />
        </label>
        <label className="block space-y-1.5">
          <span className="text-sm font-medium">{a.name}</span>
          <input
            className={`${inputClass} w-full py-2`}
            name="name"
            required
            maxLength={120}
            autoComplete="name"
          />
        </label>
        <label className="block space-y-1.5">
          <span className="text-sm font-medium">{a.password}</span>
          <input
            className={`${inputClass} w-full py-2`}
            type="password"
            name="password"
            required
            minLength={12}
            autoComplete="new-password"
          />
        </label>
        {actionData?.error === "invalid" && <FormMessage kind="error">{a.resetInvalid}</FormMessage>}
        <button type="submit" className={`${buttonClass.primary} w-full py-2.5`} disabled={busy}>
          {a.acceptSubmit}
        </button>
      </Form>
    </AuthShell>
  );
}
