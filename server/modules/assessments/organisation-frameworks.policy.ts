import { definePolicy, hasRole } from "../../platform/authz/policy.ts";
import { isMemberOf } from "./assessments.policy.ts";

// The frameworks an organisation uploaded. Its members and its IT provider (who answers its
// assessments) read them; only its own admins and security managers load or remove them.
export const organisationFrameworksPolicy = definePolicy({
  scope: "assessments",
  tenant: (actor, shelf: { orgId: string }) => isMemberOf(actor, shelf.orgId) || (actor.role !== null && actor.providerOf.includes(shelf.orgId)),
  readActions: ["read"],
  rules: {
    read: () => true,
    manage: (actor, shelf) => isMemberOf(actor, shelf.orgId) && hasRole(actor, "admin", "security_manager"),
  },
});
