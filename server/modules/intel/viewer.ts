import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { organisationKey } from "./anonymity.ts";
import { intelCommunityMembers } from "./intel.tables.ts";
import { publicViewer, type Viewer } from "./tlp.ts";

/** The caller as TLP sees it: one indexed query for its organisation's communities. */
export async function viewerOf(db: DbOrTx, secretKey: string, actor: Actor | null): Promise<Viewer> {
  if (!actor) return publicViewer;
  const orgId = actor.orgId && actor.role !== null ? actor.orgId : null;
  if (!orgId) return { ...publicViewer, userId: actor.userId };
  const rows = await db.select({ communityId: intelCommunityMembers.communityId }).from(intelCommunityMembers).where(eq(intelCommunityMembers.orgId, orgId));
  return {
    userId: actor.userId,
    orgId,
    providerOf: actor.providerOf,
    communityIds: rows.map((r) => r.communityId),
    orgKey: organisationKey(secretKey, orgId),
  };
}
