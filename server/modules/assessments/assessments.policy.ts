import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

// Who may see and change an assessment. It belongs to one organisation; a user of the
// organisation's IT provider sees it only while assigned to it, and then answers only the
// requirements assigned to them (checked per row in answers.service.ts).

export type AssessmentStatus = "draft" | "in_review" | "approved";

export interface AssessmentRecord {
  orgId: string;
  status: string;
  /** users assigned to the assessment */
  assigneeIds: string[];
  sharedUpward: boolean;
}

export const isMemberOf = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;
export const isProviderAssignee = (actor: Actor, record: AssessmentRecord) =>
  actor.role !== null && actor.providerOf.includes(record.orgId) && record.assigneeIds.includes(actor.userId);

/** a coordinator reads only what an organisation approved and chose to share upward */
export const isCoordinatorReader = (actor: Actor, record: AssessmentRecord) =>
  actor.role !== null && actor.coordinatorOf.includes(record.orgId) && record.status === "approved" && record.sharedUpward;

const manages = (actor: Actor, record: AssessmentRecord) => isMemberOf(actor, record.orgId) && hasRole(actor, "admin", "security_manager");
const answers = (actor: Actor, record: AssessmentRecord) =>
  (isMemberOf(actor, record.orgId) && (hasRole(actor, "admin", "security_manager") || record.assigneeIds.includes(actor.userId))) ||
  (isProviderAssignee(actor, record) && hasRole(actor, "admin", "security_manager", "it_operator", "employee"));
const open = (record: AssessmentRecord) => record.status !== "approved";

/** An organisation's assessments as a whole: listing and starting one. */
export const assessmentShelfPolicy = definePolicy({
  scope: "assessments",
  tenant: (actor, shelf: { orgId: string }) =>
    isMemberOf(actor, shelf.orgId) || (actor.role !== null && (actor.providerOf.includes(shelf.orgId) || actor.coordinatorOf.includes(shelf.orgId))),
  readActions: ["list"],
  rules: {
    // a provider's user lists only the assessments assigned to them, a coordinator only the
    // approved ones shared upward (filtered in the service)
    list: () => true,
    create: (actor, shelf) => isMemberOf(actor, shelf.orgId) && hasRole(actor, "admin", "security_manager"),
  },
});

export const assessmentPolicy = definePolicy({
  scope: "assessments",
  tenant: (actor, record: AssessmentRecord) => isMemberOf(actor, record.orgId) || isProviderAssignee(actor, record) || isCoordinatorReader(actor, record),
  readActions: ["read"],
  rules: {
    read: () => true,
    update: (actor, record) => record.status === "draft" && manages(actor, record),
    answer: (actor, record) => open(record) && answers(actor, record),
    submit: (actor, record) => record.status === "draft" && manages(actor, record),
    return: (actor, record) => record.status === "in_review" && manages(actor, record),
    // sign-off is a managerial act of the organisation itself, never of its provider
    approve: (actor, record) => record.status === "in_review" && manages(actor, record),
    newCycle: (actor, record) => record.status === "approved" && manages(actor, record),
  },
});
