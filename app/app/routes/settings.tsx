import { ComingSoon } from "../components/coming-soon";
import { Forbidden } from "../components/page";
import { useI18n } from "../i18n";
import { userContext } from "../lib/session.server";
import type { Role } from "../lib/types";
import type { Route } from "./+types/settings";

const ROLES: Role[] = ["admin"];

export function loader({ context }: Route.LoaderArgs) {
  return { allowed: ROLES.includes(context.get(userContext).role) };
}

export default function Page({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  if (!loaderData.allowed) return <Forbidden />;
  return <ComingSoon title={t.nav.settings} body={t.comingSoon.settings} />;
}
