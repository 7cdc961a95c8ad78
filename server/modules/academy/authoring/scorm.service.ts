import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { appendAudit, type AuditContext } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { HttpError, invalidField, notFound } from "../../../platform/http/errors.ts";
import type { FileStore } from "../../../platform/storage/file-store.ts";
import { recordStatements, type Verb } from "../xapi.ts";
import { authorize, authoringPolicy, type Author, type Authored } from "./authoring.policy.ts";
import { academyScormPackages, academyScormResults, type ScormFile } from "./authoring.tables.ts";
import { readZip, type ZipLimits } from "./package-zip.ts";
import { parseManifest } from "./scorm-manifest.ts";

// SCORM 1.2 packages: uploaded as a zip (checked like any package zip, plus its manifest), played
// from our own origin in an iframe by the web player, which implements the runtime API and tells
// us the lesson status and score (scorm-runtime.ts in the web app).

export type ScormRow = typeof academyScormPackages.$inferSelect;

const MANIFEST = "imsmanifest.xml";

// served with the type its name says: SCORM content is web pages, scripts and their media, and it
// runs sandboxed under its own CSP (scorm.routes.ts), never as our application
const typesByExtension: Record<string, string> = {
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  xml: "application/xml",
  xsd: "application/xml",
  txt: "text/plain; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  mp4: "video/mp4",
  webm: "video/webm",
  mp3: "audio/mpeg",
  vtt: "text/vtt; charset=utf-8",
  woff: "font/woff",
  woff2: "font/woff2",
  pdf: "application/pdf",
};
export const scormType = (path: string) => typesByExtension[path.toLowerCase().split(".").pop() ?? ""] ?? "application/octet-stream";

/** Played by: anyone signed in for a platform package, the organisation's members for its own. */
const playable = (actor: Actor | null, row: Pick<ScormRow, "status" | "ownerOrgId">) =>
  actor !== null && row.status === "published" && (row.ownerOrgId === null || (actor.role !== null && actor.orgId === row.ownerOrgId));

export async function uploadScorm(db: Db, store: FileStore, author: Author, owner: Authored, bytes: Buffer, limits: ZipLimits, audit: AuditContext) {
  const files = await readZip(bytes, limits);
  const manifest = files.get(MANIFEST);
  if (!manifest) throw invalidField("body.file", "scorm_manifest_missing");
  const parsed = parseManifest(manifest);
  if (!parsed.ok) {
    throw parsed.reason === "scorm_manifest_unsafe"
      ? invalidField(`body.file.${MANIFEST}`, "scorm_manifest_unsafe")
      : invalidField(`body.file.${MANIFEST}`, "scorm_manifest_invalid", { detail: parsed.detail ?? "" });
  }
  if (!files.has(parsed.launch)) throw invalidField(`body.file.${MANIFEST}`, "scorm_launch_missing", { name: parsed.launch });

  const stored: ScormFile[] = [];
  try {
    for (const [path, data] of files) {
      const storageKey = `academy-scorm/${randomUUID()}`;
      await store.put(storageKey, data);
      stored.push({ path, mimeType: scormType(path), sizeBytes: data.length, storageKey });
    }
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(academyScormPackages)
        .values({ ownerOrgId: owner.ownerOrgId, title: parsed.title, launch: parsed.launch, status: "published", files: stored, createdBy: author.actor.userId })
        .returning();
      await appendAudit(tx, audit, { orgId: owner.ownerOrgId, action: "academy.scorm.upload", entityType: "academy_scorm_package", entityId: row!.id, after: { title: row!.title, launch: row!.launch, files: stored.length } });
      return row!;
    });
  } catch (error) {
    await Promise.all(stored.map((f) => store.remove(f.storageKey)));
    throw error;
  }
}

/** Packages the caller may play or write, newest first. */
export async function listScorm(db: Db, author: Author) {
  const { actor } = author;
  const visible: SQL[] = [and(eq(academyScormPackages.status, "published"), isNull(academyScormPackages.ownerOrgId))!];
  if (actor.orgId && actor.role) visible.push(eq(academyScormPackages.ownerOrgId, actor.orgId));
  if (author.platformEditor) visible.push(isNull(academyScormPackages.ownerOrgId));
  const rows = await db.select().from(academyScormPackages).where(or(...visible)).orderBy(desc(academyScormPackages.createdAt));
  return rows.filter((r) => playable(actor, r) || authoringPolicy.can(actor, "edit", { ownerOrgId: r.ownerOrgId, platformEditor: author.platformEditor }));
}

/** A package the caller may play, or write (authors try theirs out, retired ones too); 404 otherwise. */
export async function scormFor(db: Db, author: Author, packageId: string) {
  const [row] = await db.select().from(academyScormPackages).where(eq(academyScormPackages.id, packageId));
  if (!row) throw notFound();
  if (playable(author.actor, row)) return row;
  if (authoringPolicy.can(author.actor, "read", { ownerOrgId: row.ownerOrgId, platformEditor: author.platformEditor })) return row;
  throw notFound();
}

export async function scormFile(db: Db, store: FileStore, author: Author, packageId: string, path: string) {
  const row = await scormFor(db, author, packageId);
  const file = row.files.find((f) => f.path === path);
  if (!file) throw notFound();
  return { file, bytes: await store.get(file.storageKey) };
}

export async function retireScorm(db: Db, author: Author, packageId: string, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(academyScormPackages).where(eq(academyScormPackages.id, packageId)).for("update");
    const row = authorize(author, "edit", found);
    if (row.status !== "published") throw new HttpError(409, "conflict", [{ field: "params.packageId", reason: "academy_not_published", params: { status: row.status } }]);
    const [after] = await tx.update(academyScormPackages).set({ status: "retired" }).where(eq(academyScormPackages.id, row.id)).returning();
    await appendAudit(tx, audit, { orgId: row.ownerOrgId, action: "academy.scorm.retire", entityType: "academy_scorm_package", entityId: row.id, before: { status: row.status }, after: { status: after!.status } });
    return after!;
  });
}

export const lessonStatuses = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"] as const;
export type LessonStatus = (typeof lessonStatuses)[number];

const verbFor: Record<LessonStatus, Verb> = {
  passed: "passed",
  failed: "failed",
  completed: "completed",
  incomplete: "attempted",
  browsed: "experienced",
  "not attempted": "attempted",
};

/**
 * What the runtime committed (LMSCommit, LMSFinish): kept per learner and package, and, when the
 * status or the score changed, recorded as an xAPI statement in the same transaction.
 */
export async function recordScormResult(
  db: Db,
  publicUrl: string,
  author: Author,
  packageId: string,
  report: { lessonStatus: LessonStatus; scoreRaw?: number | undefined; sessionSeconds?: number | undefined },
  audit: AuditContext,
) {
  const row = await scormFor(db, author, packageId);
  const { actor } = author;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(academyScormResults)
      .where(and(eq(academyScormResults.userId, actor.userId), eq(academyScormResults.packageId, row.id)))
      .for("update");
    const scoreRaw = report.scoreRaw ?? null;
    const done = report.lessonStatus === "passed" || report.lessonStatus === "completed" || report.lessonStatus === "failed";
    if (before && before.lessonStatus === report.lessonStatus && before.scoreRaw === scoreRaw) return { changed: false, result: before };
    const values = { lessonStatus: report.lessonStatus, scoreRaw, orgId: actor.orgId, completedAt: done ? (before?.completedAt ?? new Date()) : null, updatedAt: new Date() };
    const [result] = await tx
      .insert(academyScormResults)
      .values({ userId: actor.userId, packageId: row.id, ...values })
      .onConflictDoUpdate({ target: [academyScormResults.userId, academyScormResults.packageId], set: values })
      .returning();
    await recordStatements(tx, { publicUrl, userId: actor.userId, orgId: actor.orgId, path: { slug: `scorm-${row.id}`, title: row.title, language: "it", version: "scorm-1.2" } }, [
      {
        verb: verbFor[report.lessonStatus],
        object: { kind: "path", id: row.id, title: row.title },
        result: {
          ...(scoreRaw !== null ? { raw: scoreRaw, min: 0, max: 100, scorePercent: Math.max(0, Math.min(100, scoreRaw)) } : {}),
          ...(report.lessonStatus === "passed" || report.lessonStatus === "failed" ? { success: report.lessonStatus === "passed" } : {}),
          completion: done,
          ...(report.sessionSeconds !== undefined ? { durationMs: report.sessionSeconds * 1000 } : {}),
        },
      },
    ]);
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "academy.scorm.result", entityType: "academy_scorm_package", entityId: row.id, before: before ? { lessonStatus: before.lessonStatus, scoreRaw: before.scoreRaw } : null, after: { lessonStatus: result!.lessonStatus, scoreRaw: result!.scoreRaw } });
    return { changed: true, result: result! };
  });
}
