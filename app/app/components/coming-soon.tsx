import { useI18n } from "../i18n";
import { useProfile } from "../lib/preferences-context";
import { Notice, PageHeader } from "./page";

/** Placeholder for a section that is not built yet. */
export function ComingSoon({ title, body }: { title: string; body: string }) {
  const { t } = useI18n();
  const { profile } = useProfile();
  return (
    <>
      <PageHeader title={title} />
      <Notice icon="✦" title={t.comingSoon.badge} body={body}>
        <p className="text-xs font-medium" style={{ color: "var(--accent)" }}>
          {t.comingSoon.activeProfile(profile === "company" ? t.header.company : t.header.salesperson)}
        </p>
      </Notice>
    </>
  );
}
