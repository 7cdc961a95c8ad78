import type { ReactNode } from "react";

/** A message in the page: success and info are polite (status), warnings and errors assertive (alert). */
export function Notice({ kind = "info", children }: { kind?: "success" | "info" | "warning" | "danger"; children: ReactNode }) {
  const role = kind === "success" || kind === "info" ? "status" : "alert";
  return (
    <div role={role} className={`alert alert-${kind} mb-4`}>
      {children}
    </div>
  );
}
