import { useT } from "../../i18n/index.ts";
import { tlpLevels, type Community, type Organisation, type Person, type SharingChoice } from "./intel-api.ts";
import { publishMessages } from "./publish-messages.ts";
import { TlpLabel } from "./TlpLabel.tsx";

export const defaultSharing: SharingChoice = { tlp: "amber", communityIds: [], recipientOrgIds: [], recipientUserIds: [], providersAllowed: false };

/** What the API receives: only the list the level uses (the server refuses the others). */
export function sharingBody(s: SharingChoice) {
  return {
    tlp: s.tlp,
    communityIds: s.tlp === "green" ? s.communityIds : [],
    recipientOrgIds: s.tlp === "amber" || s.tlp === "amber+strict" ? s.recipientOrgIds : [],
    recipientUserIds: s.tlp === "red" ? s.recipientUserIds : [],
    providersAllowed: s.tlp === "amber" && s.providersAllowed,
  };
}

function Checklist({ id, legend, options, chosen, error, onChange }: {
  id: string;
  legend: string;
  options: { id: string; name: string }[];
  chosen: string[];
  error: string | undefined;
  onChange: (ids: string[]) => void;
}) {
  return (
    <fieldset className="mb-3" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="h6">{legend}</legend>
      {options.map((o) => (
        <div key={o.id} className="form-check">
          <input
            id={`${id}-${o.id}`}
            type="checkbox"
            className="form-check-input"
            checked={chosen.includes(o.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))}
          />
          <label htmlFor={`${id}-${o.id}`} className="form-check-label">
            {o.name}
          </label>
        </div>
      ))}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** The TLP chooser, each level explained in plain words, and the recipients the chosen level needs. */
export function SharingFields({ value, onChange, communities, organisations, people, fieldError }: {
  value: SharingChoice;
  onChange: (next: SharingChoice) => void;
  communities: Community[];
  organisations: Organisation[];
  people: Person[];
  fieldError: (field: string) => string | undefined;
}) {
  const t = useT(publishMessages);
  const set = (patch: Partial<SharingChoice>) => onChange({ ...value, ...patch });
  return (
    <section aria-labelledby="sharing-title" className="mb-4">
      <h2 id="sharing-title" className="h4">
        {t("sharingTitle")}
      </h2>
      <p>{t("sharingIntro")}</p>
      <fieldset className="mb-3">
        <legend className="visually-hidden">{t("sharingTitle")}</legend>
        {tlpLevels.map((level) => (
          <div key={level} className="form-check mb-2">
            <input
              id={`tlp-${level}`}
              type="radio"
              name="tlp"
              className="form-check-input"
              checked={value.tlp === level}
              aria-describedby={`tlp-${level}-help`}
              onChange={() => set({ tlp: level })}
            />
            <label htmlFor={`tlp-${level}`} className="form-check-label">
              <TlpLabel tlp={level} />
            </label>
            <p id={`tlp-${level}-help`} className="small mb-0 ms-1">
              {t(`tlpHelp.${level}`)}
            </p>
          </div>
        ))}
      </fieldset>
      {value.tlp === "green" &&
        (communities.length === 0 ? (
          <p className="text-danger">{t("noCommunities")}</p>
        ) : (
          <Checklist
            id="share-communities"
            legend={t("chooseCommunities")}
            options={communities}
            chosen={value.communityIds}
            error={fieldError("body.sharing.communityIds")}
            onChange={(communityIds) => set({ communityIds })}
          />
        ))}
      {(value.tlp === "amber" || value.tlp === "amber+strict") && (
        <>
          <Checklist
            id="share-orgs"
            legend={t("chooseOrganisations")}
            options={organisations}
            chosen={value.recipientOrgIds}
            error={fieldError("body.sharing.recipientOrgIds")}
            onChange={(recipientOrgIds) => set({ recipientOrgIds })}
          />
          {value.tlp === "amber" && (
            <div className="form-check mb-3">
              <input id="share-providers" type="checkbox" className="form-check-input" checked={value.providersAllowed} onChange={(e) => set({ providersAllowed: e.target.checked })} />
              <label htmlFor="share-providers" className="form-check-label">
                {t("providersAllowed")}
              </label>
            </div>
          )}
        </>
      )}
      {value.tlp === "red" && (
        <Checklist
          id="share-people"
          legend={t("choosePeople")}
          options={people}
          chosen={value.recipientUserIds}
          error={fieldError("body.sharing.recipientUserIds")}
          onChange={(recipientUserIds) => set({ recipientUserIds })}
        />
      )}
    </section>
  );
}
