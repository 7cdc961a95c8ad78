import type { FastifyRequest } from "fastify";
import { API_TOKEN_PREFIX, findLiveApiToken } from "../../../platform/auth/api-tokens.ts";
import { verifyPassword } from "../../../platform/auth/passwords.ts";
import { clearFailures, reserveAttempt } from "../../../platform/auth/throttle.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { defaultOrgFor, findUserByEmail, normaliseEmail } from "../../identity/index.ts";
import type { Caller } from "../items.service.ts";
import { viewerOf } from "../viewer.ts";

// TAXII clients authenticate on every request, mostly with HTTP Basic. Accepted:
//   Authorization: Bearer <API token>
//   Authorization: Basic <anything or email>:<API token>
//   Authorization: Basic <email>:<password>, for people without two-step verification (the
//     password alone would bypass it): throttled like the sign-in form; acts for the person's
//     first organisation.
// An API token keeps its scopes: intel:read to read collections, intel:write to add or delete.

const challenge = { "www-authenticate": 'Basic realm="Cittadella TAXII", charset="UTF-8"' };
const refused = (code: "unauthenticated" | "token_invalid" | "invalid_credentials") => new HttpError(401, code, [], challenge);

async function actorFromToken(ctx: AppContext, token: string): Promise<Actor> {
  const row = await findLiveApiToken(ctx.db, token);
  if (!row) throw refused("token_invalid");
  const resolved = await ctx.resolveActor.forUser(row.userId, row.orgId);
  if (!resolved || resolved.orgId !== row.orgId) throw refused("token_invalid");
  const { adminMfaRequired: _ignored, ...actor } = resolved;
  return { ...actor, via: "token", scopes: row.scopes };
}

async function actorFromPassword(ctx: AppContext, request: FastifyRequest, emailInput: string, password: string): Promise<Actor> {
  const email = normaliseEmail(emailInput);
  if (!(await reserveAttempt(ctx.db, email, request.ip))) throw new HttpError(429, "too_many_attempts", [], { "retry-after": "900" });
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.disabledAt) throw refused("invalid_credentials");
  // with two-step verification on, only an API token may stand in for the person
  if (user.totpEnabledAt) throw refused("invalid_credentials");
  await clearFailures(ctx.db, email, request.ip);
  const resolved = await ctx.resolveActor.forUser(user.id, await defaultOrgFor(ctx.db, user.id));
  if (!resolved) throw refused("invalid_credentials");
  const { adminMfaRequired, ...actor } = resolved;
  if (adminMfaRequired && actor.role === "admin") throw refused("invalid_credentials");
  return { ...actor, via: "session" };
}

/** The TAXII caller with its TLP view; 401 with a Basic challenge when missing or wrong. */
export async function taxiiCaller(ctx: AppContext, request: FastifyRequest): Promise<Caller> {
  const header = request.headers.authorization ?? "";
  const bearer = header.match(/^Bearer\s+(\S+)$/i)?.[1];
  const basic = header.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i)?.[1];
  let actor: Actor;
  if (bearer) actor = await actorFromToken(ctx, bearer);
  else if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw refused("unauthenticated");
    const user = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    actor = secret.startsWith(API_TOKEN_PREFIX) ? await actorFromToken(ctx, secret) : await actorFromPassword(ctx, request, user, secret);
  } else throw refused("unauthenticated");
  request.actor = actor;
  const viewer = await viewerOf(ctx.db, ctx.config.secretKey, actor);
  return { actor, viewer, audit: { actor, ip: request.ip, userAgent: request.headers["user-agent"] ?? null } };
}
