import { useId } from "react";

/** A labelled textarea with its hint and error tied by aria-describedby, as FormField does for inputs. */
export function TextArea({ id, label, value, onChange, error, hint, rows = 3, required, className }: {
  id?: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  rows?: number;
  required?: boolean;
  className?: string;
}) {
  const generated = useId();
  const areaId = id ?? `area-${generated}`;
  const describedBy = [hint ? `${areaId}-hint` : "", error ? `${areaId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`form-group mb-4 ${className ?? ""}`}>
      <label htmlFor={areaId} className="active">
        {label}
      </label>
      <textarea
        id={areaId}
        className={`form-control${error ? " is-invalid" : ""}`}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <small id={`${areaId}-hint`} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${areaId}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}
