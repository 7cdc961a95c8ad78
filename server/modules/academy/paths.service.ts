import { and, arrayContains, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { notFound } from "../../platform/http/errors.ts";
import { academyPaths } from "./academy.tables.ts";
import { visiblePath } from "./academy.policy.ts";
import type { PathItem, PathPackage } from "./content/path-package.ts";
import { pathById, type Exercise, type LoadedPath, type Quiz } from "./path-content.ts";

export interface PathFilters {
  audience?: PathPackage["audiences"][number] | undefined;
  level?: PathPackage["level"] | undefined;
  q?: string | undefined;
  language?: string | undefined;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The newest published version of each path the caller may see, one per (path, language):
 * public paths for everyone, an organisation's own paths for its members.
 */
export async function listPaths(db: DbOrTx, actor: Actor | null, filters: PathFilters) {
  const conditions: SQL[] = [eq(academyPaths.status, "published")];
  const ownOrg = actor?.role && actor.orgId ? actor.orgId : null;
  conditions.push(
    ownOrg ? or(eq(academyPaths.visibility, "public"), and(eq(academyPaths.visibility, "organisation"), eq(academyPaths.ownerOrgId, ownOrg)))! : eq(academyPaths.visibility, "public"),
  );
  if (filters.audience) conditions.push(arrayContains(academyPaths.audiences, [filters.audience]));
  if (filters.level) conditions.push(eq(academyPaths.level, filters.level));
  if (filters.language) conditions.push(eq(academyPaths.language, filters.language));
  if (filters.q) conditions.push(or(ilike(academyPaths.title, likePattern(filters.q)), ilike(academyPaths.summary, likePattern(filters.q)))!);
  const rows = await db
    .selectDistinctOn([academyPaths.slug, academyPaths.language], {
      id: academyPaths.id,
      slug: academyPaths.slug,
      language: academyPaths.language,
      version: academyPaths.version,
      title: academyPaths.title,
      summary: academyPaths.summary,
      level: academyPaths.level,
      audiences: academyPaths.audiences,
      visibility: academyPaths.visibility,
      ownerOrgId: academyPaths.ownerOrgId,
      publishedAt: academyPaths.publishedAt,
      modules: sql<number>`jsonb_array_length(${academyPaths.content} -> 'modules')`.mapWith(Number),
    })
    .from(academyPaths)
    .where(and(...conditions))
    .orderBy(academyPaths.slug, academyPaths.language, desc(academyPaths.publishedAt), desc(academyPaths.createdAt));
  return rows.sort((a, b) => a.title.localeCompare(b.title, "it"));
}

/**
 * The version a learner works on: the newest published one in the language asked for, else in the
 * caller's language, else Italian, else any. 404 when there is none the caller may see.
 */
export async function findPath(db: DbOrTx, actor: Actor | null, slug: string, language: string | undefined, locale: string): Promise<LoadedPath> {
  const preferred = language ?? locale;
  const [row] = await db
    .select({ id: academyPaths.id, status: academyPaths.status, visibility: academyPaths.visibility, ownerOrgId: academyPaths.ownerOrgId })
    .from(academyPaths)
    .where(and(eq(academyPaths.slug, slug), eq(academyPaths.status, "published")))
    .orderBy(
      sql`case ${academyPaths.language} when ${preferred} then 0 when 'it' then 1 else 2 end`,
      desc(academyPaths.publishedAt),
      desc(academyPaths.createdAt),
    )
    .limit(1);
  visiblePath(actor, row);
  const path = await pathById(db, row!.id);
  if (!path) throw notFound();
  return path;
}

/** An item of a path, of the kind the route expects; 404 for an id the path does not have. */
export function itemOf(path: LoadedPath, itemId: string, kinds: readonly PathItem["kind"][]) {
  const found = path.items.get(itemId);
  if (!found || !kinds.includes(found.item.kind)) throw notFound();
  return found;
}

export function quizOf(path: LoadedPath, itemId: string) {
  const { item, module } = itemOf(path, itemId, ["quiz"]);
  return { quiz: item as Quiz, module };
}

export function exerciseOf(path: LoadedPath, itemId: string) {
  const { item, module } = itemOf(path, itemId, ["exercise"]);
  return { exercise: item as Exercise, module };
}
