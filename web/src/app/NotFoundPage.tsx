import { Link } from "react-router-dom";
import { useT } from "../i18n/use-t.ts";
import { PageTitle } from "../ui/index.ts";
import { navMessages } from "./navigation/messages.ts";

export function NotFoundPage() {
  const t = useT(navMessages);
  return (
    <>
      <PageTitle>{t("notFound")}</PageTitle>
      <p>{t("notFoundText")}</p>
      <Link to="/">{t("goHome")}</Link>
    </>
  );
}
