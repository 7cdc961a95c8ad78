import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { FormField, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { loadCommunities, loadRecipients, type Community, type Organisation, type Person, type SharingChoice } from "./intel-api.ts";
import { messages } from "./messages.ts";
import { intelPaths } from "./paths.ts";
import { publishMessages } from "./publish-messages.ts";
import { SharingFields } from "./SharingFields.tsx";

/** What every publishing form needs to offer recipients. */
export interface PublishSetup {
  communities: Community[];
  organisations: Organisation[];
  people: Person[];
}

/** A publishing page: title, back link, and the recipients loaded before the form shows. */
export function PublishFrame({ title, children }: { title: string; children: (setup: PublishSetup) => ReactNode }) {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  const { session } = useSession();
  const setup = useAsync(async () => {
    const communities = await loadCommunities();
    return { communities, ...(await loadRecipients(session!, communities)) };
  }, [orgId]);
  return (
    <>
      <p>
        <Link to={intelPaths.hub}>{t("backToHub")}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {orgId && session ? <PageData state={setup}>{(data) => <div key={orgId}>{children(data)}</div>}</PageData> : <NoOrganisation />}
    </>
  );
}

export interface PublishOptionsValue {
  sharing: SharingChoice;
  anonymous: boolean;
  draft: boolean;
  validUntil: string;
}

/** Sharing, anonymity, draft and validity: the part of the three forms that says who sees it and how. */
export function PublishOptions({ setup, value, onChange, fieldError, withDraft }: {
  setup: PublishSetup;
  value: PublishOptionsValue;
  onChange: (next: PublishOptionsValue) => void;
  fieldError: (field: string) => string | undefined;
  withDraft: boolean;
}) {
  const t = useT(publishMessages);
  return (
    <>
      <SharingFields
        value={value.sharing}
        onChange={(sharing) => onChange({ ...value, sharing })}
        communities={setup.communities}
        organisations={setup.organisations}
        people={setup.people}
        fieldError={fieldError}
      />
      <section aria-labelledby="anonymous-title" className="mb-4">
        <h2 id="anonymous-title" className="h4">
          {t("anonymousTitle")}
        </h2>
        <div className="form-check">
          <input id="publish-anonymous" type="checkbox" className="form-check-input" checked={value.anonymous} aria-describedby="publish-anonymous-hint" onChange={(e) => onChange({ ...value, anonymous: e.target.checked })} />
          <label htmlFor="publish-anonymous" className="form-check-label">
            {t("anonymous")}
          </label>
          <p id="publish-anonymous-hint" className="small">
            {t("anonymousHint")}
          </p>
        </div>
      </section>
      {withDraft && (
        <>
          <FormField id="publish-valid-until" type="date" label={t("validUntil")} value={value.validUntil} error={fieldError("body.validUntil")} onChange={(validUntil) => onChange({ ...value, validUntil })} />
          <div className="form-check mb-4">
            <input id="publish-draft" type="checkbox" className="form-check-input" checked={value.draft} onChange={(e) => onChange({ ...value, draft: e.target.checked })} />
            <label htmlFor="publish-draft" className="form-check-label">
              {t("saveAsDraft")}
            </label>
          </div>
        </>
      )}
    </>
  );
}

/** The common part of an advisory's or a report's body. */
export const optionsBody = (o: PublishOptionsValue) => ({
  anonymous: o.anonymous,
  status: o.draft ? ("draft" as const) : ("published" as const),
  validUntil: o.validUntil ? `${o.validUntil}T23:59:59.000Z` : null,
});
