import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";
import { canSee, type Sharing, type Viewer } from "./tlp.ts";

// Who may see and change shared intelligence. Visibility is TLP (tlp.ts) and nothing else; the
// rules then say what a caller who sees an item may do with it.

/** An item as the policy judges it: its sharing, the caller's TLP view, and the edit key check. */
export interface ItemAccess {
  sharing: Sharing;
  viewer: Viewer;
  /** the caller presented the item's edit key (anonymous items) */
  holdsEditKey: boolean;
}

const writerRoles = ["admin", "security_manager", "it_operator"] as const;

/** The author organisation's writers, or whoever holds an anonymous item's edit key. */
export const isItemAuthor = (actor: Actor, access: ItemAccess) =>
  access.holdsEditKey || (access.sharing.authorOrgId !== null && access.sharing.authorOrgId === actor.orgId && hasRole(actor, ...writerRoles));

const author = (actor: Actor, access: ItemAccess) => isItemAuthor(actor, access);
const inOrganisation = (_actor: Actor, access: ItemAccess) => access.viewer.orgId !== null;

export const itemPolicy = definePolicy({
  scope: "intel",
  tenant: (_actor, access: ItemAccess) => canSee(access.viewer, access.sharing),
  readActions: ["read"],
  rules: {
    read: () => true,
    update: (actor, access) => access.sharing.status !== "revoked" && author(actor, access),
    // only the author's organisation changes the marking or the recipients, relaxing included
    share: (actor, access) => access.sharing.status !== "revoked" && author(actor, access),
    publish: (actor, access) => access.sharing.status === "draft" && author(actor, access),
    withdraw: (actor, access) => access.sharing.status !== "revoked" && author(actor, access),
    sight: (actor, access) => access.sharing.status === "published" && inOrganisation(actor, access),
    comment: (actor, access) => access.sharing.status === "published" && inOrganisation(actor, access),
  },
});

/** Publishing something new, on behalf of the caller's organisation. */
export const itemShelfPolicy = definePolicy({
  scope: "intel",
  tenant: (actor, _shelf: { orgId: string | null }) => actor.orgId !== null && actor.role !== null,
  readActions: ["list", "scan"],
  rules: {
    list: () => true,
    scan: () => true,
    publish: (actor) => hasRole(actor, ...writerRoles),
  },
});


// Communities: their members' users see them; moderators manage them. A new community is set up
// by the admin of a coordinating body (a regione, provincia, città metropolitana, the police's
// cyber unit, or any organisation that coordinates others): they are the ones who convene a
// "Cyber Secure City" group. There is no platform-wide administrator in Cittadella.

export const coordinatingTypes = ["regione", "provincia", "citta_metropolitana", "cert_police"];

export interface CommunityAccess {
  memberOrgIds: string[];
  moderatorIds: string[];
}

const isMember = (actor: Actor, c: CommunityAccess) => actor.orgId !== null && actor.role !== null && c.memberOrgIds.includes(actor.orgId);
const isModerator = (actor: Actor, c: CommunityAccess) => actor.role !== null && c.moderatorIds.includes(actor.userId);

export const communityPolicy = definePolicy({
  scope: "intel",
  tenant: (actor, c: CommunityAccess) => isMember(actor, c) || isModerator(actor, c),
  readActions: ["read"],
  rules: {
    read: () => true,
    manage: isModerator,
  },
});

export const communityShelfPolicy = definePolicy({
  scope: "intel",
  tenant: (actor, _shelf: { orgType: string | null }) => actor.orgId !== null && actor.role !== null,
  readActions: ["list"],
  rules: {
    list: () => true,
    create: (actor, shelf) => hasRole(actor, "admin") && (coordinatingTypes.includes(shelf.orgType ?? "") || actor.coordinatorOf.length > 0),
  },
});
