import type { Actor } from "../../platform/authz/actor.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import type { ActionStatus, CsfFunction, PriorityLevel } from "./actions.schemas.ts";
import { actionPolicy, actsAsProvider } from "./actions.policy.ts";
import { isLate, type LoadedAction } from "./action-records.ts";
import { priorityReason } from "./priority.ts";

type Effort = "small" | "medium" | "large";

/**
 * An action as the API shows it. The provider sees the dependencies it can open (its own
 * actions) only: the entity's other actions stay invisible to it, even by id.
 */
export function presentAction(actor: Actor, locale: Locale, action: LoadedAction) {
  const provider = actsAsProvider(actor, action.orgId);
  const override = action.priorityOverride ? { level: action.priorityOverride as PriorityLevel, reason: action.priorityOverrideReason ?? "" } : null;
  return {
    id: action.id,
    orgId: action.orgId,
    number: action.number,
    ref: `A-${action.number}`,
    title: action.title,
    description: action.description,
    csfFunction: action.csfFunction as CsfFunction,
    ownerOrgId: action.ownerOrgId,
    ownerOrgName: action.ownerOrgName,
    ownerUserId: action.ownerUserId,
    ownerUserName: action.ownerUserName,
    priority: {
      level: override?.level ?? (action.derivedPriority as PriorityLevel),
      derivedLevel: action.derivedPriority as PriorityLevel,
      derivedScore: action.derivedScore,
      reason: priorityReason(locale, action.risks),
      override,
    },
    effort: action.effort as Effort | null,
    estimatedCostCents: action.estimatedCostCents,
    startOn: action.startOn,
    dueOn: action.dueOn,
    status: action.status as ActionStatus,
    progress: action.progress,
    late: isLate(action),
    riskIds: action.risks.map((r) => r.id),
    gaps: action.gaps,
    dependsOnIds: action.dependsOn.filter((d) => !provider || d.ownerOrgId === actor.orgId).map((d) => d.id),
    evidence: action.evidence.map((e) => ({ id: e.id, title: e.title, url: e.url, fileId: e.fileId, createdAt: e.createdAt.toISOString() })),
    completedAt: action.completedAt?.toISOString() ?? null,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
    actions: actionPolicy.allowedActions(actor, action),
  };
}
