import type { Dictionary } from "../i18n/pt-BR";
import type { Role } from "./types";

export type NavItem = { to: string; label: keyof Dictionary["nav"]; icon: string; roles: Role[] };

/** Sections of the app and who sees them (admins see everything). */
const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "home", icon: "⌂", roles: ["admin", "marketing", "sales"] },
  { to: "/content", label: "content", icon: "✎", roles: ["admin", "marketing"] },
  { to: "/leads", label: "leads", icon: "◎", roles: ["admin", "sales"] },
  { to: "/outreach", label: "outreach", icon: "➤", roles: ["admin", "sales"] },
  { to: "/admin", label: "adminOverview", icon: "◔", roles: ["admin"] },
  { to: "/admin/jobs", label: "jobMonitor", icon: "▤", roles: ["admin"] },
  { to: "/settings", label: "settings", icon: "⚙", roles: ["admin", "marketing", "sales"] },
  { to: "/settings/users", label: "users", icon: "☺", roles: ["admin"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((i) => i.roles.includes(role));
}
