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
  return async (userId, orgId) => {
    const [row] = await db
      .select({
        user: { id: users.id, email: users.email, name: users.name, locale: users.locale, totpEnabledAt: users.totpEnabledAt, disabledAt: users.disabledAt },
        role: memberships.role,
        requireAdminMfa: organisations.requireAdminMfa,
        providerOf: relatedIds("provider_of"),
        coordinatorOf: relatedIds("coordinator_of"),
      })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id), orgId ? eq(memberships.orgId, orgId) : sql`false`))
      .leftJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(users.id, userId))
      .limit(1);
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
