import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { hasRole } from "../../../platform/authz/policy.ts";
import { tokenAllows } from "../../../platform/authz/policy.ts";
import { HttpError } from "../../../platform/http/errors.ts";
import { intelCommunities, intelCommunityMembers } from "../intel.tables.ts";
import type { Caller } from "../items.service.ts";
import { STIX_MEDIA_TYPE } from "./media.ts";

// TAXII collections: one per community the caller's organisation belongs to, plus the public
// TLP:CLEAR collection everyone may read. Writing needs a writer role (as publishing does) and,
// for an API token, the intel:write scope. A community the caller is not in does not exist for it (404).

/** The public collection of TLP:CLEAR items: a fixed id every client can bookmark. */
export const PUBLIC_COLLECTION_ID = "c1ea7000-0000-4000-8000-000000000001";

export interface Collection {
  id: string;
  title: string;
  description?: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

export type CollectionScope = { kind: "public" } | { kind: "community"; communityId: string; memberOrgIds: string[] };

const canWrite = (caller: Caller) => caller.viewer.orgId !== null && hasRole(caller.actor, "admin", "security_manager", "it_operator") && tokenAllows(caller.actor, "intel", true);
const canRead = (caller: Caller) => tokenAllows(caller.actor, "intel", false);

function publicCollection(caller: Caller): Collection {
  return {
    id: PUBLIC_COLLECTION_ID,
    title: "TLP:CLEAR",
    description: "Informazioni pubbliche (TLP:CLEAR) di tutte le comunità / Public (TLP:CLEAR) intelligence of every community",
    can_read: canRead(caller),
    can_write: false,
    media_types: [STIX_MEDIA_TYPE],
  };
}

export async function listCollections(db: DbOrTx, caller: Caller): Promise<Collection[]> {
  const ids = caller.viewer.communityIds;
  const rows = ids.length ? await db.select().from(intelCommunities).where(inArray(intelCommunities.id, ids)).orderBy(intelCommunities.name) : [];
  const communities = rows.map((c) => ({
    id: c.id,
    title: c.name,
    ...(c.description ? { description: c.description } : {}),
    can_read: canRead(caller),
    can_write: canWrite(caller),
    media_types: [STIX_MEDIA_TYPE],
  }));
  return [publicCollection(caller), ...communities];
}

/** The collection and what it covers, or 404 when the caller is not in it. */
export async function findCollection(db: DbOrTx, caller: Caller, collectionId: string): Promise<{ collection: Collection; scope: CollectionScope }> {
  if (collectionId === PUBLIC_COLLECTION_ID) return { collection: publicCollection(caller), scope: { kind: "public" } };
  if (!caller.viewer.communityIds.includes(collectionId)) throw new HttpError(404, "not_found");
  const [row] = await db.select().from(intelCommunities).where(eq(intelCommunities.id, collectionId));
  if (!row) throw new HttpError(404, "not_found");
  const members = await db.select({ orgId: intelCommunityMembers.orgId }).from(intelCommunityMembers).where(eq(intelCommunityMembers.communityId, collectionId));
  return {
    collection: { id: row.id, title: row.name, ...(row.description ? { description: row.description } : {}), can_read: canRead(caller), can_write: canWrite(caller), media_types: [STIX_MEDIA_TYPE] },
    scope: { kind: "community", communityId: row.id, memberOrgIds: members.map((m) => m.orgId) },
  };
}

export function requireRead(collection: Collection) {
  if (!collection.can_read) throw new HttpError(403, "forbidden");
}

export function requireWrite(collection: Collection) {
  if (!collection.can_write) throw new HttpError(403, "forbidden");
}
