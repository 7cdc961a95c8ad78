import { useT } from "../../../i18n/index.ts";
import type { Owner } from "./authoring-api.ts";
import { messages } from "./messages.ts";

/** Where a new path or package goes, when the author may write for both. */
export function OwnerSelect({ id, owners, value, onChange, label }: { id: string; owners: Owner[]; value: Owner; onChange: (o: Owner) => void; label: string }) {
  const t = useT(messages);
  if (owners.length < 2) return null;
  return (
    <div className="mb-3">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value as Owner)}>
        {owners.map((o) => (
          <option key={o} value={o}>
            {o === "platform" ? t("ownerPlatform") : t("ownerOrganisation")}
          </option>
        ))}
      </select>
    </div>
  );
}

