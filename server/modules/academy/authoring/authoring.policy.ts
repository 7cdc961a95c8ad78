import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../../platform/authz/policy.ts";
import { academyEditors } from "./authoring.tables.ts";

// Who writes learning content. A platform-wide path (ownerOrgId null) is read by every citizen,
// so only academy editors (academy_editors, granted from the command line: `cittadella academy-editor grant`) write
// one; no role inside an organisation gives that right. An organisation's own path is written by
// its admins and security managers; its other members do not see its drafts (403), people of
// other organisations do not know it exists (404).

export interface Authored {
  ownerOrgId: string | null;
}

/** The actor with what the policy needs to know beyond its role. */
export interface Author {
  actor: Actor;
  platformEditor: boolean;
}

export async function authorOf(db: DbOrTx, actor: Actor): Promise<Author> {
  const [row] = await db.select({ userId: academyEditors.userId }).from(academyEditors).where(eq(academyEditors.userId, actor.userId));
  return { actor, platformEditor: row !== undefined };
}

export async function grantAcademyEditor(db: DbOrTx, userId: string) {
  await db.insert(academyEditors).values({ userId }).onConflictDoNothing();
}

const ownOrg = (actor: Actor, record: Authored) => record.ownerOrgId !== null && actor.role !== null && actor.orgId === record.ownerOrgId;

/** Records carry the author's platform right, so the one policy speaks for both kinds of owner. */
export const authoringPolicy = definePolicy({
  scope: "academy",
  tenant: (actor, record: Authored & { platformEditor: boolean }) => (record.ownerOrgId === null ? record.platformEditor : ownOrg(actor, record)),
  readActions: ["read"],
  rules: {
    read: (actor, record) => record.ownerOrgId === null || hasRole(actor, "admin", "security_manager"),
    edit: (actor, record) => record.ownerOrgId === null || hasRole(actor, "admin", "security_manager"),
  },
});

/** Authorises `author` on a record; 404 when it cannot see it, 403 when it may not act. */
export function authorize<T extends Authored>(author: Author, action: "read" | "edit", record: T | undefined): T {
  const checked = authoringPolicy.authorize(author.actor, action, record ? { ...record, platformEditor: author.platformEditor } : undefined);
  const { platformEditor: _p, ...rest } = checked;
  return rest as unknown as T;
}

/** Where a new path or package goes: the platform (editors) or the caller's organisation. */
export function ownerFor(author: Author, owner: "platform" | "organisation"): Authored {
  return { ownerOrgId: owner === "platform" ? null : author.actor.orgId };
}
