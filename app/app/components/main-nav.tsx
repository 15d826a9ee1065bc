import { NavLink } from "react-router";
import { useI18n } from "../i18n";
import { navFor } from "../lib/navigation";
import type { Role } from "../lib/types";

/** Sections the user's role may open. Vertical on wide screens, wrapping rows on narrow ones. */
export function MainNav({ role, orientation }: { role: Role; orientation: "vertical" | "horizontal" }) {
  const { t } = useI18n();
  const vertical = orientation === "vertical";
  return (
    <nav aria-label={t.nav.label}>
      <ul className={vertical ? "space-y-1" : "flex flex-wrap gap-1"}>
        {navFor(role).map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.to === "/" || item.to === "/admin"}
              className={({ isActive }) =>
                `flex items-center gap-3 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors ${
                  isActive
                    ? "bg-white/15 text-white shadow-inner"
                    : "text-blue-100/80 hover:bg-white/10 hover:text-white"
                }`
              }
            >
              <span aria-hidden="true" className="w-4 text-center">
                {item.icon}
              </span>
              {t.nav[item.label]}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
