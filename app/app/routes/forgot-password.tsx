import { Form, useNavigation } from "react-router";
import { AuthShell, FormMessage } from "../components/auth-shell";
import { buttonClass, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import type { Route } from "./+types/forgot-password";

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  // Better Auth answers the same whether or not the account exists (no account probing).
  const res = await apiJson(context, request, "/api/auth/request-password-reset", {
    method: "POST",
    body: JSON.stringify({ email: String(form.get("email") ?? "").trim() }),
  });
  return { sent: res.ok };
}

export function meta() {
  return [{ title: "Lifetrek — Redefinir senha" }];
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const a = t.accounts;
  const busy = useNavigation().state === "submitting";
  return (
    <AuthShell title={a.forgotTitle}>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{a.forgotBody}</p>
      <Form method="post" className="mt-6 space-y-4">
        <label className="block space-y-1.5">
          <span className="text-sm font-medium">{a.email}</span>
          <input
            className={`${inputClass} w-full py-2`}
            type="email"
            name="email"
            required
            autoComplete="username"
          />
        </label>
        {actionData && (
          <FormMessage kind={actionData.sent ? "ok" : "error"}>
            {actionData.sent ? a.forgotSent : t.signIn.unavailable}
          </FormMessage>
        )}
        <button type="submit" className={`${buttonClass.primary} w-full py-2.5`} disabled={busy}>
          {a.forgotSubmit}
        </button>
      </Form>
    </AuthShell>
  );
}
