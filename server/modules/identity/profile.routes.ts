import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { tokenAllows } from "../../platform/authz/policy.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { forbidden } from "../../platform/http/errors.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { updateProfile } from "./password.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 422: errorReplySchema };

export const MeSchema = z
  .object({ id: z.uuid(), email: z.string(), name: z.string(), locale: z.enum(["it", "en"]), mfaEnabled: z.boolean() })
  .meta({ id: "Me" });

export const profileRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.patch(
    "/api/me",
    {
      schema: {
        tags: ["me"],
        summary: "Change the user's own name or language",
        body: z.strictObject({ name: z.string().trim().min(2).max(200).optional(), locale: z.enum(["it", "en"]).optional() }),
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!tokenAllows(actor, "identity", true)) throw forbidden();
      const user = await updateProfile(ctx.db, actor, request.body, auditContextOf(request));
      return { id: user.id, email: user.email, name: user.name, locale: user.locale === "en" ? ("en" as const) : ("it" as const), mfaEnabled: user.totpEnabledAt !== null };
    },
  );
};
