import { z } from "zod";
import { requireActor } from "../../../platform/auth/authenticate.ts";
import { destroySession, SESSION_COOKIE, sessionCookieOptions } from "../../../platform/auth/sessions.ts";
import { errorReplySchema } from "../../../platform/http/error-handler.ts";
import { auditContextOf } from "../../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { OkSchema } from "../identity.schemas.ts";
import { signInPathAfterFailure } from "./callback-failure.ts";
import { ssoRedirectUri } from "./oidc-client.ts";
import { safeReturnTo } from "./return-to.ts";
import { presentSsoProvider } from "./sso.presenter.ts";
import {
  SsoCallbackQuerySchema,
  SsoDiscoverQuerySchema,
  SsoDiscoverReplySchema,
  SsoProviderSchema,
  SsoProvidersCreateSchema,
  SsoProvidersUpdateSchema,
  SsoStartQuerySchema,
} from "./sso.schemas.ts";
import { createSsoProvider, deleteSsoProvider, listSsoProviders, updateSsoProvider } from "./sso-providers.service.ts";
import { discoverSsoProviders, finishSsoLogin, SSO_BINDING_COOKIE, SSO_LOGIN_TTL_MS, startSsoLogin, type SsoEnv } from "./sso-sign-in.service.ts";

const OrgParams = z.strictObject({ orgId: z.uuid() });
const ProviderParams = z.strictObject({ orgId: z.uuid(), providerId: z.uuid() });
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const redirect = (description: string) => z.null().describe(description);

export const ssoRoutes: RoutesPlugin = async (app, { ctx }) => {
  const env: SsoEnv = {
    db: ctx.db,
    publicUrl: ctx.config.publicUrl,
    sessionPolicy: ctx.sessionPolicy,
    log: ctx.log,
    secretKey: ctx.config.secretKey,
    production: ctx.config.NODE_ENV === "production",
  };
  const bindingCookie = { path: "/api/auth/sso", httpOnly: true, sameSite: "lax" as const, secure: ctx.config.publicUrl.startsWith("https://") };

  app.get(
    "/api/orgs/:orgId/sso-providers",
    { schema: { tags: ["sso"], summary: "The organisation's single sign-on providers (admins)", params: OrgParams, response: { 200: z.object({ items: z.array(SsoProviderSchema) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await listSsoProviders(ctx.db, actor, request.params.orgId);
      return { items: rows.map((row) => presentSsoProvider(actor, row, env.publicUrl)) };
    },
  );

  app.post(
    "/api/orgs/:orgId/sso-providers",
    { schema: { tags: ["sso"], summary: "Add an OpenID Connect provider (Entra ID, SPID/CIE gateway, ...)", params: OrgParams, body: SsoProvidersCreateSchema, response: { 201: SsoProviderSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createSsoProvider(ctx.db, env, actor, request.params.orgId, request.body, auditContextOf(request));
      reply.status(201);
      return presentSsoProvider(actor, row, env.publicUrl);
    },
  );

  app.patch(
    "/api/orgs/:orgId/sso-providers/:providerId",
    { schema: { tags: ["sso"], summary: "Change a single sign-on provider", params: ProviderParams, body: SsoProvidersUpdateSchema, response: { 200: SsoProviderSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await updateSsoProvider(ctx.db, env, actor, request.params, request.body, auditContextOf(request));
      return presentSsoProvider(actor, row, env.publicUrl);
    },
  );

  app.delete(
    "/api/orgs/:orgId/sso-providers/:providerId",
    { schema: { tags: ["sso"], summary: "Remove a single sign-on provider", params: ProviderParams, response: { 200: OkSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await deleteSsoProvider(ctx.db, actor, request.params, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/sso/discover",
    { schema: { tags: ["sso"], summary: "Single sign-on providers serving an email's domain", security: [], querystring: SsoDiscoverQuerySchema, response: { 200: SsoDiscoverReplySchema, 400: errorReplySchema } } },
    async (request) => ({ providers: await discoverSsoProviders(ctx.db, request.query.email) }),
  );

  app.get(
    "/api/auth/sso/:providerId/start",
    {
      schema: {
        tags: ["sso"],
        summary: "Begin single sign-on: redirects to the identity provider",
        security: [],
        params: z.strictObject({ providerId: z.uuid() }),
        querystring: SsoStartQuerySchema,
        response: { 302: redirect("To the identity provider's authorization endpoint"), 400: errorReplySchema, 404: errorReplySchema, 502: errorReplySchema },
      },
    },
    async (request, reply) => {
      const returnTo = safeReturnTo(request.query.returnTo);
      const { url, browserBinding } = await startSsoLogin(env, request.params.providerId, returnTo);
      reply.setCookie(SSO_BINDING_COOKIE, browserBinding, { ...bindingCookie, maxAge: SSO_LOGIN_TTL_MS / 1000 });
      return reply.header("cache-control", "no-store").redirect(url.toString(), 302);
    },
  );

  app.get(
    "/api/auth/sso/callback",
    {
      schema: {
        tags: ["sso"],
        summary: "Where the identity provider returns: opens a session and redirects into the app",
        description:
          "Opened by the browser, so it never answers with JSON: on success it redirects to the page the sign-in started from; " +
          "on failure to the sign-in page with `?sso=` expired, denied, failed, unavailable, disabled, email_unverified, domain_not_served, not_member or account_disabled.",
        security: [],
        querystring: SsoCallbackQuerySchema,
        response: { 302: redirect("To the page the sign-in started from, or to /accedi?sso=<code> when it failed") },
      },
      // failures (validation included) go back to the sign-in page, which explains them
      errorHandler: (error, request, reply) => {
        reply.clearCookie(SSO_BINDING_COOKIE, { path: bindingCookie.path });
        return reply.header("cache-control", "no-store").redirect(signInPathAfterFailure(error, request), 302);
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(ssoRedirectUri(env.publicUrl));
      callbackUrl.search = new URL(request.url, "http://callback.invalid").search;
      reply.clearCookie(SSO_BINDING_COOKIE, { path: bindingCookie.path });
      const { session, returnTo } = await finishSsoLogin(
        env,
        {
          state: request.query.state,
          error: request.query.error,
          callbackUrl,
          browserBinding: request.cookies[SSO_BINDING_COOKIE],
          ip: request.ip,
          userAgent: request.headers["user-agent"],
        },
        auditContextOf(request),
      );
      if (request.session) await destroySession(ctx.db, request.session.tokenHash);
      reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(env.publicUrl));
      return reply.header("cache-control", "no-store").redirect(returnTo, 302);
    },
  );
};
