import { useId } from "react";

export interface Choice {
  value: string;
  label: string;
}

/**
 * A group of checkboxes for linking records (gaps, risks, dependencies): plain controls, usable
 * by keyboard and screen reader, scrolling when long.
 */
export function ChoiceList({ legend, hint, empty, choices, selected, onChange, disabled, error }: {
  legend: string;
  hint?: string;
  empty: string;
  choices: Choice[];
  selected: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
  error?: string;
}) {
  const id = useId();
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset className="mb-4" aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined}>
      <legend className="h6">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="small mb-2">
          {hint}
        </p>
      )}
      {choices.length === 0 ? (
        <p className="small">{empty}</p>
      ) : (
        // focusable, so a keyboard can scroll it even when its checkboxes are disabled
        <div className="choice-list border rounded p-2" style={{ maxHeight: "16rem", overflowY: "auto" }} tabIndex={0}>
          {choices.map((c, i) => (
            <div className="form-check my-1" key={c.value}>
              <input
                id={`${id}-${i}`}
                type="checkbox"
                className="form-check-input"
                checked={selected.includes(c.value)}
                disabled={disabled}
                onChange={(e) => toggle(c.value, e.target.checked)}
              />
              <label htmlFor={`${id}-${i}`} className="form-check-label">
                {c.label}
              </label>
            </div>
          ))}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** "assessmentId|requirementId": a gap as one checkbox value. */
export const gapKey = (g: { assessmentId: string; requirementId: string }) => `${g.assessmentId}|${g.requirementId}`;
export const gapOf = (key: string) => {
  const [assessmentId = "", requirementId = ""] = key.split("|");
  return { assessmentId, requirementId };
};
