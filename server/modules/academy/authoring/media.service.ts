import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { notFound } from "../../../platform/http/errors.ts";
import type { FileStore } from "../../../platform/storage/file-store.ts";
import { pathVisibleTo } from "../academy.policy.ts";
import { academyPaths } from "../academy.tables.ts";
import { authoringPolicy, authorOf } from "./authoring.policy.ts";
import { academyPathMedia } from "./authoring.tables.ts";

/**
 * A media file of a path version, for whoever may learn on it (a published version they may see)
 * or write it (its authors, drafts included, for the preview). 404 for anybody else.
 */
export async function mediaFile(db: Db, store: FileStore, actor: Actor | null, pathId: string, name: string) {
  const [path] = await db
    .select({ id: academyPaths.id, status: academyPaths.status, visibility: academyPaths.visibility, ownerOrgId: academyPaths.ownerOrgId })
    .from(academyPaths)
    .where(eq(academyPaths.id, pathId));
  if (!path) throw notFound();
  if (!pathVisibleTo(actor, path)) {
    if (!actor) throw notFound();
    const author = await authorOf(db, actor);
    if (!authoringPolicy.can(actor, "read", { ownerOrgId: path.ownerOrgId, platformEditor: author.platformEditor })) throw notFound();
  }
  const [media] = await db
    .select()
    .from(academyPathMedia)
    .where(and(eq(academyPathMedia.pathId, pathId), eq(academyPathMedia.name, name)));
  if (!media) throw notFound();
  return { media, bytes: await store.get(media.storageKey) };
}
