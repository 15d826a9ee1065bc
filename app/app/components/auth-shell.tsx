import type { ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../i18n";
import { LanguageSelect, ThemeToggle } from "./preference-controls";

/** The signed-out pages (invitation, password reset): one centred column, like sign-in. */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="flex min-h-screen flex-col">
      <div className="flex justify-end gap-2 p-4">
        <LanguageSelect />
        <ThemeToggle />
      </div>
      <div className="flex flex-1 items-center justify-center px-6 pb-16">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {children}
          <p className="mt-6 text-sm">
            <Link to="/sign-in" className="text-brand-blue hover:underline">
              {t.accounts.back}
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}

export function FormMessage({
  kind,
  id,
  children,
}: {
  kind: "error" | "ok";
  id?: string;
  children: ReactNode;
}) {
  const tone =
    kind === "error"
      ? "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-200"
      : "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200";
  return (
    <p
      id={id}
      role={kind === "error" ? "alert" : "status"}
      className={`rounded-md px-3 py-2 text-sm ${tone}`}
    >
      {children}
    </p>
  );
}
