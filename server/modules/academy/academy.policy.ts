import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";
import { notFound } from "../../platform/http/errors.ts";

// Who may learn on a path. A published public path is open to anyone, signed in or not; an
// organisation's own path only to its members. Drafts and retired versions are for no learner.

export interface PathVisibility {
  status: string;
  visibility: string;
  ownerOrgId: string | null;
}

export const pathVisibleTo = (actor: Actor | null, path: PathVisibility) =>
  path.status === "published" &&
  (path.visibility === "public" || (actor !== null && actor.role !== null && path.ownerOrgId !== null && actor.orgId === path.ownerOrgId));

/** The path when an anonymous visitor or the actor may see it; 404 otherwise (never a hint it exists). */
export function visiblePath<T extends PathVisibility>(actor: Actor | null, path: T | undefined): T {
  if (!path || !pathVisibleTo(actor, path)) throw notFound();
  return path;
}

/** Recording progress, attempts and certificates: signed-in learners who may see the path. */
export const learningPathPolicy = definePolicy({
  scope: "academy",
  tenant: (actor, path: PathVisibility) => pathVisibleTo(actor, path),
  readActions: ["read"],
  rules: {
    read: () => true,
    learn: () => true,
  },
});

/** An organisation's learning record: its managers read its learners' statements. */
export const learningRecordPolicy = definePolicy({
  scope: "academy",
  tenant: (actor, org: { orgId: string }) => actor.role !== null && actor.orgId === org.orgId,
  readActions: ["readLearners"],
  rules: {
    readLearners: (actor) => hasRole(actor, "admin", "security_manager"),
  },
});
