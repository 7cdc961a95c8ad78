import { useId, type InputHTMLAttributes, type ReactNode } from "react";

interface FormFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** the field's problem, shown below it and announced with the input */
  error?: string;
  hint?: ReactNode;
  /** a select instead of an input */
  options?: { value: string; label: string }[];
}

/** A labelled input (or select) with its hint and error tied by aria-describedby. */
export function FormField({ label, value, onChange, error, hint, options, id, className, ...input }: FormFieldProps) {
  const generated = useId();
  const inputId = id ?? `field-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const controlClass = `${options ? "form-select" : "form-control"}${error ? " is-invalid" : ""}`;
  return (
    <div className={`form-group mb-4 ${className ?? ""}`}>
      <label htmlFor={inputId} className="active">
        {label}
      </label>
      {options ? (
        <select
          id={inputId}
          name={input.name}
          required={input.required}
          disabled={input.disabled}
          className={controlClass}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...input}
          id={inputId}
          className={controlClass}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <small id={hintId} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}
