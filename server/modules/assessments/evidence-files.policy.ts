import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy } from "../../platform/authz/policy.ts";
import { type AssessmentRecord, isCoordinatorReader, isMemberOf, isProviderAssignee } from "./assessments.policy.ts";

// Who may download the file attached as evidence to an answer. The file belongs to the assessed
// organisation: its members read it as any of their files; a user of its IT provider reads the
// files of the requirements assigned to them, and only while the provider relationship lasts
// (actor.providerOf is loaded from the relationships on every request). A coordinator sees the
// shared results, not the entity's documents.

export interface EvidenceFileRecord extends AssessmentRecord {
  requirementId: string;
  assignees: { userId: string; requirementIds: string[] | null }[];
}

const assignedTo = (actor: Actor, record: EvidenceFileRecord) =>
  record.assignees.some((a) => a.userId === actor.userId && a.requirementIds?.includes(record.requirementId));

export const evidenceFilePolicy = definePolicy({
  scope: "assessments",
  tenant: (actor, record: EvidenceFileRecord) => isMemberOf(actor, record.orgId) || isProviderAssignee(actor, record) || isCoordinatorReader(actor, record),
  readActions: ["download"],
  rules: {
    download: (actor, record) => isMemberOf(actor, record.orgId) || (isProviderAssignee(actor, record) && assignedTo(actor, record)),
  },
});
