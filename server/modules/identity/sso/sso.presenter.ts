import type { Actor, Role } from "../../../platform/authz/actor.ts";
import { ssoRedirectUri, type SsoProviderRow } from "./oidc-client.ts";
import { ssoProviderPolicy } from "./sso.policy.ts";

// The client secret never leaves the server: replies and audit entries say only whether one is set.

export function presentSsoProvider(actor: Actor, row: SsoProviderRow, publicUrl: string) {
  return {
    ...auditViewOfSsoProvider(row),
    redirectUri: ssoRedirectUri(publicUrl),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: ssoProviderPolicy.allowedActions(actor, row),
  };
}

export function auditViewOfSsoProvider(row: SsoProviderRow) {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretEncrypted !== null,
    emailDomains: row.emailDomains,
    defaultRole: row.defaultRole as Role | null,
    enabled: row.enabled,
  };
}
