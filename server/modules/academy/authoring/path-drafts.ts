import { and, eq, isNull, ne, or, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client.ts";
import { appendAudit, type AuditContext } from "../../../platform/audit/audit.ts";
import { HttpError, conflict, invalidField } from "../../../platform/http/errors.ts";
import { academyPaths } from "../academy.tables.ts";
import type { PathPackage } from "../content/path-package.ts";
import { validatePathPackage } from "../content/validate-path.ts";
import { forgetPath, type PathRow } from "../path-content.ts";
import { authorize, type Author, type Authored } from "./authoring.policy.ts";
import { academyPathMedia } from "./authoring.tables.ts";
import { mediaReferences } from "./media-types.ts";

// Writing paths: a draft is created from a package (typed, pasted or imported) or as the next
// version of an existing path, changed while a draft, then published (its content frozen for
// good) and one day retired. Every change is audited in its own transaction.

export type MediaRow = typeof academyPathMedia.$inferSelect;

/** The package, or 422 with one field per problem, each named by its JSON path under `prefix`. */
export function validPackage(input: unknown, prefix: string): PathPackage {
  const result = validatePathPackage(input);
  if (result.ok) return result.path;
  throw new HttpError(
    422,
    "validation_failed",
    result.issues.slice(0, 100).map((i) => ({ field: `${prefix}.${i.field}`, reason: "academy_package_issue" as const, params: { detail: i.reason } })),
  );
}

const auditView = (row: PathRow) => ({ slug: row.slug, language: row.language, version: row.version, status: row.status, ownerOrgId: row.ownerOrgId, title: row.title });

/** Paths the author may write: the platform's (editors) and its organisation's (admins, security managers). */
export async function listAuthored(db: DbOrTx, author: Author) {
  const { actor } = author;
  const scopes: SQL[] = [];
  if (author.platformEditor) scopes.push(isNull(academyPaths.ownerOrgId));
  if (actor.orgId && (actor.role === "admin" || actor.role === "security_manager")) scopes.push(eq(academyPaths.ownerOrgId, actor.orgId));
  if (!scopes.length) return [];
  return db
    .select({
      id: academyPaths.id,
      slug: academyPaths.slug,
      language: academyPaths.language,
      version: academyPaths.version,
      status: academyPaths.status,
      ownerOrgId: academyPaths.ownerOrgId,
      visibility: academyPaths.visibility,
      title: academyPaths.title,
      publishedAt: academyPaths.publishedAt,
      updatedAt: academyPaths.updatedAt,
    })
    .from(academyPaths)
    .where(or(...scopes))
    .orderBy(academyPaths.slug, academyPaths.language, academyPaths.createdAt);
}

/** A version with its media, for an author allowed to `action` on it; 404/403 otherwise. */
export async function authoredPath(db: DbOrTx, author: Author, pathId: string, action: "read" | "edit", lock = false) {
  const query = db.select().from(academyPaths).where(eq(academyPaths.id, pathId));
  const [row] = lock ? await query.for("update") : await query;
  const path = authorize(author, action, row);
  const media = await db.select().from(academyPathMedia).where(eq(academyPathMedia.pathId, path.id)).orderBy(academyPathMedia.name);
  return { path, media };
}

/** 409 when the id is someone else's, or when this version of it exists already. */
async function assertVersionFree(db: DbOrTx, owner: Authored, content: PathPackage, exceptId?: string) {
  const others = await db
    .select({ id: academyPaths.id, ownerOrgId: academyPaths.ownerOrgId, language: academyPaths.language, version: academyPaths.version })
    .from(academyPaths)
    .where(and(eq(academyPaths.slug, content.id), exceptId ? ne(academyPaths.id, exceptId) : undefined));
  if (others.some((o) => o.ownerOrgId !== owner.ownerOrgId)) throw conflict("body.package.id", "academy_path_id_taken");
  if (others.some((o) => o.language === content.language && o.version === content.version)) {
    throw new HttpError(409, "conflict", [{ field: "body.package.version", reason: "academy_version_exists", params: { version: content.version } }]);
  }
}

const columnsOf = (content: PathPackage) => ({
  slug: content.id,
  language: content.language,
  version: content.version,
  title: content.title,
  summary: content.summary,
  level: content.level,
  audiences: [...content.audiences],
  content,
});

/** Inserts a draft (and the media rows `media` gives it) inside `tx`, audited. */
export async function insertDraft(tx: DbOrTx, author: Author, owner: Authored, content: PathPackage, audit: AuditContext, media: Omit<MediaRow, "id" | "pathId" | "createdAt">[] = []) {
  await assertVersionFree(tx, owner, content);
  const [row] = await tx
    .insert(academyPaths)
    .values({ ...columnsOf(content), status: "draft", ownerOrgId: owner.ownerOrgId, visibility: owner.ownerOrgId ? "organisation" : "public", createdBy: author.actor.userId })
    .returning();
  if (media.length) await tx.insert(academyPathMedia).values(media.map((m) => ({ ...m, pathId: row!.id })));
  await appendAudit(tx, audit, { orgId: owner.ownerOrgId, action: "academy.path.draft", entityType: "academy_path", entityId: row!.id, after: { ...auditView(row!), media: media.map((m) => m.name) } });
  return row!;
}

export async function createDraft(db: Db, author: Author, owner: Authored, input: unknown, audit: AuditContext) {
  const content = validPackage(input, "body.package");
  return db.transaction((tx) => insertDraft(tx, author, owner, content, audit));
}

const nextPatch = (version: string, taken: Set<string>) => {
  const [major, minor, patch] = version.split(".").map(Number) as [number, number, number];
  let next = patch + 1;
  while (taken.has(`${major}.${minor}.${next}`)) next++;
  return `${major}.${minor}.${next}`;
};

/** A new draft copying a version (its media too: stored bytes never change, so they are shared). */
export async function draftNextVersion(db: Db, author: Author, sourceId: string, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const { path: source, media } = await authoredPath(tx, author, sourceId, "edit");
    const versions = await tx.select({ version: academyPaths.version }).from(academyPaths).where(and(eq(academyPaths.slug, source.slug), eq(academyPaths.language, source.language)));
    const content: PathPackage = { ...source.content, version: nextPatch(source.version, new Set(versions.map((v) => v.version))) };
    return insertDraft(tx, author, { ownerOrgId: source.ownerOrgId }, content, audit, media.map(({ id: _i, pathId: _p, createdAt: _c, ...m }) => m));
  });
}

export async function updateDraft(db: Db, author: Author, pathId: string, input: unknown, audit: AuditContext) {
  return db.transaction(async (tx) => {
    // who may edit first: someone who may not learns nothing from the validation of what they sent
    const { path } = await authoredPath(tx, author, pathId, "edit", true);
    const content = validPackage(input, "body.package");
    if (path.status !== "draft") throw new HttpError(409, "conflict", [{ field: "params.pathId", reason: "academy_not_draft", params: { status: path.status } }]);
    if (content.id !== path.slug || content.language !== path.language) {
      throw invalidField("body.package.id", "academy_package_changed_id", { expected: `${path.slug} (${path.language})` });
    }
    await assertVersionFree(tx, { ownerOrgId: path.ownerOrgId }, content, path.id);
    const [row] = await tx.update(academyPaths).set({ ...columnsOf(content), updatedAt: new Date() }).where(eq(academyPaths.id, path.id)).returning();
    await appendAudit(tx, audit, { orgId: path.ownerOrgId, action: "academy.path.update", entityType: "academy_path", entityId: path.id, before: auditView(path), after: auditView(row!) });
    return row!;
  });
}

/** What publishing needs beyond a valid package: every referenced file stored, captions first of all. */
export function publishProblems(content: PathPackage, media: readonly { name: string }[]) {
  const stored = new Set(media.map((m) => m.name));
  return mediaReferences(content)
    .filter((ref) => !stored.has(ref.name))
    .map((ref) => ({
      field: `content.${ref.field}`,
      reason: ref.role === "captions" ? ("academy_captions_missing" as const) : ("academy_media_missing" as const),
      params: { name: ref.name },
    }));
}

export async function publishDraft(db: Db, author: Author, pathId: string, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const { path, media } = await authoredPath(tx, author, pathId, "edit", true);
    if (path.status !== "draft") throw new HttpError(409, "conflict", [{ field: "params.pathId", reason: "academy_not_draft", params: { status: path.status } }]);
    // validated again: the format's rules may have grown since the draft was saved
    validPackage(path.content, "content");
    const problems = publishProblems(path.content, media);
    if (problems.length) throw new HttpError(422, "validation_failed", problems);
    const [row] = await tx.update(academyPaths).set({ status: "published", publishedAt: new Date(), updatedAt: new Date() }).where(eq(academyPaths.id, path.id)).returning();
    await appendAudit(tx, audit, { orgId: path.ownerOrgId, action: "academy.path.publish", entityType: "academy_path", entityId: path.id, before: auditView(path), after: auditView(row!) });
    return row!;
  });
}

export async function retirePath(db: Db, author: Author, pathId: string, audit: AuditContext) {
  const row = await db.transaction(async (tx) => {
    const { path } = await authoredPath(tx, author, pathId, "edit", true);
    if (path.status !== "published") throw new HttpError(409, "conflict", [{ field: "params.pathId", reason: "academy_not_published", params: { status: path.status } }]);
    const [row] = await tx.update(academyPaths).set({ status: "retired", updatedAt: new Date() }).where(eq(academyPaths.id, path.id)).returning();
    await appendAudit(tx, audit, { orgId: path.ownerOrgId, action: "academy.path.retire", entityType: "academy_path", entityId: path.id, before: auditView(path), after: auditView(row!) });
    return row!;
  });
  forgetPath(row.id);
  return row;
}

