import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { ActorResolver } from "../../platform/auth/authenticate.ts";
import type { Role } from "../../platform/authz/actor.ts";
import { memberships, organisationRelationships, organisations, users } from "./identity.tables.ts";

// One indexed query per request: the user, their membership in the organisation and the
// organisations it is provider or coordinator of (measured in bench/: every authenticated request
// pays for it, so it is one round trip, not two).
const relatedIds = (kind: "provider_of" | "coordinator_of") =>
  sql<string[]>`coalesce((select array_agg(${organisationRelationships.toOrgId}::text) from ${organisationRelationships}
    where ${organisationRelationships.fromOrgId} = ${memberships.orgId} and ${organisationRelationships.kind} = ${kind}), '{}')`;

export function createActorResolver(db: Db): ActorResolver {
  // prepared once: every authenticated request runs it. A null orgId compares "org_id = null",
  // which matches no membership, as it should.
  const lookup = db
    .select({
      user: { id: users.id, email: users.email, name: users.name, locale: users.locale, totpEnabledAt: users.totpEnabledAt, disabledAt: users.disabledAt },
      role: memberships.role,
      requireAdminMfa: organisations.requireAdminMfa,
      providerOf: relatedIds("provider_of"),
      coordinatorOf: relatedIds("coordinator_of"),
    })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, sql.placeholder("orgId"))))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare("actor_by_user_and_org");
  return async (userId, orgId) => {
    const [row] = await lookup.execute({ userId, orgId });
    if (!row || row.user.disabledAt) return null;
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
  };
}
