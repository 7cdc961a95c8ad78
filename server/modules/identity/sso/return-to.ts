import { HttpError } from "../../../platform/http/errors.ts";

const BASE = "http://cittadella.invalid";

/**
 * Where to land after signing in: only a path on this site. "//host", "/\host", schemes and
 * control characters are refused, so the sign-in can never become an open redirect.
 */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value === "") return "/";
  const refused = new HttpError(400, "validation_failed", [{ field: "query.returnTo", reason: "invalid_return_to" }]);
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) throw refused;
  const parsed = new URL(value, BASE);
  if (parsed.origin !== BASE) throw refused;
  return parsed.pathname + parsed.search + parsed.hash;
}
