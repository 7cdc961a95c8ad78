import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useT } from "../../i18n/index.ts";
import { messages } from "./messages.ts";

type Member = Schemas["Member"];
type Run = <T>(action: () => Promise<T>) => Promise<T | undefined>;

/**
 * Where a member works: the office and whether they sit in the management body. Academy
 * assignments and training reports group people by them (NIS2 tracks the management body's
 * training on its own). Admins edit it inline; others read it.
 */
export function MemberWorkplace({ orgId, member, run, onSaved }: { orgId: string; member: Member; run: Run; onSaved: (m: Member) => void }) {
  const t = useT(messages);
  const [office, setOffice] = useState(member.office ?? "");
  const [managementBody, setManagementBody] = useState(member.managementBody);
  const [saving, setSaving] = useState(false);
  if (!member.actions.includes("setWorkplace")) {
    return (
      <>
        {member.office ?? "—"}
        {member.managementBody && <span className="badge bg-secondary ms-2">{t("managementBody")}</span>}
      </>
    );
  }
  const changed = office.trim() !== (member.office ?? "") || managementBody !== member.managementBody;
  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const updated = await run(() =>
      unwrap(
        api.PUT("/api/orgs/{orgId}/members/{userId}/workplace", {
          params: { path: { orgId, userId: member.userId } },
          body: { office: office.trim() || null, managementBody },
        }),
      ),
    );
    setSaving(false);
    if (updated) onSaved({ ...member, office: updated.office, managementBody: updated.managementBody });
  }
  const id = `workplace-${member.userId}`;
  return (
    <form className="d-flex flex-wrap gap-2 align-items-center" onSubmit={save} aria-busy={saving}>
      <input
        id={`${id}-office`}
        className="form-control form-control-sm"
        style={{ maxWidth: "12rem" }}
        aria-label={t("officeOf", { name: member.name })}
        value={office}
        maxLength={120}
        onChange={(e) => setOffice(e.target.value)}
      />
      <div className="form-check mb-0">
        <input id={`${id}-body`} type="checkbox" className="form-check-input" checked={managementBody} onChange={(e) => setManagementBody(e.target.checked)} />
        <label htmlFor={`${id}-body`} className="form-check-label small" title={t("managementBodyOf", { name: member.name })}>
          {t("managementBody")}
          <span className="visually-hidden"> — {member.name}</span>
        </label>
      </div>
      {changed && (
        <button type="submit" className="btn btn-sm btn-outline-primary" disabled={saving}>
          {t("saveWorkplace")}
          <span className="visually-hidden"> {member.name}</span>
        </button>
      )}
    </form>
  );
}
