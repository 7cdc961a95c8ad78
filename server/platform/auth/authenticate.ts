import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Db } from "../../db/client.ts";
import { HttpError, unauthenticated } from "../http/errors.ts";
import type { Actor } from "../authz/actor.ts";
import { pickLocale, type Locale } from "../i18n/locale.ts";
import { findLiveApiToken } from "./api-tokens.ts";
import { keepSessionAlive, SESSION_COOKIE, type SessionPolicy, type SessionRow } from "./sessions.ts";
import { safeEqual, sha256 } from "./tokens.ts";

export type ResolvedActor = Omit<Actor, "via" | "scopes" | "sessionTokenHash"> & { adminMfaRequired: boolean };

/**
 * Looks up the user and their membership in an organisation; supplied by the identity module.
 * `forSession` loads a session row and its actor in one query: every request with a cookie pays
 * for it, so it is one round trip, not two (measured in bench/).
 */
export interface ActorResolver {
  forUser(userId: string, orgId: string | null): Promise<ResolvedActor | null>;
  /** null: no session with that token hash; actor null: its user is gone or disabled */
  forSession(tokenHash: string): Promise<{ session: SessionRow; actor: ResolvedActor | null } | null>;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionRow | null;
    locale: Locale;
    /** set when the caller must still give a second factor or enrol one before acting */
    mfaBlock: "mfa_required" | "mfa_enrolment_required" | null;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AuthenticateOptions {
  db: Db;
  sessionPolicy: SessionPolicy;
  resolveActor: ActorResolver;
}

// Puts { actor, session, locale } on every request. Nothing else reads cookies or auth headers.
export const authenticate = fp(
  async (app: FastifyInstance, opts: AuthenticateOptions) => {
    app.decorateRequest("actor", null);
    app.decorateRequest("session", null);
    app.decorateRequest("locale", "it");
    app.decorateRequest("mfaBlock", null);

    app.addHook("onRequest", async (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      request.locale = pickLocale(request.headers["accept-language"], typeof query?.lang === "string" ? query.lang : null);
      if (!request.url.startsWith("/api/")) return;

      const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (bearer) {
        const token = await findLiveApiToken(opts.db, bearer);
        if (!token) throw new HttpError(401, "token_invalid");
        const resolved = await opts.resolveActor.forUser(token.userId, token.orgId);
        if (!resolved || resolved.orgId !== token.orgId) throw new HttpError(401, "token_invalid");
        const { adminMfaRequired: _ignored, ...actor } = resolved;
        request.actor = { ...actor, via: "token", scopes: token.scopes };
        request.locale = pickLocale(request.headers["accept-language"], actor.locale);
        return;
      }

      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return;
      const found = await opts.resolveActor.forSession(sha256(cookie));
      if (!found) return;
      const session = await keepSessionAlive(opts.db, opts.sessionPolicy, found.session);
      if (!session) return;
      request.session = session;
      if (UNSAFE.has(request.method)) {
        const sent = request.headers["x-csrf-token"];
        if (typeof sent !== "string" || !safeEqual(sent, session.csrfToken)) throw new HttpError(403, "csrf_failed");
      }
      const resolved = found.actor;
      if (!resolved) return;
      const { adminMfaRequired, ...actor } = resolved;
      if (actor.mfaEnrolled && !session.mfaVerified) request.mfaBlock = "mfa_required";
      // an SSO session's second factor is the identity provider's business, so no enrolment here
      else if (adminMfaRequired && !actor.mfaEnrolled && session.authMethod !== "sso") request.mfaBlock = "mfa_enrolment_required";
      request.actor = { ...actor, via: "session", sessionTokenHash: session.tokenHash };
    });
  },
  { name: "cittadella-authenticate", dependencies: ["@fastify/cookie"] },
);

/**
 * The signed-in caller, or 401. `allowMfaPending` is for the few routes a caller uses to finish
 * or set up two-step verification (and to sign out).
 */
export function requireActor(request: FastifyRequest, options: { allowMfaPending?: boolean } = {}): Actor {
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  if (request.mfaBlock && !options.allowMfaPending) throw new HttpError(403, request.mfaBlock);
  return actor;
}
