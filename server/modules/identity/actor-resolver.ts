import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { ActorResolver } from "../../platform/auth/authenticate.ts";
import type { Role } from "../../platform/authz/actor.ts";
import { memberships, organisationRelationships, organisations, users } from "./identity.tables.ts";

// Two small indexed queries per request: the user with their membership, then relationships.
export function createActorResolver(db: Db): ActorResolver {
  return async (userId, orgId) => {
    const [row] = await db
      .select({
        user: { id: users.id, email: users.email, name: users.name, locale: users.locale, totpEnabledAt: users.totpEnabledAt, disabledAt: users.disabledAt },
        role: memberships.role,
        requireAdminMfa: organisations.requireAdminMfa,
      })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id), orgId ? eq(memberships.orgId, orgId) : sql`false`))
      .leftJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(users.id, userId))
      .limit(1);
    if (!row || row.user.disabledAt) return null;
    const role = (row.role as Role | null) ?? null;
    const activeOrg = role ? orgId : null;
    let providerOf: string[] = [];
    let coordinatorOf: string[] = [];
    if (activeOrg) {
      const relations = await db
        .select({ kind: organisationRelationships.kind, toOrgId: organisationRelationships.toOrgId })
        .from(organisationRelationships)
        .where(
          and(
            eq(organisationRelationships.fromOrgId, activeOrg),
            inArray(organisationRelationships.kind, ["provider_of", "coordinator_of"]),
          ),
        );
      providerOf = relations.filter((r) => r.kind === "provider_of").map((r) => r.toOrgId);
      coordinatorOf = relations.filter((r) => r.kind === "coordinator_of").map((r) => r.toOrgId);
    }
    return {
      userId: row.user.id,
      email: row.user.email,
      name: row.user.name,
      locale: row.user.locale === "en" ? "en" : "it",
      orgId: activeOrg,
      role,
      providerOf,
      coordinatorOf,
      mfaEnrolled: row.user.totpEnabledAt !== null,
      adminMfaRequired: role === "admin" && row.requireAdminMfa === true,
    };
  };
}
