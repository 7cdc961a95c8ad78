import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { FormErrors, Loading, useAsync, useFormErrors } from "../../ui/index.ts";
import { editKeyHeaders, loadCommunities, loadRecipients, type IntelItem, type SharingChoice } from "./intel-api.ts";
import { messages } from "./messages.ts";
import { SharingFields, sharingBody } from "./SharingFields.tsx";

/** Changing an item's TLP and recipients (relaxing included): only its author's organisation or the edit key's holder. */
export function ShareEditor({ item, editKey, onSaved }: { item: IntelItem; editKey: string | null; onSaved: () => Promise<void> }) {
  const t = useT(messages);
  const { session } = useSession();
  const setup = useAsync(async () => {
    const communities = await loadCommunities();
    return { communities, ...(await loadRecipients(session!, communities)) };
  }, [item.id]);
  const [value, setValue] = useState<SharingChoice>({
    tlp: item.tlp,
    communityIds: item.sharing?.communityIds ?? item.communityIds,
    recipientOrgIds: item.sharing?.recipientOrgIds ?? [],
    recipientUserIds: item.sharing?.recipientUserIds ?? [],
    providersAllowed: item.sharing?.providersAllowed ?? false,
  });
  const { error, run, fieldError } = useFormErrors();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(api.PUT("/api/intel/items/{intelItemId}/sharing", { params: { path: { intelItemId: item.id }, header: editKeyHeaders(editKey) }, body: sharingBody(value) }));
      await onSaved();
    });
  };
  return (
    <details className="mb-4">
      <summary>{t("changeSharing")}</summary>
      {!setup.data ? (
        setup.error ? <FormErrors error={setup.error} /> : <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <FormErrors error={error} />
          <SharingFields value={value} onChange={setValue} communities={setup.data.communities} organisations={setup.data.organisations} people={setup.data.people} fieldError={fieldError} />
          <button type="submit" className="btn btn-primary btn-sm">
            {t("saveSharing")}
          </button>
        </form>
      )}
    </details>
  );
}
