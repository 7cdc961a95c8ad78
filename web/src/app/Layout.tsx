import { Link, Outlet } from "react-router-dom";
import { useT } from "../i18n/use-t.ts";
import { LanguageSwitch } from "./navigation/LanguageSwitch.tsx";
import { navMessages } from "./navigation/messages.ts";
import { Navigation } from "./navigation/Navigation.tsx";
import { OrganisationSwitcher } from "./navigation/OrganisationSwitcher.tsx";
import { UserMenu } from "./navigation/UserMenu.tsx";
import { useSession } from "./session.tsx";

/** The page frame: skip links, Bootstrap Italia header, main content, footer. */
export function Layout() {
  const t = useT(navMessages);
  const { session } = useSession();
  return (
    <>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#main">
          {t("skipToContent")}
        </a>
        {/* the navigation shows to visitors too (public pages), not to a half-signed-in session */}
        {!session?.pending && (
          <a className="visually-hidden-focusable" href="#navigation">
            {t("skipToNavigation")}
          </a>
        )}
      </div>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="it-header-slim-wrapper-content d-flex flex-wrap align-items-center justify-content-between gap-2 py-1">
              <span className="text-white d-none d-md-inline">{t("tagline")}</span>
              <div className="d-flex flex-wrap align-items-center ms-auto gap-2">
                <OrganisationSwitcher />
                <LanguageSwitch />
                <UserMenu />
              </div>
            </div>
          </div>
        </div>
        <div className="it-header-center-wrapper it-small-header">
          <div className="container">
            <div className="it-header-center-content-wrapper">
              <div className="it-brand-wrapper">
                <Link to="/">
                  <div className="it-brand-text">
                    <div className="it-brand-title">Cittadella</div>
                  </div>
                </Link>
              </div>
            </div>
          </div>
        </div>
        <Navigation />
      </header>
      <main id="main" tabIndex={-1} className="container my-5">
        <Outlet />
      </main>
      <footer className="it-footer">
        <div className="it-footer-small-prints">
          <div className="container py-3">
            <p className="text-white mb-1">{t("footer")}</p>
            <a className="text-white" href="/api/docs">
              {t("apiDocs")}
            </a>
          </div>
        </div>
      </footer>
    </>
  );
}
