import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import type { Community, Organisation, Person } from "./intel-api.ts";
import { messages } from "./messages.ts";
import { TextArea } from "./TextArea.tsx";

function Choices({ id, legend, hint, options, chosen, onChange, error }: {
  id: string;
  legend: string;
  hint: string;
  options: { id: string; name: string }[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}) {
  return (
    <fieldset className="mb-4" aria-describedby={`${id}-hint`}>
      <legend className="h6">{legend}</legend>
      <p id={`${id}-hint`} className="small">
        {hint}
      </p>
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
      {error && <div className="invalid-feedback d-block">{error}</div>}
    </fieldset>
  );
}

/** Creates a community, or (with `community`) changes its name, members and moderators as a moderator. */
export function CommunityForm({ community, organisations, people, onSaved }: {
  community?: Community;
  organisations: Organisation[];
  people: Person[];
  onSaved: () => Promise<void>;
}) {
  const t = useT(messages);
  const prefix = community ? `community-${community.id}` : "community-new";
  const [name, setName] = useState(community?.name ?? "");
  const [description, setDescription] = useState(community?.description ?? "");
  const [memberOrgIds, setMembers] = useState(community?.members.map((m) => m.orgId) ?? []);
  const [moderatorIds, setModerators] = useState(community?.moderators.map((m) => m.userId) ?? []);
  const [saved, setSaved] = useState(false);
  const { error, run, fieldError } = useFormErrors();
  // the current members and moderators are choices even when the caller would not otherwise know them
  const orgOptions = merge(organisations, community?.members.map((m) => ({ id: m.orgId, name: m.name })) ?? []);
  const peopleOptions = merge(people, community?.moderators.map((m) => ({ id: m.userId, name: m.name })) ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      const body = { name, description: description.trim() || null, memberOrgIds, moderatorIds };
      if (community) await unwrap(api.PATCH("/api/intel/communities/{communityId}", { params: { path: { communityId: community.id } }, body }));
      else await unwrap(api.POST("/api/intel/communities", { body }));
      setSaved(true);
      if (!community) {
        setName("");
        setDescription("");
      }
      await onSaved();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors error={error} />
      {saved && <Notice kind="success">{community ? t("communitySaved") : t("communityCreated")}</Notice>}
      <FormField id={`${prefix}-name`} label={t("communityName")} value={name} onChange={setName} error={fieldError("body.name")} required maxLength={200} />
      <TextArea id={`${prefix}-description`} label={t("communityDescription")} value={description} onChange={setDescription} error={fieldError("body.description")} />
      <Choices id={`${prefix}-members`} legend={t("chooseMembers")} hint={t("membersHint")} options={orgOptions} chosen={memberOrgIds} onChange={setMembers} error={fieldError("body.memberOrgIds")} />
      <Choices id={`${prefix}-moderators`} legend={t("chooseModerators")} hint={t("moderatorsHint")} options={peopleOptions} chosen={moderatorIds} onChange={setModerators} error={fieldError("body.moderatorIds")} />
      <button type="submit" className="btn btn-primary">
        {community ? t("saveCommunity") : t("createCommunity")}
      </button>
    </form>
  );
}

function merge(a: { id: string; name: string }[], b: { id: string; name: string }[]) {
  const all = new Map([...a, ...b].map((x) => [x.id, x.name]));
  return [...all].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name, "it"));
}
