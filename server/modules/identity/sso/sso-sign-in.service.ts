import { and, arrayContains, asc, eq, lt } from "drizzle-orm";
import * as client from "openid-client";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../../db/client.ts";
import { appendAudit, type AuditContext } from "../../../platform/audit/audit.ts";
import { oidcLogins, oidcProviders } from "../../../platform/auth/auth.tables.ts";
import { createSession, type SessionPolicy } from "../../../platform/auth/sessions.ts";
import { newSecret, safeEqual, sha256 } from "../../../platform/auth/tokens.ts";
import { HttpError, notFound } from "../../../platform/http/errors.ts";
import { normaliseEmail } from "../sign-in.service.ts";
import { clientConfiguration, ssoRedirectUri, type OidcSettings, type SsoProviderRow } from "./oidc-client.ts";
import { identityFromClaims, userForSsoIdentity } from "./sso-accounts.ts";

// Authorization code flow with PKCE, state and nonce. What a login in flight needs is kept in
// oidc_logins (any node can finish it), keyed by the SHA-256 of the state, for ten minutes,
// and deleted when the callback arrives, so each login can be finished once.

export const SSO_BINDING_COOKIE = "cittadella_sso";
export const SSO_LOGIN_TTL_MS = 10 * 60_000;

export interface SsoEnv extends OidcSettings {
  db: Db;
  publicUrl: string;
  sessionPolicy: SessionPolicy;
  log: FastifyBaseLogger;
}

/** Enabled providers serving the domain of an email address, for the sign-in page. */
export async function discoverSsoProviders(db: Db, email: string) {
  const normalised = normaliseEmail(email);
  const domain = normalised.slice(normalised.lastIndexOf("@") + 1);
  return db
    .select({ id: oidcProviders.id, name: oidcProviders.name })
    .from(oidcProviders)
    .where(and(eq(oidcProviders.enabled, true), arrayContains(oidcProviders.emailDomains, [domain])))
    .orderBy(asc(oidcProviders.name));
}

async function configurationOf(env: SsoEnv, provider: SsoProviderRow) {
  try {
    return await clientConfiguration(provider, env);
  } catch (error) {
    env.log.warn({ providerId: provider.id, reason: (error as Error).message }, "sso discovery failed");
    throw new HttpError(502, "sso_unavailable");
  }
}

/**
 * Begins a sign-in: returns the provider's authorization URL and a random value for a cookie
 * that ties the login to this browser, so a callback link sent by someone else cannot sign the
 * victim into the sender's account.
 */
export async function startSsoLogin(env: SsoEnv, providerId: string, returnTo: string) {
  const [provider] = await env.db.select().from(oidcProviders).where(eq(oidcProviders.id, providerId));
  if (!provider || !provider.enabled) throw notFound();
  const config = await configurationOf(env, provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const browserBinding = newSecret();
  await env.db.delete(oidcLogins).where(lt(oidcLogins.createdAt, new Date(Date.now() - SSO_LOGIN_TTL_MS)));
  await env.db.insert(oidcLogins).values({
    state: sha256(state),
    providerId,
    codeVerifier,
    nonce,
    returnTo,
    data: { browserBinding: sha256(browserBinding) },
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(env.publicUrl),
    response_type: "code",
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url, browserBinding };
}

const loginInvalid = () => new HttpError(400, "sso_login_invalid", [{ field: "query.state", reason: "token_invalid" }]);

/** The login in flight for a state, taken exactly once, still fresh and started in this browser. */
async function takeLogin(db: Db, state: string, browserBinding: string | undefined) {
  const [login] = await db.delete(oidcLogins).where(eq(oidcLogins.state, sha256(state))).returning();
  if (!login || login.createdAt.getTime() < Date.now() - SSO_LOGIN_TTL_MS) throw loginInvalid();
  const expected = (login.data as { browserBinding?: string } | null)?.browserBinding;
  if (!expected || !browserBinding || !safeEqual(expected, sha256(browserBinding))) throw loginInvalid();
  return login;
}

/**
 * Finishes a sign-in from the provider's redirect: checks state, PKCE, nonce, issuer and the ID
 * token (openid-client), finds or creates the user and opens a session like password sign-in.
 */
export async function finishSsoLogin(
  env: SsoEnv,
  input: { state: string; error?: string; callbackUrl: URL; browserBinding: string | undefined; ip: string; userAgent?: string },
  audit: AuditContext,
) {
  const login = await takeLogin(env.db, input.state, input.browserBinding);
  const [provider] = await env.db.select().from(oidcProviders).where(eq(oidcProviders.id, login.providerId));
  if (!provider) throw loginInvalid();
  if (!provider.enabled) throw new HttpError(403, "sso_provider_disabled");
  // the person cancelled, or the provider refused them
  if (input.error) throw new HttpError(401, "sso_failed");

  const config = await configurationOf(env, provider);
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: input.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    // Many providers put email only in userinfo; the subject check ties it to the ID token.
    if (typeof claims.email !== "string") {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (error) {
    // the message names the failed check; tokens and codes are never logged
    env.log.warn({ providerId: provider.id, reason: (error as Error).message }, "sso callback refused");
    throw new HttpError(401, "sso_failed");
  }

  const identity = identityFromClaims(claims);
  return env.db.transaction(async (tx) => {
    const { user } = await userForSsoIdentity(tx, provider, identity, audit);
    // The provider authenticated the person, with its own second factor where it has one:
    // an SSO sign-in satisfies MFA here, so the session starts verified (authMethod "sso").
    const session = await createSession(tx, env.sessionPolicy, {
      userId: user.id,
      orgId: provider.orgId,
      mfaVerified: true,
      ip: input.ip,
      userAgent: input.userAgent,
      authMethod: "sso",
    });
    await appendAudit(tx, { ...audit, actor: { userId: user.id, email: user.email } }, {
      orgId: provider.orgId,
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
      after: { method: "sso", providerId: provider.id, subject: String(claims.sub) },
    });
    return { session, returnTo: login.returnTo ?? "/" };
  });
}
