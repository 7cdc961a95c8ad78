import type { FastifyError, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { HttpError } from "../../../platform/http/errors.ts";

// The callback is opened by a person's browser, coming back from the identity provider: a JSON
// error would be shown to them raw. Failures go back to the sign-in page instead, with a short
// code the page explains in the person's language (web/src/features/sso/messages.ts).

/** The codes the sign-in page understands in `/accedi?sso=<code>`. */
export const ssoFailureCodes = [
  "expired",
  "denied",
  "failed",
  "unavailable",
  "disabled",
  "email_unverified",
  "domain_not_served",
  "not_member",
  "account_disabled",
] as const;
export type SsoFailureCode = (typeof ssoFailureCodes)[number];

const byErrorCode: Record<string, SsoFailureCode> = {
  // expired, replayed, forged or from another browser: starting again is the remedy
  sso_login_invalid: "expired",
  sso_failed: "failed",
  sso_unavailable: "unavailable",
  sso_provider_disabled: "disabled",
  sso_email_unverified: "email_unverified",
  sso_domain_not_served: "domain_not_served",
  sso_not_member: "not_member",
  account_disabled: "account_disabled",
};

export const SIGN_IN_PATH = "/accedi";

/**
 * What the callback's failure means for the person. The provider's own error (the person
 * cancelled, or the provider refused them) is "denied"; a callback without a usable state is
 * one we cannot tie to any login, like an expired one.
 */
export function ssoFailureCode(error: FastifyError | Error, providerError: string | undefined): SsoFailureCode | null {
  if (hasZodFastifySchemaValidationErrors(error)) return "expired";
  if (!(error instanceof HttpError)) return null;
  const code = byErrorCode[error.code] ?? null;
  return code === "failed" && providerError ? "denied" : code;
}

/** Where the browser goes after a failed callback; unexpected errors are logged as before. */
export function signInPathAfterFailure(error: FastifyError | Error, request: FastifyRequest): string {
  const query = request.query as { error?: unknown } | undefined;
  const code = ssoFailureCode(error, typeof query?.error === "string" ? query.error : undefined);
  if (code === null) request.log.error({ err: error }, "unhandled error");
  else request.log.info({ code: error instanceof HttpError ? error.code : "validation_failed" }, "sso sign-in refused");
  return `${SIGN_IN_PATH}?sso=${code ?? "failed"}`;
}
