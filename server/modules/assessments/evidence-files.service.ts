import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { notFound } from "../../platform/http/errors.ts";
import type { FileStore } from "../../platform/storage/file-store.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import { storeUpload } from "../files/index.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { assessmentEvidence } from "./assessments.tables.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { loadAssessment } from "./assessment-records.ts";
import { evidenceFilePolicy } from "./evidence-files.policy.ts";
import { evidenceTarget, type EvidenceRow } from "./evidence.service.ts";
import type { EvidenceUploadQuery } from "./evidence.schemas.ts";

// A file uploaded straight from an answer, as its evidence. It is stored as a file of the assessed
// organisation whoever uploads it, so the organisation keeps it, finds it among its files and may
// delete it; this is how a user of its IT provider, who has no access to the organisation's files,
// documents the requirements assigned to them.

/** Checked before the upload is read, so a caller who may not add evidence sends no bytes to disk. */
export async function assertMayUploadEvidence(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, requirementId: string) {
  evidenceTarget(registry, actor, await loadAssessment(db, orgId, assessmentId), requirementId, "query.requirementId");
}

export async function uploadEvidenceFile(
  db: Db,
  store: FileStore,
  registry: CatalogRegistry,
  actor: Actor,
  orgId: string,
  assessmentId: string,
  input: EvidenceUploadQuery,
  upload: { fileName: string; bytes: Buffer },
  audit: AuditContext,
): Promise<EvidenceRow> {
  return storeUpload(db, store, { orgId, uploadedBy: actor.userId }, upload, audit, async (tx, file) => {
    // checked again under the lock: the assessment may have been approved while the bytes arrived
    const record = evidenceTarget(registry, actor, await loadAssessment(tx, orgId, assessmentId, true), input.requirementId, "query.requirementId");
    const [row] = await tx
      .insert(assessmentEvidence)
      .values({
        assessmentId: record.id,
        requirementId: input.requirementId,
        title: input.title ?? file.originalName,
        url: null,
        fileId: file.id,
        expiresOn: input.expiresOn ?? null,
        addedBy: actor.userId,
      })
      .returning();
    await appendAudit(tx, audit, { orgId, action: "assessment.evidence_add", entityType: "assessment", entityId: record.id, after: row });
    return { ...row!, fileName: file.originalName, fileType: file.mimeType };
  });
}

/** The file of one piece of evidence, for whoever may read it (evidence-files.policy.ts). */
export async function evidenceFileForDownload(db: Db, store: FileStore, actor: Actor, orgId: string, assessmentId: string, evidenceId: string) {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  const [found] = await db
    .select({ evidence: assessmentEvidence, file: storedFiles })
    .from(assessmentEvidence)
    .innerJoin(storedFiles, and(eq(storedFiles.id, assessmentEvidence.fileId), eq(storedFiles.orgId, record.orgId)))
    .where(and(eq(assessmentEvidence.id, evidenceId), eq(assessmentEvidence.assessmentId, record.id)));
  if (!found) throw notFound();
  evidenceFilePolicy.authorize(actor, "download", { ...record, requirementId: found.evidence.requirementId });
  return { file: found.file, bytes: await store.get(found.file.storageKey) };
}
