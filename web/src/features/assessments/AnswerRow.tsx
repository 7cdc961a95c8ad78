import { memo, type KeyboardEvent } from "react";
import { useLocale, useT } from "../../i18n/index.ts";
import { AnswerDetails } from "./AnswerDetails.tsx";
import { type AnswerDraft, answerStatuses } from "./answer-draft.ts";
import { type Catalog, type Requirement, textOf } from "./catalogs.ts";
import { messages } from "./messages.ts";

export type RowErrors = Partial<Record<"status" | "reason" | "currentMaturity" | "targetMaturity" | "notes", string>>;

interface Props {
  requirement: Requirement;
  draft: AnswerDraft;
  derived: boolean;
  scale: Catalog["maturityScale"];
  editable: boolean;
  errors: RowErrors | undefined;
  onChange: (id: string, draft: AnswerDraft) => void;
  orgId: string;
  assessmentId: string;
  /** approved: evidence and comments are read-only */
  locked: boolean;
}

/**
 * One requirement: status, N/A reason, current and target maturity, notes. Keys 1-4 set the
 * status from anywhere in the row but its text fields; up/down arrows move between rows.
 */
export const AnswerRow = memo(function AnswerRow({ requirement, draft, derived, scale, editable, errors, onChange, orgId, assessmentId, locked }: Props) {
  const t = useT(messages);
  const { locale } = useLocale();
  const base = `answer-${requirement.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const set = (patch: Partial<AnswerDraft>) => onChange(requirement.id, { ...draft, ...patch });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const typing = target.tagName === "INPUT" || target.tagName === "TEXTAREA";
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    const digit = ["1", "2", "3", "4"].indexOf(event.key);
    if (digit >= 0 && editable) {
      event.preventDefault();
      set({ status: answerStatuses[digit]! });
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      // on a select the arrows choose an option; they move between rows from the row itself
      if (target !== event.currentTarget) return;
      event.preventDefault();
      const rows = [...document.querySelectorAll<HTMLElement>("[data-answer-row]")];
      const next = rows[rows.indexOf(event.currentTarget) + (event.key === "ArrowDown" ? 1 : -1)];
      next?.focus();
    }
  };

  const describe = (field: keyof RowErrors) => (errors?.[field] ? `${base}-${field}-error` : undefined);
  const fieldError = (field: keyof RowErrors) =>
    errors?.[field] && (
      <div id={`${base}-${field}-error`} className="invalid-feedback d-block">
        {errors[field]}
      </div>
    );
  const maturityOptions = [{ value: "", label: t("none") }, ...scale.map((s) => ({ value: String(s.value), label: `${s.value} – ${textOf(s.title, locale)}` }))];

  return (
    <div
      role="group"
      aria-labelledby={`${base}-title`}
      tabIndex={0}
      data-answer-row={requirement.id}
      onKeyDown={onKeyDown}
      className={`answer-row border-bottom py-3 ${errors ? "border-danger" : ""}`}
    >
      <p id={`${base}-title`} className="fw-semibold mb-1">
        <span className="me-2">{requirement.id}</span>
        {textOf(requirement.title, locale)}
      </p>
      {derived && <p className="small mb-2">{t("derived")}</p>}
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <label htmlFor={`${base}-status`} className="form-label small mb-1">
            {t("answerStatus")}
          </label>
          <select
            id={`${base}-status`}
            className={`form-select${errors?.status ? " is-invalid" : ""}`}
            value={draft.status}
            disabled={!editable}
            aria-invalid={errors?.status ? true : undefined}
            aria-describedby={describe("status")}
            onChange={(e) => set({ status: e.target.value as AnswerDraft["status"] })}
          >
            <option value="">{t("answer.unanswered")}</option>
            {answerStatuses.map((s, i) => (
              <option key={s} value={s}>
                {`${i + 1}. ${t(`answer.${s}`)}`}
              </option>
            ))}
          </select>
          {fieldError("status")}
        </div>
        <MaturitySelect id={`${base}-current`} label={t("currentMaturity")} value={draft.currentMaturity} options={maturityOptions} disabled={!editable} error={errors?.currentMaturity} onChange={(v) => set({ currentMaturity: v })} />
        <MaturitySelect id={`${base}-target`} label={t("targetMaturity")} value={draft.targetMaturity} options={maturityOptions} disabled={!editable} error={errors?.targetMaturity} onChange={(v) => set({ targetMaturity: v })} />
        {(draft.status === "not_applicable" || errors?.reason) && (
          <div className="col-12">
            <label htmlFor={`${base}-reason`} className="form-label small mb-1">
              {t("reason")}
            </label>
            <input
              id={`${base}-reason`}
              className={`form-control${errors?.reason ? " is-invalid" : ""}`}
              value={draft.reason}
              disabled={!editable}
              required
              aria-invalid={errors?.reason ? true : undefined}
              aria-describedby={describe("reason")}
              onChange={(e) => set({ reason: e.target.value })}
            />
            {fieldError("reason")}
          </div>
        )}
        <div className="col-12">
          <label htmlFor={`${base}-notes`} className="form-label small mb-1">
            {t("notes")}
          </label>
          <input
            id={`${base}-notes`}
            className={`form-control${errors?.notes ? " is-invalid" : ""}`}
            value={draft.notes}
            disabled={!editable}
            aria-invalid={errors?.notes ? true : undefined}
            aria-describedby={describe("notes")}
            onChange={(e) => set({ notes: e.target.value })}
          />
          {fieldError("notes")}
        </div>
      </div>
      <AnswerDetails orgId={orgId} assessmentId={assessmentId} requirementId={requirement.id} editable={editable} locked={locked} idBase={base} />
    </div>
  );
});

function MaturitySelect({ id, label, value, options, disabled, error, onChange }: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  disabled: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className="col-12 col-md-4">
      <label htmlFor={id} className="form-label small mb-1">
        {label}
      </label>
      <select
        id={id}
        className={`form-select${error ? " is-invalid" : ""}`}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}
