import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, DataTable, FormErrors, FormField, Loading, Notice, useAsync, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";

type Organisation = Schemas["Organisation"];
type Relationship = Schemas["Relationship"];
type Kind = Relationship["kind"];

/** Providers and coordinators of this organisation and whom it serves; add and remove them. */
export function RelationshipsSection({ organisation }: { organisation: Organisation }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const orgId = organisation.id;
  const relationships = useAsync(
    () => unwrap(api.GET("/api/orgs/{orgId}/relationships", { params: { path: { orgId } } })).then((r) => r.items),
    [orgId],
  );
  const [notice, setNotice] = useState<string>();
  const removal = useFormErrors();

  async function remove(relationship: Relationship) {
    setNotice(undefined);
    const done = await removal.run(() =>
      unwrap(api.DELETE("/api/relationships/{relationshipId}", { params: { path: { relationshipId: relationship.id } } })),
    );
    if (done) {
      setNotice(t("removed"));
      await relationships.reload();
    }
  }

  const otherOf = (r: Relationship) => (r.fromOrg.id === orgId ? r.toOrg : r.fromOrg);
  return (
    <section aria-labelledby="org-relationships-title" className="mb-5">
      <h2 id="org-relationships-title" className="h4 mb-4">
        {t("relationshipsTitle")}
      </h2>
      <p>{t("relationshipsIntro")}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={removal.error} />
      {relationships.error ? (
        <FormErrors error={relationships.error} />
      ) : !relationships.data ? (
        <Loading />
      ) : (
        <DataTable<Relationship>
          caption={t("relationshipsTitle")}
          rows={relationships.data}
          rowKey={(r) => r.id}
          empty={t("relationshipsEmpty")}
          columns={[
            { header: t("organisation"), cell: (r) => r.fromOrg.name, rowHeader: true },
            { header: t("relationshipKind"), cell: (r) => t(`kind_${r.kind}`) },
            { header: t("servedOrganisation"), cell: (r) => r.toOrg.name },
            { header: t("since"), cell: (r) => new Date(r.createdAt).toLocaleDateString(locale) },
            {
              header: t("actionsColumn"),
              cell: (r) =>
                r.actions.includes("remove") && (
                  <ConfirmButton question={t("removeRelationshipConfirm", { name: otherOf(r).name })} onConfirm={() => remove(r)}>
                    {t("remove")}
                    <span className="visually-hidden"> {otherOf(r).name}</span>
                  </ConfirmButton>
                ),
            },
          ]}
        />
      )}
      {organisation.actions.includes("manageRelationships") && (
        <AddRelationshipForm
          orgId={orgId}
          onAdded={() => {
            setNotice(t("added"));
            void relationships.reload();
          }}
        />
      )}
    </section>
  );
}

function AddRelationshipForm({ orgId, onAdded }: { orgId: string; onAdded: () => void }) {
  const t = useT(messages);
  const [kind, setKind] = useState<Kind>("provider_of");
  const [otherOrgId, setOtherOrgId] = useState("");
  const [busy, setBusy] = useState(false);
  const { error, fieldError, run } = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const created = await run(() =>
      unwrap(api.POST("/api/orgs/{orgId}/relationships", { params: { path: { orgId } }, body: { kind, otherOrgId: otherOrgId.trim() } })),
    );
    setBusy(false);
    if (created) {
      setOtherOrgId("");
      onAdded();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4" aria-labelledby="add-relationship-title">
      <h3 id="add-relationship-title" className="h5 mb-4">
        {t("addRelationship")}
      </h3>
      <FormErrors error={error} labels={{ "body.otherOrgId": t("otherOrgId"), "body.kind": t("relationshipKind") }} />
      <fieldset disabled={busy}>
        <legend className="visually-hidden">{t("addRelationship")}</legend>
        <FormField
          id="relationship-kind"
          label={t("relationshipKind")}
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          options={[
            { value: "provider_of", label: t("newKind_provider_of") },
            { value: "coordinator_of", label: t("newKind_coordinator_of") },
          ]}
        />
        <FormField
          id="relationship-other"
          label={t("otherOrgId")}
          hint={t("otherOrgIdHint")}
          value={otherOrgId}
          onChange={setOtherOrgId}
          error={fieldError("body.otherOrgId")}
          required
        />
        <button type="submit" className="btn btn-outline-primary">
          {t("add")}
        </button>
      </fieldset>
    </form>
  );
}
