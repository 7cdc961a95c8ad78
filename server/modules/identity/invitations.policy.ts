import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

export interface InvitationRecord {
  orgId: string;
}

// Invitations are visible to the organisation they invite into; only its admins manage them.
export const invitationPolicy = definePolicy({
  scope: "identity",
  tenant: (actor, invitation: InvitationRecord) => actor.orgId === invitation.orgId && actor.role !== null,
  readActions: ["read"],
  rules: {
    read: (actor) => hasRole(actor, "admin"),
    revoke: (actor) => hasRole(actor, "admin"),
  },
});
