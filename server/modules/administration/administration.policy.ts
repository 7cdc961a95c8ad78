import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

// Who may read an organisation's audit log and its mail. Both are read only: nobody changes
// the audit log through the API, and mail is written by the platform.

export interface OrganisationLogRecord {
  orgId: string;
}

// Only the organisation the caller acts for: a provider or coordinator does not read the
// client's audit log or mail.
const isCurrentOrg = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;

export const auditLogPolicy = definePolicy({
  scope: "audit",
  tenant: (actor, record: OrganisationLogRecord) => isCurrentOrg(actor, record.orgId),
  readActions: ["browse", "export"],
  rules: {
    browse: (actor) => hasRole(actor, "admin", "auditor"),
    export: (actor) => hasRole(actor, "admin", "auditor"),
  },
});

// Mail bodies carry invitation links, which are secrets: admins only, and the scope "mail" is
// not one an API token can be given, so only a signed-in admin reads them.
export const mailOutboxPolicy = definePolicy({
  scope: "mail",
  tenant: (actor, record: OrganisationLogRecord) => isCurrentOrg(actor, record.orgId),
  readActions: ["browse"],
  rules: {
    browse: (actor) => hasRole(actor, "admin"),
  },
});
