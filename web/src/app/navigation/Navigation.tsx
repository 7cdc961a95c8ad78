import { useState } from "react";
import { NavLink } from "react-router-dom";
import { useT } from "../../i18n/use-t.ts";
import { routes, type AppRoute } from "../routes.tsx";
import type { SessionInfo } from "../../api/types.ts";
import { useSession } from "../session.tsx";
import { navMessages, type NavSection } from "./messages.ts";

const sectionOrder: NavSection[] = ["main", "organisation", "administration", "account"];

/** The routes the current user may open, in navigation order. */
export function visibleNavRoutes(role: string | null | undefined, session?: SessionInfo): AppRoute[] {
  return routes
    .filter((r) => r.nav && (!r.roles || (role != null && r.roles.includes(role as never))))
    .filter((r) => !r.navWhen || (session !== undefined && r.navWhen(session)))
    .sort((a, b) => sectionOrder.indexOf(a.nav!.section) - sectionOrder.indexOf(b.nav!.section));
}

/** The header's navigation bar, built from the route table and filtered by role. */
export function Navigation() {
  const t = useT(navMessages);
  const { session } = useSession();
  const [open, setOpen] = useState(false);
  if (session?.pending) return null;
  // signed out: the public pages with an entry (the academy), so visitors find them too
  const items = session ? visibleNavRoutes(session.role, session) : routes.filter((r) => r.nav && r.access === "public");
  return (
    <div className="it-header-navbar-wrapper">
      <div className="container">
        <nav className="navbar navbar-expand-lg has-megamenu" aria-label={t("navigation")} id="navigation">
          <button
            type="button"
            className="custom-navbar-toggler"
            aria-controls="nav-items"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            <span className="text-white fw-semibold">{t("menu")}</span>
          </button>
          <div className={`navbar-collapsable app-nav ${open ? "app-nav-open" : ""}`} id="nav-items">
            <div className="menu-wrapper">
              <ul className="navbar-nav">
                {items.map((r) => (
                  <li className="nav-item" key={r.path}>
                    <NavLink
                      end={r.path === "/"}
                      to={r.path}
                      className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}
                      onClick={() => setOpen(false)}
                    >
                      <span>{t(r.nav!.labelKey)}</span>
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </nav>
      </div>
    </div>
  );
}
