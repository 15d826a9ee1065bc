import { data, Form, redirect, useNavigation, useSearchParams } from "react-router";
import { AuthShell, FormMessage } from "../components/auth-shell";
import { buttonClass, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import type { Route } from "./+types/reset-password";

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const res = await apiJson(context, request, "/api/auth/reset-password", {
    method: "POST",
    body: JSON.stringify({
      token: String(form.get("token") ?? ""),
      newPassword: String(form.get("password") ?? ""),
    }),
  });
  if (res.ok) return redirect("/sign-in?reset=1");
  return data({ error: true }, { status: 400 });
}

export function meta() {
  return [{ title: "Lifetrek — Nova senha" }];
}

/** Opened from the emailed reset link (`?token=`); the token works once and for one hour. */
export default function ResetPassword({ actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const a = t.accounts;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <AuthShell title={a.resetTitle}>
      <Form method="post" className="mt-6 space-y-4">
        <input type="hidden" name="token" value={params.get("token") ?? ""} />
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
        {actionData?.error && <FormMessage kind="error">{a.resetInvalid}</FormMessage>}
        <button type="submit" className={`${buttonClass.primary} w-full py-2.5`} disabled={busy}>
          {a.resetSubmit}
        </button>
      </Form>
    </AuthShell>
  );
}
