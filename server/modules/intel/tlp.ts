import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { authorTag } from "./anonymity.ts";
import { intelItemCommunities, intelItemRecipientOrgs, intelItemRecipientUsers, intelItems } from "./intel.tables.ts";

// TLP 2.0, enforced. ONE rule, written twice: `canSee` for a record in hand and
// `visibleItemsWhere` for lists and search in the database. tlp.test.ts proves they agree on a
// matrix of items and callers; every channel (API, public page, feed, and later TAXII, exports,
// mail and webhooks) asks one of the two.
//
//   CLEAR          everyone, also without signing in
//   GREEN          members of the communities the item was shared with
//   AMBER          the recipient organisations and, when the author allows, their IT providers
//   AMBER+STRICT   the recipient organisations only
//   RED            the named people only
// The author's organisation always sees its items, drafts included; nobody else sees a draft.

export const tlpLevels = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type Tlp = (typeof tlpLevels)[number];

/** true when `to` lets more people see than `from` (or the same level with wider recipients is judged by the caller) */
export const isRelaxation = (from: Tlp, to: Tlp) => tlpLevels.indexOf(to) < tlpLevels.indexOf(from);

/** Who is looking, as far as TLP is concerned. */
export interface Viewer {
  userId: string | null;
  /** the organisation the caller acts for, when it is a member of it */
  orgId: string | null;
  /** organisations the caller's organisation is IT provider of */
  providerOf: string[];
  /** communities the caller's organisation is a member of */
  communityIds: string[];
  /** organisationKey() of orgId, to recognise its anonymous items */
  orgKey: string | null;
}

export const publicViewer: Viewer = { userId: null, orgId: null, providerOf: [], communityIds: [], orgKey: null };

/** The fields of an item the rule reads. */
export interface Sharing {
  id: string;
  tlp: string;
  status: string;
  authorOrgId: string | null;
  authorTag: string | null;
  providersAllowed: boolean;
  communityIds: string[];
  recipientOrgIds: string[];
  recipientUserIds: string[];
}

export function isAuthorOrganisation(viewer: Viewer, item: Pick<Sharing, "id" | "authorOrgId" | "authorTag">): boolean {
  if (!viewer.orgId) return false;
  if (item.authorOrgId === viewer.orgId) return true;
  return item.authorTag !== null && viewer.orgKey !== null && authorTag(viewer.orgKey, item.id) === item.authorTag;
}

export function canSee(viewer: Viewer, item: Sharing): boolean {
  if (isAuthorOrganisation(viewer, item)) return true;
  if (item.status === "draft") return false;
  switch (item.tlp as Tlp) {
    case "clear":
      return true;
    case "green":
      return item.communityIds.some((c) => viewer.communityIds.includes(c));
    case "amber":
      return (
        (viewer.orgId !== null && item.recipientOrgIds.includes(viewer.orgId)) ||
        (item.providersAllowed && item.recipientOrgIds.some((o) => viewer.providerOf.includes(o)))
      );
    case "amber+strict":
      return viewer.orgId !== null && item.recipientOrgIds.includes(viewer.orgId);
    case "red":
      return viewer.userId !== null && item.recipientUserIds.includes(viewer.userId);
    default:
      // an unknown marking is treated as the strictest: nobody but the author
      return false;
  }
}

const exists = (condition: SQL) => sql`exists (${condition})`;

/** The same rule as a WHERE condition on intel_items. */
export function visibleItemsWhere(viewer: Viewer): SQL {
  const i = intelItems;
  const own: SQL[] = [];
  if (viewer.orgId) {
    own.push(eq(i.authorOrgId, viewer.orgId));
    // the hash is computed only for anonymous rows, the only ones that carry a tag
    if (viewer.orgKey) own.push(and(eq(i.anonymous, true), sql`${i.authorTag} = encode(sha256(convert_to(${viewer.orgKey} || ${i.id}::text, 'UTF8')), 'hex')`)!);
  }
  const shared: SQL[] = [eq(i.tlp, "clear")];
  if (viewer.communityIds.length) {
    const c = intelItemCommunities;
    shared.push(and(eq(i.tlp, "green"), exists(sql`select 1 from ${c} where ${c.itemId} = ${i.id} and ${inArray(c.communityId, viewer.communityIds)}`))!);
  }
  const r = intelItemRecipientOrgs;
  if (viewer.orgId) {
    shared.push(and(inArray(i.tlp, ["amber", "amber+strict"]), exists(sql`select 1 from ${r} where ${r.itemId} = ${i.id} and ${r.orgId} = ${viewer.orgId}`))!);
  }
  if (viewer.providerOf.length) {
    shared.push(and(eq(i.tlp, "amber"), eq(i.providersAllowed, true), exists(sql`select 1 from ${r} where ${r.itemId} = ${i.id} and ${inArray(r.orgId, viewer.providerOf)}`))!);
  }
  if (viewer.userId) {
    const u = intelItemRecipientUsers;
    shared.push(and(eq(i.tlp, "red"), exists(sql`select 1 from ${u} where ${u.itemId} = ${i.id} and ${u.userId} = ${viewer.userId}`))!);
  }
  const others = and(sql`${i.status} <> 'draft'`, or(...shared));
  return own.length ? or(...own, others)! : others!;
}
