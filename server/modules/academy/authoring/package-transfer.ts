import { createHash, randomUUID } from "node:crypto";
import JSZip from "jszip";
import type { Db } from "../../../db/client.ts";
import type { AuditContext } from "../../../platform/audit/audit.ts";
import { HttpError, invalidField, type FieldProblem } from "../../../platform/http/errors.ts";
import type { FileStore } from "../../../platform/storage/file-store.ts";
import type { Author, Authored } from "./authoring.policy.ts";
import { checkMedia, mediaReferences } from "./media-types.ts";
import { readZip, safeEntryName, type ZipLimits } from "./package-zip.ts";
import { authoredPath, insertDraft, validPackage } from "./path-drafts.ts";

// A path as a zip: path.json (docs/ACADEMY-FORMAT.md) and, beside it, the files its videos and
// resources name. Importing checks everything first (the zip itself, the JSON, that each named
// file is there and is what it claims to be) and stores nothing until all of it passed.

export const PACKAGE_JSON = "path.json";

export async function importPackage(db: Db, store: FileStore, author: Author, owner: Authored, bytes: Buffer, limits: ZipLimits, audit: AuditContext) {
  const files = await readZip(bytes, limits);
  const json = files.get(PACKAGE_JSON);
  if (!json) throw invalidField("body.file", "academy_package_json_missing");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString("utf8"));
  } catch {
    throw invalidField(`body.file.${PACKAGE_JSON}`, "not_json");
  }
  const content = validPackage(parsed, PACKAGE_JSON);

  const problems: FieldProblem[] = [];
  const checked = new Map<string, { bytes: Buffer; mimeType: string }>();
  for (const ref of mediaReferences(content)) {
    const field = `${PACKAGE_JSON}.${ref.field}`;
    const name = safeEntryName(ref.name);
    if (!name || name === PACKAGE_JSON) {
      problems.push({ field, reason: "zip_entry_unsafe", params: { name: ref.name } });
      continue;
    }
    const file = files.get(name);
    if (!file) {
      problems.push({ field, reason: "academy_media_missing", params: { name } });
      continue;
    }
    const check = await checkMedia(file, name, ref.role);
    if (!check.ok) problems.push({ field, reason: check.reason });
    else checked.set(name, { bytes: file, mimeType: check.mimeType });
  }
  if (problems.length) throw new HttpError(422, "validation_failed", problems);

  const media = [...checked].map(([name, file]) => ({
    name,
    mimeType: file.mimeType,
    sizeBytes: file.bytes.length,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    storageKey: `academy/${randomUUID()}`,
    bytes: file.bytes,
  }));
  const stored: string[] = [];
  try {
    for (const m of media) {
      await store.put(m.storageKey, m.bytes);
      stored.push(m.storageKey);
    }
    return await db.transaction((tx) => insertDraft(tx, author, owner, content, audit, media.map(({ bytes: _b, ...row }) => row)));
  } catch (error) {
    // refused (a version that exists, an id of someone else) or failed: leave no bytes behind
    await Promise.all(stored.map((key) => store.remove(key)));
    throw error;
  }
}

/** The version as a package zip anyone can import again. */
export async function exportPackage(db: Db, store: FileStore, author: Author, pathId: string) {
  const { path, media } = await authoredPath(db, author, pathId, "read");
  const zip = new JSZip();
  zip.file(PACKAGE_JSON, JSON.stringify(path.content, null, 2));
  for (const m of media) zip.file(m.name, await store.get(m.storageKey));
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { fileName: `${path.slug}-${path.language}-${path.version}.zip`, bytes };
}
