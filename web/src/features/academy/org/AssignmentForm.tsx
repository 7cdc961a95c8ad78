import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../../api/client.ts";
import type { Role } from "../../../api/types.ts";
import { useT } from "../../../i18n/index.ts";
import { FormErrors, FormField, Notice, useAsync, useFormErrors } from "../../../ui/index.ts";
import { messages } from "./messages.ts";

const roles: Role[] = ["employee", "it_operator", "security_manager", "auditor", "viewer", "admin"];
const today = () => new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Rome" });

/** The form that assigns a path; the server resolves the people and refuses what is wrong, naming the field. */
export function AssignmentForm({ orgId, onAssigned }: { orgId: string; onAssigned: () => void }) {
  const t = useT(messages);
  const paths = useAsync(() => unwrap(api.GET("/api/academy/paths")), []);
  const { error, fieldError, run } = useFormErrors();
  const [pathSlug, setPathSlug] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [chosenRoles, setChosenRoles] = useState<Role[]>([]);
  const [offices, setOffices] = useState("");
  const [managementBody, setManagementBody] = useState(false);
  const [followsMembers, setFollowsMembers] = useState(true);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    const created = await run(() =>
      unwrap(
        api.POST("/api/orgs/{orgId}/academy/assignments", {
          params: { path: { orgId } },
          body: {
            pathSlug,
            dueOn,
            target: { roles: chosenRoles, offices: offices.split(",").map((o) => o.trim()).filter(Boolean), managementBody, userIds: [] },
            followsMembers,
          },
        }),
      ),
    );
    setBusy(false);
    if (created) {
      setDone(created.assigned);
      onAssigned();
    }
  };
  const targetError = fieldError("body.target");
  return (
    <form onSubmit={submit} noValidate className="mb-5" aria-labelledby="new-assignment">
      <h2 id="new-assignment" className="h4">{t("newAssignment")}</h2>
      <FormErrors error={error} labels={{ "body.pathSlug": t("path"), "body.dueOn": t("dueOn"), "body.target": t("target") }} />
      {done !== null && <Notice kind="success">{t("assigned", { count: done })}</Notice>}
      <FormField
        label={t("path")}
        value={pathSlug}
        onChange={setPathSlug}
        required
        error={fieldError("body.pathSlug")}
        options={[{ value: "", label: t("choosePath") }, ...(paths.data?.items ?? []).filter((p) => p.language === "it" || !paths.data?.items.some((q) => q.slug === p.slug && q.language === "it")).map((p) => ({ value: p.slug, label: p.title }))]}
      />
      <FormField label={t("dueOn")} type="date" min={today()} value={dueOn} onChange={setDueOn} required error={fieldError("body.dueOn")} />
      <fieldset className="mb-4" aria-describedby={targetError ? "target-error" : undefined}>
        <legend className="h6">{t("roles")}</legend>
        {roles.map((role) => (
          <div className="form-check form-check-inline" key={role}>
            <input
              className="form-check-input"
              type="checkbox"
              id={`role-${role}`}
              checked={chosenRoles.includes(role)}
              onChange={(e) => setChosenRoles(e.target.checked ? [...chosenRoles, role] : chosenRoles.filter((r) => r !== role))}
            />
            <label className="form-check-label" htmlFor={`role-${role}`}>
              {t(`role.${role}`)}
            </label>
          </div>
        ))}
        {targetError && (
          <div id="target-error" className="invalid-feedback d-block">
            {targetError}
          </div>
        )}
      </fieldset>
      <FormField label={t("offices")} value={offices} onChange={setOffices} hint={t("officesHint")} />
      <div className="form-check mb-3">
        <input className="form-check-input" type="checkbox" id="management-body" checked={managementBody} onChange={(e) => setManagementBody(e.target.checked)} />
        <label className="form-check-label" htmlFor="management-body">{t("managementBody")}</label>
      </div>
      <div className="form-check mb-4">
        <input className="form-check-input" type="checkbox" id="follows-members" checked={followsMembers} onChange={(e) => setFollowsMembers(e.target.checked)} />
        <label className="form-check-label" htmlFor="follows-members">{t("followsMembers")}</label>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t("assigning") : t("assign")}
      </button>
    </form>
  );
}
