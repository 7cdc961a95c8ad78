import { definePolicy, hasRole } from "../../platform/authz/policy.ts";
import type { Actor } from "../../platform/authz/actor.ts";

// An organisation's training plan: its admins and security managers assign paths; they and its
// auditors read the assignments and the training report (everyone's progress and scores). Nobody
// outside the organisation sees either, not its IT provider nor its coordinator: 404 for them.

const isCurrentOrg = (actor: Actor, orgId: string) => actor.role !== null && actor.orgId === orgId;

export const trainingPlanPolicy = definePolicy({
  scope: "academy",
  tenant: (actor, plan: { orgId: string }) => isCurrentOrg(actor, plan.orgId),
  readActions: ["list", "readReport"],
  rules: {
    list: (actor) => hasRole(actor, "admin", "security_manager", "auditor"),
    readReport: (actor) => hasRole(actor, "admin", "security_manager", "auditor"),
    assign: (actor) => hasRole(actor, "admin", "security_manager"),
  },
});

export const assignmentPolicy = definePolicy({
  scope: "academy",
  tenant: (actor, assignment: { orgId: string }) => isCurrentOrg(actor, assignment.orgId),
  readActions: ["read"],
  rules: {
    read: (actor) => hasRole(actor, "admin", "security_manager", "auditor"),
    delete: (actor) => hasRole(actor, "admin", "security_manager"),
  },
});
