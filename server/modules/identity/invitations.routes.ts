import { z } from "zod";
import { appendAudit } from "../../platform/audit/audit.ts";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { createSession, SESSION_COOKIE, sessionCookieOptions, updateSession } from "../../platform/auth/sessions.ts";
import type { Actor, Role } from "../../platform/authz/actor.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema, RoleSchema } from "./identity.schemas.ts";
import { invitationPolicy } from "./invitations.policy.ts";
import { acceptInvitation, createInvitation, findUsableInvitation, listInvitations, revokeInvitation, type InvitationRow } from "./invitations.service.ts";
import { newPasswordField } from "./password.routes.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const OrgParams = z.strictObject({ orgId: z.uuid() });

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    invitedBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "Invitation" });

const presentInvitation = (actor: Actor, row: InvitationRow) => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  invitedBy: row.invitedBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  actions: invitationPolicy.allowedActions(actor, row),
});

export const invitationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/orgs/:orgId/invitations",
    {
      schema: {
        tags: ["members"],
        summary: "Pending invitations of an organisation (admins)",
        params: OrgParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
        response: { 200: z.object({ items: z.array(InvitationSchema), nextCursor: z.string().nullable() }).meta({ id: "InvitationsPage" }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const page = await listInvitations(ctx.db, actor, request.params.orgId, request.query);
      return { items: page.items.map((row) => presentInvitation(actor, row)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/orgs/:orgId/invitations",
    {
      schema: {
        tags: ["members"],
        summary: "Invite someone by email; the link is mailed and valid for 7 days",
        params: OrgParams,
        body: z.strictObject({ email: z.email().max(320), role: RoleSchema }),
        response: { 201: InvitationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createInvitation(ctx.db, actor, request.params.orgId, request.body, {
        publicUrl: ctx.config.publicUrl,
        locale: request.locale,
        audit: auditContextOf(request),
      });
      reply.status(201);
      return presentInvitation(actor, row);
    },
  );

  app.delete(
    "/api/orgs/:orgId/invitations/:invitationId",
    {
      schema: {
        tags: ["members"],
        summary: "Revoke a pending invitation; its link stops working",
        params: z.strictObject({ orgId: z.uuid(), invitationId: z.uuid() }),
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await revokeInvitation(ctx.db, actor, request.params.orgId, request.params.invitationId, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/invitations/:token",
    {
      schema: {
        tags: ["members"],
        summary: "What an invitation link offers, before accepting it",
        params: z.strictObject({ token: z.string().min(1).max(200) }),
        response: {
          200: z.object({ orgName: z.string(), email: z.string(), role: RoleSchema, existingAccount: z.boolean() }).meta({ id: "InvitationPreview" }),
          ...errors,
        },
      },
    },
    async (request) => {
      const found = await findUsableInvitation(ctx.db, request.params.token, "params.token");
      return { orgName: found.orgName, email: found.invitation.email, role: found.invitation.role as Role, existingAccount: found.existingUserId !== null };
    },
  );

  app.post(
    "/api/invitations/accept",
    {
      schema: {
        tags: ["members"],
        summary: "Accept an invitation: join with the existing account, or create one (name and password)",
        body: z.strictObject({ token: z.string().min(1).max(200), name: z.string().trim().min(2).max(200).optional(), password: newPasswordField.optional() }),
        response: {
          200: z
            .object({ orgId: z.uuid(), accountCreated: z.boolean(), signedIn: z.boolean(), csrfToken: z.string().nullable() })
            .meta({ id: "InvitationAccepted" }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      // a caller who still owes a second factor is treated as not signed in
      const signedIn = request.actor && !request.mfaBlock && request.actor.via === "session" ? request.actor : null;
      const audit = auditContextOf(request);
      const accepted = await acceptInvitation(ctx.db, signedIn, { ...request.body, locale: request.locale }, { ...audit, actor: null });
      if (signedIn && request.session) {
        // the caller lands in the organisation they just joined
        await updateSession(ctx.db, request.session.tokenHash, { orgId: accepted.orgId });
        return { orgId: accepted.orgId, accountCreated: false, signedIn: true, csrfToken: request.session.csrfToken };
      }
      if (!accepted.accountCreated) return { orgId: accepted.orgId, accountCreated: false, signedIn: false, csrfToken: null };
      const session = await ctx.db.transaction(async (tx) => {
        const created = await createSession(tx, ctx.sessionPolicy, { userId: accepted.userId, orgId: accepted.orgId, mfaVerified: true, ip: request.ip, userAgent: request.headers["user-agent"] });
        await appendAudit(tx, { ...audit, actor: { userId: accepted.userId, email: accepted.email } }, {
          orgId: accepted.orgId,
          action: "auth.sign_in",
          entityType: "user",
          entityId: accepted.userId,
          after: { via: "invitation" },
        });
        return created;
      });
      reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(ctx.config.publicUrl));
      return { orgId: accepted.orgId, accountCreated: true, signedIn: true, csrfToken: session.row.csrfToken };
    },
  );
};
