import { useEffect, useState } from "react";
import { api } from "../../api/client.ts";
import { useT } from "../../i18n/use-t.ts";
import { authMessages } from "./messages.ts";

interface Strength {
  ok: boolean;
  score: number;
  feedback: string[];
}

/**
 * Live feedback on a new password from POST /api/auth/password-strength (zxcvbn with the Italian
 * dictionary, on the server), asked a moment after the user stops typing.
 */
export function PasswordStrength({ password, email, name, id }: { password: string; email?: string; name?: string; id: string }) {
  const t = useT(authMessages);
  const [strength, setStrength] = useState<Strength | null>(null);
  useEffect(() => {
    if (!password) {
      setStrength(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      const { data } = await api.POST("/api/auth/password-strength", { body: { password, email, name } });
      if (!cancelled && data) setStrength(data);
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, email, name]);

  const score = strength?.score ?? 0;
  const label = t(`strength${Math.max(0, Math.min(4, score))}` as "strength0");
  return (
    <div id={id} className="mb-4" aria-live="polite">
      {strength && (
        <>
          <div className="progress" style={{ height: "0.5rem" }} aria-hidden="true">
            <div
              className={`progress-bar ${strength.ok ? "bg-success" : score >= 2 ? "bg-warning" : "bg-danger"}`}
              style={{ width: `${((score + 1) / 5) * 100}%` }}
            />
          </div>
          <p className="small mb-1 mt-1">
            {t("strength")}: <strong>{label}</strong>. {strength.ok ? t("strengthEnough") : t("strengthNotEnough")}
          </p>
          {strength.feedback.length > 0 && (
            <ul className="small mb-0">
              {strength.feedback.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
