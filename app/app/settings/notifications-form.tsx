import { useEffect } from "react";
import { useFetcher } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { Checkbox, describe, FormField, invalidInput } from "./fields";
import type { NotificationSettings, SettingsActionResult } from "./types";

/** "Notificações": on/off, only failures, email and Slack webhook, saved through the route action. */
export function NotificationsForm({ value }: { value: NotificationSettings }) {
  const { t } = useI18n();
  const s = t.settingsPage;
  const fetcher = useFetcher<SettingsActionResult>();
  const busy = fetcher.state !== "idle";
  const result = fetcher.data?.intent === "notifications" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.errors : {};

  useEffect(() => {
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) toast.success(s.notifications.saved);
    else toast.error(Object.keys(result.errors).length ? s.saveFailed : result.detail);
  }, [result, fetcher.state, s]);

  const emailError = errors.email ? s.notifications.invalidEmail : undefined;
  const slackError = errors.slackWebhookUrl ? s.notifications.invalidSlack : undefined;

  return (
    <Card labelledBy="notifications-title">
      <h2 id="notifications-title" className="text-base font-semibold">
        {s.notifications.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{s.notifications.body}</p>
      <fetcher.Form
        method="post"
        noValidate
        className="mt-4 space-y-4"
        key={JSON.stringify(value)}
        aria-busy={busy}
      >
        <input type="hidden" name="intent" value="notifications" />
        <div className="space-y-2">
          <Checkbox name="enabled" label={s.notifications.enabled} defaultChecked={value.enabled} />
          <Checkbox
            name="onlyFailures"
            label={s.notifications.onlyFailures}
            defaultChecked={value.onlyFailures}
          />
        </div>
        <FormField
          id="notify-email"
          label={s.notifications.email}
          hint={s.notifications.emailHint}
          error={emailError}
        >
          <input
            {...describe("notify-email", emailError, s.notifications.emailHint)}
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={value.email ?? ""}
            className={`${inputClass} ${emailError ? invalidInput : ""}`}
          />
        </FormField>
        <FormField
          id="notify-slack"
          label={s.notifications.slack}
          hint={s.notifications.slackHint}
          error={slackError}
        >
          <input
            {...describe("notify-slack", slackError, s.notifications.slackHint)}
            name="slackWebhookUrl"
            type="url"
            inputMode="url"
            placeholder="https://hooks.slack.com/services/…"
            defaultValue={value.slackWebhookUrl ?? ""}
            className={`${inputClass} ${slackError ? invalidInput : ""}`}
          />
        </FormField>
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? s.saving : s.save}
        </button>
      </fetcher.Form>
    </Card>
  );
}
