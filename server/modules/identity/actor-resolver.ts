import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { ActorResolver, ResolvedActor } from "../../platform/auth/authenticate.ts";
import type { Role } from "../../platform/authz/actor.ts";
import { sessions } from "../../platform/auth/auth.tables.ts";
import { memberships, organisationRelationships, organisations, users } from "./identity.tables.ts";

// Every authenticated request runs one of these two prepared queries: the user, their membership
// in the organisation and the organisations it is provider or coordinator of, and for a browser
// the session row as well, all in one round trip (measured in bench/: round trips, not rows, are
// what an authenticated request pays for).
const relatedIds = (kind: "provider_of" | "coordinator_of") =>
  sql<string[]>`coalesce((select array_agg(${organisationRelationships.toOrgId}::text) from ${organisationRelationships}
    where ${organisationRelationships.fromOrgId} = ${memberships.orgId} and ${organisationRelationships.kind} = ${kind}), '{}')`;

const actorColumns = {
  user: { id: users.id, email: users.email, name: users.name, locale: users.locale, totpEnabledAt: users.totpEnabledAt, disabledAt: users.disabledAt },
  role: memberships.role,
  requireAdminMfa: organisations.requireAdminMfa,
  providerOf: relatedIds("provider_of"),
  coordinatorOf: relatedIds("coordinator_of"),
};

interface ActorRow {
  user: { id: string; email: string; name: string; locale: string; totpEnabledAt: Date | null; disabledAt: Date | null } | null;
  role: string | null;
  requireAdminMfa: boolean | null;
  providerOf: string[];
  coordinatorOf: string[];
}

function toActor(row: ActorRow, orgId: string | null): ResolvedActor | null {
  if (!row.user || row.user.disabledAt) return null;
  const role = (row.role as Role | null) ?? null;
  const activeOrg = role ? orgId : null;
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    locale: row.user.locale === "en" ? "en" : "it",
    orgId: activeOrg,
    role,
    providerOf: activeOrg ? row.providerOf : [],
    coordinatorOf: activeOrg ? row.coordinatorOf : [],
    mfaEnrolled: row.user.totpEnabledAt !== null,
    adminMfaRequired: role === "admin" && row.requireAdminMfa === true,
  };
}

export function createActorResolver(db: Db): ActorResolver {
  // A null orgId compares "org_id = null", which matches no membership, as it should.
  const byUser = db
    .select(actorColumns)
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, sql.placeholder("orgId"))))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare("actor_by_user_and_org");
  const bySession = db
    .select({ session: sessions, ...actorColumns })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.orgId, sessions.orgId)))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(sessions.tokenHash, sql.placeholder("tokenHash")))
    .limit(1)
    .prepare("actor_by_session");
  return {
    async forUser(userId, orgId) {
      const [row] = await byUser.execute({ userId, orgId });
      return row ? toActor(row, orgId) : null;
    },
    async forSession(tokenHash) {
      const [row] = await bySession.execute({ tokenHash });
      if (!row) return null;
      return { session: row.session, actor: toActor(row, row.session.orgId) };
    },
  };
}
