import { definePolicy, hasRole } from "../../platform/authz/policy.ts";
import type { Actor } from "../../platform/authz/actor.ts";

// Who may do what with organisations, members and relationships. Tenant check first:
// a record the caller cannot see answers 404, never a hint that it exists.

export interface OrganisationRecord {
  id: string;
}

const isCurrentOrg = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;
const relatedTo = (actor: Actor, orgId: string) => actor.providerOf.includes(orgId) || actor.coordinatorOf.includes(orgId);

export const organisationPolicy = definePolicy({
  scope: "identity",
  tenant: (actor, org: OrganisationRecord) => isCurrentOrg(actor, org.id) || relatedTo(actor, org.id),
  readActions: ["read", "listMembers", "listRelationships"],
  rules: {
    read: () => true,
    update: (actor, org) => isCurrentOrg(actor, org.id) && hasRole(actor, "admin"),
    listMembers: (actor, org) => isCurrentOrg(actor, org.id) && hasRole(actor, "admin", "security_manager", "auditor"),
    invite: (actor, org) => isCurrentOrg(actor, org.id) && hasRole(actor, "admin"),
    listRelationships: (actor, org) => isCurrentOrg(actor, org.id) && hasRole(actor, "admin", "security_manager", "auditor"),
    manageRelationships: (actor, org) => isCurrentOrg(actor, org.id) && hasRole(actor, "admin"),
    manageSso: (actor, org) => isCurrentOrg(actor, org.id) && hasRole(actor, "admin"),
  },
});

export interface MemberRecord {
  orgId: string;
  userId: string;
}

export const memberPolicy = definePolicy({
  scope: "identity",
  tenant: (actor, member: MemberRecord) => isCurrentOrg(actor, member.orgId),
  readActions: ["read"],
  rules: {
    read: (actor, member) => member.userId === actor.userId || hasRole(actor, "admin", "security_manager", "auditor"),
    changeRole: (actor, member) => hasRole(actor, "admin") && member.userId !== actor.userId,
    setWorkplace: (actor) => hasRole(actor, "admin"),
    remove: (actor, member) => hasRole(actor, "admin") || member.userId === actor.userId,
  },
});

export interface RelationshipRecord {
  fromOrgId: string;
  toOrgId: string;
}

export const relationshipPolicy = definePolicy({
  scope: "identity",
  tenant: (actor, r: RelationshipRecord) => isCurrentOrg(actor, r.fromOrgId) || isCurrentOrg(actor, r.toOrgId),
  readActions: ["read"],
  rules: {
    read: () => true,
    // either side may end a relationship
    remove: (actor) => hasRole(actor, "admin"),
  },
});
