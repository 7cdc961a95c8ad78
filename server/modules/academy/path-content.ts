import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { PathItem, PathPackage } from "./content/path-package.ts";
import { academyPaths } from "./academy.tables.ts";

export type PathRow = typeof academyPaths.$inferSelect;
export type PathModule = PathPackage["modules"][number];
export type Quiz = Extract<PathItem, { kind: "quiz" }>;
export type Exercise = Extract<PathItem, { kind: "exercise" }>;

/** A published path version with its items indexed, ready to grade against. */
export interface LoadedPath {
  row: Omit<PathRow, "content">;
  content: PathPackage;
  items: Map<string, { item: PathItem; module: PathModule }>;
  /** minutes of training the whole path stands for (certificates, training hours) */
  minutes: number;
}

/** What a path's items take: reading and video time as authored, a minute a quiz question, five an exercise. */
export function itemMinutes(item: PathItem): number {
  switch (item.kind) {
    case "article":
    case "video":
      return item.estimatedMinutes;
    case "quiz":
      return item.drawCount ?? item.questions.length;
    case "exercise":
      return 5;
    case "resource":
      return 0;
  }
}

export function indexPath(row: PathRow): LoadedPath {
  const { content, ...rest } = row;
  const items = new Map<string, { item: PathItem; module: PathModule }>();
  let minutes = 0;
  for (const module of content.modules) {
    for (const item of module.items) {
      items.set(item.id, { item, module });
      minutes += itemMinutes(item);
    }
  }
  return { row: rest, content, items, minutes };
}

// A version's content never changes once published, so graders read it from memory: a quiz
// submission costs no query for the path (issue 6 asks for 1,000 submissions/s). Bounded, oldest
// entry out first; a retired path is re-read so its status is current.
const MAX_CACHED = 500;
const cache = new Map<string, LoadedPath>();

export function rememberPath(row: PathRow): LoadedPath {
  const loaded = indexPath(row);
  if (row.status === "published") {
    cache.delete(row.id);
    cache.set(row.id, loaded);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return loaded;
}

/** A path version by id, from memory when already seen. */
export async function pathById(db: DbOrTx, pathId: string): Promise<LoadedPath | undefined> {
  const cached = cache.get(pathId);
  if (cached) return cached;
  const [row] = await db.select().from(academyPaths).where(eq(academyPaths.id, pathId));
  return row ? rememberPath(row) : undefined;
}

/** Forget a version whose status changed (retired), so the next reader sees the change. */
export function forgetPath(pathId: string) {
  cache.delete(pathId);
}
