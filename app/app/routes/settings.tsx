import { data } from "react-router";
import { PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import type { Problem } from "../lib/types";
import { AlertsList } from "../settings/alerts-list";
import { GuardrailsForm } from "../settings/guardrails-form";
import { NotificationsForm } from "../settings/notifications-form";
import { OutboxList } from "../settings/outbox-list";
import { PricesForm } from "../settings/prices-form";
import { TestJobCard } from "../settings/test-job";
import type {
  FieldErrors,
  GuardrailAlert,
  Guardrails,
  NotificationSettings,
  OutboxItem,
  PriceTable,
  SettingsActionResult,
  UserSummary,
} from "../settings/types";
import type { Route } from "./+types/settings";

export async function loader({ request, context }: Route.LoaderArgs) {
  const me = context.get(userContext);
  const admin = me.role === "admin";
  const [notifications, outbox, guardrails, alerts, users, types, prices] = await Promise.all([
    apiJson<NotificationSettings>(context, request, "/api/me/notifications"),
    apiJson<{ items: OutboxItem[] }>(context, request, "/api/me/notifications/outbox"),
    admin ? apiJson<Guardrails>(context, request, "/api/admin/guardrails") : null,
    admin ? apiJson<{ items: GuardrailAlert[] }>(context, request, "/api/admin/alerts?limit=20") : null,
    admin ? apiJson<{ items: UserSummary[] }>(context, request, "/api/users") : null,
    admin ? apiJson<{ items: Array<{ type: string }> }>(context, request, "/api/jobs/types") : null,
    admin ? apiJson<PriceTable>(context, request, "/api/admin/prices") : null,
  ]);
  if (!notifications.ok) throw data(notifications.problem, { status: notifications.status });
  return {
    admin,
    notifications: notifications.data,
    outbox: outbox.ok ? outbox.data.items : [],
    guardrails: guardrails?.ok ? guardrails.data : null,
    alerts: alerts?.ok ? alerts.data.items : [],
    users: users?.ok ? users.data.items : [],
    jobTypes: types?.ok ? types.data.items.map((t) => t.type) : [],
    prices: prices?.ok ? prices.data : null,
  };
}

/** Keyed by the first path segment, or by the whole path (`gemini-2.5-flash.inputPerMTok`). */
function fieldErrors(
  problem: Problem & { errors?: Array<{ path: string; message: string }> },
  wholePath = false,
): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const field = wholePath ? e.path : (e.path.split(".")[0] ?? "");
    if (field && !out[field]) out[field] = e.message;
  }
  return out;
}

/** PUTs a settings document and shapes the answer for the form that sent it. */
async function save<T>(
  args: Pick<Route.ActionArgs, "request" | "context">,
  intent: SettingsActionResult["intent"],
  path: string,
  body: unknown,
  wholePath = false,
): Promise<SettingsActionResult> {
  const res = await apiJson<T>(args.context, args.request, path, {
    method: "PUT",
    body: JSON.stringify(body),
  });
  return res.ok
    ? ({ intent, ok: true, value: res.data } as SettingsActionResult)
    : {
        intent,
        ok: false,
        detail: res.problem.detail ?? res.problem.title,
        errors: fieldErrors(res.problem, wholePath),
      };
}

/** The admin forms post their whole document as JSON in one `value` field. */
function jsonValue(form: FormData): unknown {
  try {
    return JSON.parse(String(form.get("value")));
  } catch {
    throw data({ detail: "invalid value" }, { status: 400 });
  }
}

export async function action({ request, context }: Route.ActionArgs): Promise<SettingsActionResult> {
  const me = context.get(userContext);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent === "notifications") {
    const text = (k: string) => String(form.get(k) ?? "").trim() || null;
    const body: NotificationSettings = {
      enabled: form.get("enabled") === "on",
      onlyFailures: form.get("onlyFailures") === "on",
      email: text("email"),
      slackWebhookUrl: text("slackWebhookUrl"),
    };
    return save<NotificationSettings>({ request, context }, intent, "/api/me/notifications", body);
  }
  if (intent === "guardrails" || intent === "prices") {
    if (me.role !== "admin") throw data({ detail: "forbidden" }, { status: 403 });
    return intent === "guardrails"
      ? save<Guardrails>({ request, context }, intent, "/api/admin/guardrails", jsonValue(form))
      : // Model names contain dots: keep the whole error path ("gemini-2.5-flash.inputPerMTok").
        save<PriceTable>({ request, context }, intent, "/api/admin/prices", jsonValue(form), true);
  }
  throw data({ detail: "unknown intent" }, { status: 400 });
}

export function meta() {
  return [{ title: "Lifetrek — Configurações" }];
}

export default function Settings({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  const s = t.settingsPage;
  const d = loaderData;
  return (
    <>
      <PageHeader title={s.title} subtitle={s.subtitle} />
      <div className="space-y-6">
        <div className="grid gap-6 xl:grid-cols-2">
          <NotificationsForm value={d.notifications} />
          <div className="space-y-6">
            <TestJobCard />
            <OutboxList items={d.outbox} />
          </div>
        </div>
        {d.admin && d.guardrails && (
          <div className="grid items-start gap-6 xl:grid-cols-[3fr_2fr]">
            <div className="space-y-6">
              <GuardrailsForm value={d.guardrails} jobTypes={d.jobTypes} />
              {d.prices && <PricesForm value={d.prices} />}
            </div>
            <AlertsList items={d.alerts} users={d.users} />
          </div>
        )}
      </div>
    </>
  );
}
