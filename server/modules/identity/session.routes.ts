import { z } from "zod";
import { eq } from "drizzle-orm";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { destroySession, destroyUserSessions, SESSION_COOKIE, sessionCookieOptions, updateSession } from "../../platform/auth/sessions.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import { HttpError, unauthenticated } from "../../platform/http/errors.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { sessions } from "../../platform/auth/auth.tables.ts";
import { OkSchema, RoleSchema, OrganisationTypeSchema } from "./identity.schemas.ts";
import { listMyOrganisations, listRelatedOrganisations } from "./organisations.service.ts";
import { signInWithPassword } from "./sign-in.service.ts";
import { memberships } from "./identity.tables.ts";
import { and } from "drizzle-orm";

const SessionInfoSchema = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), locale: z.enum(["it", "en"]), mfaEnabled: z.boolean() }),
    csrfToken: z.string(),
    /** "mfa_required": give the second factor; "mfa_enrolment_required": enrol one first */
    pending: z.enum(["mfa_required", "mfa_enrolment_required"]).nullable(),
    currentOrgId: z.uuid().nullable(),
    role: RoleSchema.nullable(),
    organisations: z.array(z.object({ id: z.uuid(), name: z.string(), type: OrganisationTypeSchema, role: RoleSchema })),
    relatedOrganisations: z.array(
      z.object({ id: z.uuid(), name: z.string(), type: OrganisationTypeSchema, relation: z.enum(["provider_of", "coordinator_of"]) }),
    ),
  })
  .meta({ id: "SessionInfo" });

export const sessionRoutes: RoutesPlugin = async (app, { ctx }) => {
  const cookieOptions = () => sessionCookieOptions(ctx.config.publicUrl);

  app.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: z.strictObject({ email: z.email().max(320), password: z.string().min(1).max(1_000) }),
        response: { 200: z.object({ mfaRequired: z.boolean(), csrfToken: z.string() }), 401: errorReplySchema, 429: errorReplySchema },
      },
    },
    async (request, reply) => {
      const { session, mfaPending } = await signInWithPassword(
        ctx.db,
        ctx.sessionPolicy,
        { ...request.body, ip: request.ip, userAgent: request.headers["user-agent"] },
        auditContextOf(request),
      );
      if (request.session) await destroySession(ctx.db, request.session.tokenHash);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions());
      return { mfaRequired: mfaPending, csrfToken: session.row.csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags: ["auth"], summary: "Sign out of this session", response: { 200: OkSchema } } },
    async (request, reply) => {
      if (request.session) await destroySession(ctx.db, request.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/session",
    { schema: { tags: ["auth"], summary: "The signed-in user, organisations and CSRF token", response: { 200: SessionInfoSchema, 401: errorReplySchema } } },
    async (request) => {
      const actor = requireActor(request, { allowMfaPending: true });
      if (!request.session) throw unauthenticated();
      const mine = request.mfaBlock === "mfa_required" ? [] : await listMyOrganisations(ctx.db, actor.userId);
      const related = request.mfaBlock === "mfa_required" ? [] : await listRelatedOrganisations(ctx.db, actor);
      return {
        user: { id: actor.userId, email: actor.email, name: actor.name, locale: actor.locale, mfaEnabled: actor.mfaEnrolled },
        csrfToken: request.session.csrfToken,
        pending: request.mfaBlock,
        currentOrgId: actor.orgId,
        role: actor.role,
        organisations: mine.map((m) => ({ id: m.org.id, name: m.org.name, type: m.org.type as never, role: m.role as never })),
        relatedOrganisations: related.map((o) => ({
          id: o.id,
          name: o.name,
          type: o.type as never,
          relation: actor.providerOf.includes(o.id) ? ("provider_of" as const) : ("coordinator_of" as const),
        })),
      };
    },
  );

  app.post(
    "/api/auth/switch-organisation",
    {
      schema: {
        tags: ["auth"],
        summary: "Act for another organisation the user belongs to",
        body: z.strictObject({ orgId: z.uuid() }),
        response: { 200: OkSchema, 403: errorReplySchema, 422: errorReplySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.via !== "session" || !request.session) throw new HttpError(403, "forbidden");
      const [member] = await ctx.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, actor.userId), eq(memberships.orgId, request.body.orgId)));
      if (!member) throw new HttpError(422, "validation_failed", [{ field: "body.orgId", reason: "not_member" }]);
      await updateSession(ctx.db, request.session.tokenHash, { orgId: request.body.orgId });
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/sessions",
    {
      schema: {
        tags: ["auth"],
        summary: "The user's open sessions",
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), current: z.boolean(), createdAt: z.iso.datetime(), lastSeenAt: z.iso.datetime(), ip: z.string().nullable(), userAgent: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, { allowMfaPending: true });
      const rows = await ctx.db.select().from(sessions).where(eq(sessions.userId, actor.userId)).orderBy(sessions.createdAt);
      return {
        items: rows.map((s) => ({
          // the public id is a prefix of the hash: enough to tell sessions apart, useless to forge one
          id: s.tokenHash.slice(0, 16),
          current: s.tokenHash === request.session?.tokenHash,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          ip: s.ip,
          userAgent: s.userAgent,
        })),
      };
    },
  );

  app.post(
    "/api/auth/sessions/revoke-all",
    { schema: { tags: ["auth"], summary: "Sign out everywhere, this session included", response: { 200: OkSchema } } },
    async (request, reply) => {
      const actor = requireActor(request, { allowMfaPending: true });
      await ctx.db.transaction(async (tx) => {
        await destroyUserSessions(tx, actor.userId);
        await appendAudit(tx, auditContextOf(request), { orgId: actor.orgId, action: "auth.sessions_revoked", entityType: "user", entityId: actor.userId });
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );
};
