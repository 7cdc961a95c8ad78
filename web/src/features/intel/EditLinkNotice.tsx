import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import { useT } from "../../i18n/index.ts";
import { editLinkOf } from "./intel-api.ts";
import { CopyButton } from "./IndicatorTable.tsx";
import { itemPath } from "./paths.ts";
import { publishMessages } from "./publish-messages.ts";

/** After publishing: a link to the item and, for an anonymous one, its private edit link, shown this once. */
export function PublishedNotice({ itemId, editKey, extra }: { itemId: string; editKey: string | null; extra?: string }) {
  const t = useT(publishMessages);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const link = editKey ? editLinkOf(itemId, editKey) : null;
  return (
    <div ref={box} tabIndex={-1} className="mb-4" data-published>
      <h2 className="h4">{t("publishedTitle")}</h2>
      {extra && <p>{extra}</p>}
      {link && (
        <div role="alert" className="alert alert-warning">
          <h3 className="h5">{t("editLinkTitle")}</h3>
          <p>{t("editLinkWarning")}</p>
          <label htmlFor="edit-link" className="active fw-semibold d-block">
            {t("editLinkLabel")}
          </label>
          <input id="edit-link" className="form-control edit-link-box mb-2" readOnly value={link} onFocus={(e) => e.target.select()} />
          <CopyButton value={link} />
        </div>
      )}
      <Link to={itemPath(itemId)}>{t("openItem")}</Link>
    </div>
  );
}
