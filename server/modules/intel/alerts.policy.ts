import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";

// An organisation's product list and the alerts it gets: its own business, no one else's (not
// its IT provider's either: the advisories an IT provider sees come to it through its own list).
const isMemberOf = (actor: Actor, orgId: string) => actor.orgId === orgId && actor.role !== null;
const keepers = ["admin", "security_manager", "it_operator"] as const;

export const productsPolicy = definePolicy({
  scope: "intel",
  tenant: (actor, shelf: { orgId: string }) => isMemberOf(actor, shelf.orgId),
  readActions: ["list"],
  rules: {
    list: (actor) => hasRole(actor, ...keepers),
    manage: (actor) => hasRole(actor, ...keepers),
  },
});

export const alertsPolicy = definePolicy({
  scope: "intel",
  tenant: (actor, shelf: { orgId: string }) => isMemberOf(actor, shelf.orgId),
  readActions: ["list"],
  rules: {
    list: (actor) => hasRole(actor, ...keepers),
    markRead: (actor) => hasRole(actor, ...keepers),
  },
});
