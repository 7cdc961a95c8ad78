import type { Actor, Role } from "../../platform/authz/actor.ts";
import { memberPolicy, organisationPolicy, relationshipPolicy } from "./identity.policy.ts";
import type { MemberView } from "./members.service.ts";
import type { OrganisationRow } from "./organisations.service.ts";

// Row -> API shape, with the actions the caller may take, so the UI never guesses permissions.

export function presentOrganisation(actor: Actor, org: OrganisationRow, myRole: Role | null) {
  return {
    id: org.id,
    name: org.name,
    type: org.type as never,
    ipaCode: org.ipaCode,
    fiscalCode: org.fiscalCode,
    requireAdminMfa: org.requireAdminMfa,
    createdAt: org.createdAt.toISOString(),
    myRole,
    actions: organisationPolicy.allowedActions(actor, org),
  };
}

export function presentMember(actor: Actor, m: MemberView) {
  return {
    userId: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    office: m.office,
    managementBody: m.managementBody,
    mfaEnabled: m.mfaEnabled,
    joinedAt: m.joinedAt.toISOString(),
    actions: memberPolicy.allowedActions(actor, m),
  };
}

export function presentRelationship(
  actor: Actor,
  r: { id: string; kind: string; fromOrgId: string; toOrgId: string; createdAt: Date },
  orgs: Map<string, OrganisationRow>,
) {
  const brief = (id: string) => {
    const o = orgs.get(id);
    return { id, name: o?.name ?? "", type: (o?.type ?? "other") as never };
  };
  return {
    id: r.id,
    kind: r.kind as "provider_of" | "coordinator_of",
    fromOrg: brief(r.fromOrgId),
    toOrg: brief(r.toOrgId),
    createdAt: r.createdAt.toISOString(),
    actions: relationshipPolicy.allowedActions(actor, r),
  };
}
