import type { Actor } from "../../platform/authz/actor.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import type { AnswerRow, AssessmentRow, LoadedAssessment } from "./assessment-records.ts";
import { answerableBy } from "./answers.service.ts";

type Status = "draft" | "in_review" | "approved";

export function presentAssessmentSummary(actor: Actor, row: AssessmentRow, record: LoadedAssessment) {
  return {
    id: row.id,
    orgId: row.orgId,
    frameworkId: row.frameworkId,
    level: row.level,
    scopeService: row.scopeService,
    title: row.title,
    targetDate: row.targetDate,
    ownerId: row.ownerId,
    status: row.status as Status,
    approvedBy: row.approvedBy,
    approvedByName: row.approvedByName,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    sharedUpward: row.sharedUpward,
    previousId: row.previousId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: assessmentPolicy.allowedActions(actor, { ...record, status: row.status }),
  };
}

export function presentAnswer(row: AnswerRow) {
  return {
    requirementId: row.requirementId,
    status: row.status as "implemented" | "partial" | "not_implemented" | "not_applicable",
    reason: row.reason,
    currentMaturity: row.currentMaturity,
    targetMaturity: row.targetMaturity,
    notes: row.notes,
    derived: row.derived,
    answeredBy: row.answeredBy,
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}

export function presentAssessment(actor: Actor, record: LoadedAssessment, answers: AnswerRow[]) {
  const answerable = answerableBy(actor, record);
  return {
    ...presentAssessmentSummary(actor, record, record),
    assignees: record.assignees.map((a) => ({ userId: a.userId, requirementIds: a.requirementIds })),
    answers: answers.map(presentAnswer),
    answerable: answerable ? [...answerable].sort() : null,
  };
}
