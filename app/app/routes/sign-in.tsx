import { data, Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { Brand } from "../components/brand";
import { buttonClass, inputClass } from "../components/page";
import { LanguageSelect, ThemeToggle } from "../components/preference-controls";
import { useI18n } from "../i18n";
import { apiFetch, forwardCookies, getMe } from "../lib/api.server";
import { safeNext } from "../lib/session.server";
import type { Route } from "./+types/sign-in";

export async function loader({ request, context }: Route.LoaderArgs) {
  if (await getMe(context, request)) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const next = safeNext(form.get("next"));
  let res: Response;
  try {
    res = await apiFetch(context, request, "/api/auth/sign-in/email", {
      method: "POST",
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return data({ error: "unavailable" as const, email }, { status: 503 });
  }
  if (res.ok) return redirect(next, { headers: forwardCookies(res) });
  const error = res.status >= 500 ? ("unavailable" as const) : ("invalid" as const);
  return data({ error, email }, { status: res.status >= 500 ? 503 : 401 });
}

export function meta() {
  return [{ title: "Lifetrek — Entrar" }];
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  const error = actionData?.error;

  return (
    <div className="grid min-h-screen lg:grid-cols-2">
      <section
        className="brand-gradient relative hidden flex-col justify-between p-12 text-white lg:flex"
        aria-hidden="true"
      >
        <Brand />
        <div className="max-w-md space-y-4">
          <p className="text-sm font-medium uppercase tracking-widest text-blue-200">{t.app.tagline}</p>
          <p className="text-4xl font-semibold leading-tight">{t.signIn.heroTitle}</p>
          <p className="text-blue-100/80">{t.signIn.heroBody}</p>
        </div>
        <div className="flex gap-2">
          <span className="h-1 w-16 rounded-full bg-brand-blue" />
          <span className="h-1 w-10 rounded-full bg-brand-green" />
          <span className="h-1 w-6 rounded-full bg-brand-orange" />
        </div>
      </section>

      <main className="flex flex-col">
        <div className="flex justify-end gap-2 p-4">
          <LanguageSelect />
          <ThemeToggle />
        </div>
        <div className="flex flex-1 items-center justify-center px-6 pb-16">
          <div className="w-full max-w-sm">
            <div className="brand-gradient mb-8 inline-flex rounded-xl p-3 lg:hidden">
              <Brand />
            </div>
            <h1 className="text-2xl font-semibold tracking-tight">{t.signIn.heading}</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t.signIn.subtitle}</p>
            {(params.get("accepted") || params.get("reset")) && (
              <p
                role="status"
                className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200"
              >
                {params.get("accepted") ? t.accounts.accepted : t.accounts.resetDone}
              </p>
            )}
            <Form
              method="post"
              className="mt-8 space-y-5"
              aria-describedby={error ? "sign-in-error" : undefined}
            >
              <input type="hidden" name="next" value={params.get("next") ?? "/"} />
              <label className="block space-y-1.5">
                <span className="text-sm font-medium">{t.signIn.email}</span>
                <input
                  className={`${inputClass} w-full py-2`}
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  defaultValue={actionData?.email}
                  aria-invalid={error === "invalid" || undefined}
                />
              </label>
              <label className="block space-y-1.5">
                <span className="text-sm font-medium">{t.signIn.password}</span>
                <input
                  className={`${inputClass} w-full py-2`}
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  required
                  aria-invalid={error === "invalid" || undefined}
                />
              </label>
              {error && (
                <p
                  id="sign-in-error"
                  role="alert"
                  className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200"
                >
                  {error === "invalid" ? t.signIn.invalid : t.signIn.unavailable}
                </p>
              )}
              <button type="submit" className={`${buttonClass.primary} w-full py-2.5`} disabled={submitting}>
                {submitting ? t.signIn.submitting : t.signIn.submit}
              </button>
            </Form>
            <p className="mt-4 text-sm">
              <Link to="/forgot-password" className="text-brand-blue hover:underline">
                {t.accounts.forgot}
              </Link>
            </p>
          </div>
        </div>
      </main>
    </div>
  );
}
