import { useT } from "../../i18n/use-t.ts";
import { FormField } from "../../ui/index.ts";
import { authMessages } from "./messages.ts";
import { PasswordStrength } from "./PasswordStrength.tsx";

/** New password, its repetition and live strength feedback. */
export function NewPasswordFields({ password, repeat, onPassword, onRepeat, error, email, name }: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  error?: string;
  email?: string;
  name?: string;
}) {
  const t = useT(authMessages);
  const differs = repeat.length > 0 && repeat !== password;
  return (
    <>
      <FormField
        label={t("newPassword")}
        id="new-password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        value={password}
        onChange={onPassword}
        error={error}
        hint={<PasswordStrength id="new-password-strength" password={password} email={email} name={name} />}
      />
      <FormField
        label={t("repeatPassword")}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={onRepeat}
        error={differs ? t("passwordsDiffer") : undefined}
      />
    </>
  );
}
