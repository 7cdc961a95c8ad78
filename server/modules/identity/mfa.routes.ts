import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { HttpError } from "../../platform/http/errors.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema } from "./identity.schemas.ts";
import { requireSessionUser } from "./me.guard.ts";
import { disableMfa, enableMfa, regenerateRecoveryCodes, startMfaSetup, verifyMfaSignIn } from "./mfa.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema, 429: errorReplySchema };
// a TOTP code (6 digits) or a recovery code (xxxxx-xxxxx); spaces are tolerated
const Code = z.string().trim().min(6).max(20);
const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: "RecoveryCodes" });

export const mfaRoutes: RoutesPlugin = async (app, { ctx }) => {
  const secretKey = () => ctx.config.secretKey;

  app.post(
    "/api/auth/mfa/verify",
    {
      schema: {
        tags: ["auth"],
        summary: "Second step of sign-in: a code from the authenticator app or a recovery code",
        body: z.strictObject({ code: Code }),
        response: { 200: z.object({ ok: z.literal(true), recoveryCodesLeft: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request, { allowMfaPending: true });
      if (actor.via !== "session" || !actor.sessionTokenHash) throw new HttpError(403, "forbidden");
      const result = await verifyMfaSignIn(
        ctx.db,
        secretKey(),
        { ...actor, sessionTokenHash: actor.sessionTokenHash },
        { code: request.body.code, ip: request.ip },
        auditContextOf(request),
      );
      return { ok: true as const, ...result };
    },
  );

  app.post(
    "/api/me/mfa/setup",
    {
      schema: {
        tags: ["me"],
        summary: "Start two-step verification: a new secret for the authenticator app",
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }).meta({ id: "MfaSetup" }), ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request, { duringEnrolment: true });
      return startMfaSetup(ctx.db, secretKey(), actor, auditContextOf(request));
    },
  );

  app.post(
    "/api/me/mfa/enable",
    {
      schema: {
        tags: ["me"],
        summary: "Turn two-step verification on with a first code; the recovery codes are shown only now",
        body: z.strictObject({ code: Code }),
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request, { duringEnrolment: true });
      const recoveryCodes = await enableMfa(ctx.db, secretKey(), actor, request.body.code, auditContextOf(request));
      return { recoveryCodes };
    },
  );

  app.post(
    "/api/me/mfa/disable",
    {
      schema: {
        tags: ["me"],
        summary: "Turn two-step verification off (password and a current code)",
        body: z.strictObject({ password: z.string().min(1).max(1_000), code: Code }),
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request);
      await disableMfa(ctx.db, secretKey(), actor, { ...request.body, ip: request.ip }, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.post(
    "/api/me/mfa/recovery-codes",
    {
      schema: {
        tags: ["me"],
        summary: "Replace the recovery codes; the old ones stop working",
        body: z.strictObject({ password: z.string().min(1).max(1_000) }),
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request);
      const recoveryCodes = await regenerateRecoveryCodes(ctx.db, secretKey(), actor, { ...request.body, ip: request.ip }, auditContextOf(request));
      return { recoveryCodes };
    },
  );
};
