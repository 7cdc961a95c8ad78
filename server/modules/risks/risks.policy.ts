import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

// Who may see and change the risk register of an organisation (docs/plans/risks-api.md):
// admin and security manager manage it; IT operator, auditor and viewer read it; an employee is a
// member but reads nothing (403). The organisation's IT provider reads only the risks linked to
// the actions it owns, and only their title and level (the presenter trims the rest); anything
// else of the register is invisible to it (404), as it is to coordinators and everyone else.

const isMember = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;
const reads = (actor: Actor, orgId: string) => isMember(actor, orgId) && hasRole(actor, "admin", "security_manager", "it_operator", "auditor", "viewer");
const manages = (actor: Actor, orgId: string) => isMember(actor, orgId) && hasRole(actor, "admin", "security_manager");
export const isProviderOf = (actor: Actor, orgId: string) => actor.role !== null && actor.providerOf.includes(orgId);

/** The register as a whole: its list, heat map, exports and matrix. */
export const registerPolicy = definePolicy({
  scope: "risks",
  tenant: (actor, register: { orgId: string }) => isMember(actor, register.orgId),
  readActions: ["read", "export"],
  rules: {
    read: (actor, register) => reads(actor, register.orgId),
    export: (actor, register) => reads(actor, register.orgId),
    create: (actor, register) => manages(actor, register.orgId),
    configureMatrix: (actor, register) => manages(actor, register.orgId),
  },
});

/** Listing risks: the provider may list too, and gets only the risks of its actions (service). */
export const riskListPolicy = definePolicy({
  scope: "risks",
  tenant: (actor, register: { orgId: string }) => isMember(actor, register.orgId) || isProviderOf(actor, register.orgId),
  readActions: ["list"],
  rules: { list: (actor, register) => reads(actor, register.orgId) || isProviderOf(actor, register.orgId) },
});

export interface RiskRecord {
  orgId: string;
  /** linked to an action owned by the caller's organisation as the entity's IT provider */
  linkedToCallerActions: boolean;
}

export const riskPolicy = definePolicy({
  scope: "risks",
  tenant: (actor, record: RiskRecord) => isMember(actor, record.orgId) || (isProviderOf(actor, record.orgId) && record.linkedToCallerActions),
  readActions: ["read", "history"],
  rules: {
    read: (actor, record) => reads(actor, record.orgId) || (!isMember(actor, record.orgId) && record.linkedToCallerActions),
    history: (actor, record) => reads(actor, record.orgId),
    update: (actor, record) => manages(actor, record.orgId),
    review: (actor, record) => manages(actor, record.orgId),
  },
});

/** A provider's view of a risk: title and level only. */
export const seesOnlySummary = (actor: Actor, orgId: string) => !isMember(actor, orgId);
