import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import type { FileStore } from "../../platform/storage/file-store.ts";
import { sniffUpload } from "../../platform/storage/sniff.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import { cleanFileName } from "../../platform/storage/file-names.ts";
import { filePolicy, fileShelfPolicy } from "./files.policy.ts";
import type { FilesQuery } from "./files.schemas.ts";

export type StoredFileRow = typeof storedFiles.$inferSelect;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checked before the upload is read, so a caller who may not upload sends no bytes to disk. */
export function assertMayUpload(actor: Actor, orgId: string) {
  fileShelfPolicy.authorize(actor, "upload", { orgId });
}

/**
 * Stores an upload: the type is decided by the bytes, the name must agree with it. The bytes go
 * to the store first; if the database write fails they are removed again.
 */
export async function uploadFile(db: Db, store: FileStore, actor: Actor, orgId: string, upload: { fileName: string; bytes: Buffer }, audit: AuditContext) {
  assertMayUpload(actor, orgId);
  return storeUpload(db, store, { orgId, uploadedBy: actor.userId }, upload, audit, async (_tx, row) => row);
}

/**
 * Stores an upload as a file owned by `owner.orgId`, once the caller's right to put it there was
 * checked by whoever calls (the files route above; evidence uploaded by an IT provider for its
 * client, which the client then keeps). `within` runs in the same transaction as the file's row,
 * so what refers to the file is written with it or not at all.
 */
export async function storeUpload<T>(
  db: Db,
  store: FileStore,
  owner: { orgId: string; uploadedBy: string },
  upload: { fileName: string; bytes: Buffer },
  audit: AuditContext,
  within: (tx: Tx, row: StoredFileRow) => Promise<T>,
): Promise<T> {
  const { orgId } = owner;
  const name = cleanFileName(upload.fileName);
  if (upload.bytes.length === 0) throw invalidField("body.file", "file_empty");
  const sniffed = await sniffUpload(upload.bytes, name);
  if (!sniffed.ok) throw invalidField("body.file", sniffed.reason === "type_mismatch" ? "file_type_mismatch" : "file_type_not_allowed");
  const id = randomUUID();
  const storageKey = `${orgId}/${id}`;
  await store.put(storageKey, upload.bytes);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(storedFiles)
        .values({
          id,
          orgId,
          uploadedBy: owner.uploadedBy,
          originalName: name,
          mimeType: sniffed.mimeType,
          sizeBytes: upload.bytes.length,
          sha256: createHash("sha256").update(upload.bytes).digest("hex"),
          storageKey,
        })
        .returning();
      const { storageKey: _key, ...after } = row!;
      await appendAudit(tx, audit, { orgId, action: "file.upload", entityType: "file", entityId: id, after });
      return within(tx, row!);
    });
  } catch (error) {
    await store.remove(storageKey);
    throw error;
  }
}

/** One page of the organisation's files, newest first; cursor is (createdAt, id). */
export async function listFiles(db: Db, actor: Actor, orgId: string, query: FilesQuery) {
  fileShelfPolicy.authorize(actor, "list", { orgId });
  const conditions = [eq(storedFiles.orgId, orgId)];
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (!after || typeof after[0] !== "string" || typeof after[1] !== "string" || !uuidPattern.test(after[1]) || Number.isNaN(Date.parse(after[0]))) {
      throw invalidField("query.cursor", "invalid_value_generic");
    }
    const at = new Date(after[0]);
    conditions.push(or(lt(storedFiles.createdAt, at), and(eq(storedFiles.createdAt, at), lt(storedFiles.id, after[1])))!);
  }
  const rows = await db
    .select()
    .from(storedFiles)
    .where(and(...conditions))
    .orderBy(desc(storedFiles.createdAt), desc(storedFiles.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

export async function getFileForDownload(db: Db, store: FileStore, actor: Actor, orgId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.id, fileId), eq(storedFiles.orgId, orgId)));
  const file = filePolicy.authorize(actor, "download", row);
  return { file, bytes: await store.get(file.storageKey) };
}

export async function deleteFile(db: Db, store: FileStore, actor: Actor, orgId: string, fileId: string, audit: AuditContext) {
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(storedFiles)
      .where(and(eq(storedFiles.id, fileId), eq(storedFiles.orgId, orgId)))
      .for("update");
    const file = filePolicy.authorize(actor, "delete", row);
    await tx.delete(storedFiles).where(eq(storedFiles.id, fileId));
    const { storageKey: _key, ...before } = file;
    await appendAudit(tx, audit, { orgId, action: "file.delete", entityType: "file", entityId: fileId, before });
    return file;
  });
  // after the commit: a failed removal leaves unreachable bytes, never a row without its file
  await store.remove(removed.storageKey);
}
