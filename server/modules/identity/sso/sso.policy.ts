import { definePolicy, hasRole } from "../../../platform/authz/policy.ts";

// An organisation's SSO providers belong to it alone: other organisations (its IT provider and
// coordinator included) never see them (404); its members see that they exist only through the
// sign-in page, and only its admins read or change their settings (403 for other roles).

export interface SsoProviderRecord {
  orgId: string;
}

export const ssoProviderPolicy = definePolicy({
  scope: "identity",
  tenant: (actor, provider: SsoProviderRecord) => actor.orgId === provider.orgId && actor.role !== null,
  readActions: ["read"],
  rules: {
    read: (actor) => hasRole(actor, "admin"),
    update: (actor) => hasRole(actor, "admin"),
    remove: (actor) => hasRole(actor, "admin"),
  },
});
