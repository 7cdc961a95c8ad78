import { z } from "zod";
import { checkPasswordStrength } from "../../platform/auth/passwords.ts";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema } from "./identity.schemas.ts";
import { requireSessionUser } from "./me.guard.ts";
import { confirmPasswordReset, requestPasswordReset } from "./password-reset.service.ts";
import { changePassword, personalWords } from "./password.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 422: errorReplySchema, 429: errorReplySchema };
// zxcvbn's cost grows with length; nobody types a longer password
export const newPasswordField = z.string().min(1).max(256);

export const passwordRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    "/api/me/password",
    {
      schema: {
        tags: ["me"],
        summary: "Change the password; every other session of the user is signed out",
        body: z.strictObject({ currentPassword: z.string().min(1).max(1_000), newPassword: newPasswordField }),
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request);
      await changePassword(ctx.db, actor, { ...request.body, ip: request.ip }, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.post(
    "/api/auth/password-strength",
    {
      schema: {
        tags: ["auth"],
        summary: "How hard a password is to guess, with advice (Italian dictionary)",
        body: z.strictObject({ password: newPasswordField, email: z.string().max(320).optional(), name: z.string().max(200).optional() }),
        response: { 200: z.object({ ok: z.boolean(), score: z.number().int(), feedback: z.array(z.string()) }).meta({ id: "PasswordStrength" }), ...errors },
      },
    },
    async (request) => {
      const { password, email, name } = request.body;
      return checkPasswordStrength(password, personalWords(email ?? request.actor?.email, name ?? request.actor?.name));
    },
  );

  app.post(
    "/api/auth/password-reset/request",
    {
      schema: {
        tags: ["auth"],
        summary: "Mail a password reset link; answers 202 whether or not the address has an account",
        body: z.strictObject({ email: z.email().max(320) }),
        response: { 202: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx.db, ctx.config.publicUrl, request.body.email, auditContextOf(request));
      reply.status(202);
      return { ok: true as const };
    },
  );

  app.post(
    "/api/auth/password-reset/confirm",
    {
      schema: {
        tags: ["auth"],
        summary: "Set a new password with the link's token; signs out every session",
        body: z.strictObject({ token: z.string().min(1).max(200), password: newPasswordField }),
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(ctx.db, request.body, auditContextOf(request));
      if (request.session) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );
};
