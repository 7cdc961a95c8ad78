import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

// Who may see and change the improvement roadmap. It belongs to the entity; its IT provider sees
// and updates only the actions carried out by the provider itself (ownerOrgId), and through them
// the risks and gaps they link to. Coordinators see nothing of it.

export interface ActionRecord {
  orgId: string;
  ownerOrgId: string;
}

const isMemberOf = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;
const isProviderOf = (actor: Actor, orgId: string) => actor.role !== null && actor.orgId !== null && actor.providerOf.includes(orgId);
/** the caller acts for the provider that carries the action out */
export const isProviderOwner = (actor: Actor, record: ActionRecord) => isProviderOf(actor, record.orgId) && actor.orgId === record.ownerOrgId;
/** the caller acts for the entity's provider, not for the entity: it sees only its own actions */
export const actsAsProvider = (actor: Actor, orgId: string) => !isMemberOf(actor, orgId) && isProviderOf(actor, orgId);

const reads = (actor: Actor) => !hasRole(actor, "employee");
const manages = (actor: Actor, orgId: string) => isMemberOf(actor, orgId) && hasRole(actor, "admin", "security_manager");
const edits = (actor: Actor, record: ActionRecord) =>
  (isMemberOf(actor, record.orgId) && hasRole(actor, "admin", "security_manager", "it_operator")) ||
  (isProviderOwner(actor, record) && hasRole(actor, "admin", "security_manager", "it_operator"));

/** The roadmap as a whole: listing, summary, exports, calendar feed, adding an action. */
export const roadmapPolicy = definePolicy({
  scope: "risks",
  tenant: (actor, roadmap: { orgId: string }) => isMemberOf(actor, roadmap.orgId) || isProviderOf(actor, roadmap.orgId),
  readActions: ["read"],
  rules: {
    // a provider reads only its own actions: the service filters on ownerOrgId
    read: (actor) => reads(actor),
    create: (actor, roadmap) => manages(actor, roadmap.orgId),
  },
});

export const actionPolicy = definePolicy({
  scope: "risks",
  tenant: (actor, record: ActionRecord) => isMemberOf(actor, record.orgId) || isProviderOwner(actor, record),
  readActions: ["read"],
  rules: {
    read: (actor) => reads(actor),
    update: (actor, record) => edits(actor, record),
    /** fields beyond status, progress, dates, description and evidence: the entity decides those */
    plan: (actor, record) => isMemberOf(actor, record.orgId) && hasRole(actor, "admin", "security_manager", "it_operator"),
    overridePriority: (actor, record) => manages(actor, record.orgId),
    addEvidence: (actor, record) => edits(actor, record),
    delete: (actor, record) => manages(actor, record.orgId),
  },
});
