import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.ts";
import { common } from "../i18n/common.ts";
import { useT } from "../i18n/use-t.ts";

/**
 * A form's failure: `fieldError("body.email")` gives the text to show under that field, and
 * `<FormErrors>` the summary. `run(fn)` catches what fn throws into the form's error.
 */
export function useFormErrors() {
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = useCallback(
    (field: string) => error?.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.reason,
    [error],
  );
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    try {
      return await fn();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught)));
      return undefined;
    }
  }, []);
  return { error, setError, fieldError, run };
}

/**
 * The alert summarising a failed submit; it takes focus so the failure is announced. Fields
 * named in `labels` are listed with their reason (the reasons come translated from the server).
 */
export function FormErrors({ error, labels = {}, message: override }: {
  error: ApiError | null;
  labels?: Record<string, string>;
  /** replaces the server's message, for failures the page explains better itself */
  message?: string;
}) {
  const t = useT(common);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.focus();
  }, [error]);
  if (!error) return null;
  const message = override ?? (error.code === "network" ? t("networkError") : error.message);
  return (
    <div ref={box} tabIndex={-1} role="alert" className="alert alert-danger mb-4">
      <p className="mb-1 fw-semibold">{message}</p>
      {error.fields.length > 0 && (
        <>
          <p className="mb-1">{t("errorSummary")}</p>
          <ul className="mb-0">
            {error.fields.map((f) => (
              <li key={f.field}>
                {labels[f.field] ?? f.field.replace(/^(body|query|params)\./, "")}: {f.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
