import type { FastifyRequest } from "fastify";
import { requireActor } from "../../platform/auth/authenticate.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError } from "../../platform/http/errors.ts";

/**
 * The person behind a browser session, for routes that change their own credentials. API tokens
 * are refused: a leaked token must not be able to change a password, MFA or mint more tokens.
 * `duringEnrolment` lets an admin whose organisation requires MFA set it up; a caller who still
 * owes their second factor is never let through, or a stolen password could replace the TOTP.
 */
export function requireSessionUser(request: FastifyRequest, options: { duringEnrolment?: boolean } = {}): Actor & { sessionTokenHash: string } {
  const actor = requireActor(request, { allowMfaPending: true });
  if (request.mfaBlock === "mfa_required") throw new HttpError(403, "mfa_required");
  if (request.mfaBlock === "mfa_enrolment_required" && !options.duringEnrolment) throw new HttpError(403, "mfa_enrolment_required");
  if (actor.via !== "session" || !actor.sessionTokenHash) {
    throw new HttpError(403, "forbidden", [{ field: "headers.authorization", reason: "session_only" }]);
  }
  return actor as Actor & { sessionTokenHash: string };
}
