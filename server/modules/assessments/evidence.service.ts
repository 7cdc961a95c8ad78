import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField, notFound } from "../../platform/http/errors.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { assessmentEvidence } from "./assessments.tables.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { answerableBy } from "./answers.service.ts";
import { authorizeChange, catalogOf, type LoadedAssessment, loadAssessment, requirementIdsOf } from "./assessment-records.ts";
import type { EvidenceInput } from "./evidence.schemas.ts";

// Evidence for an answer: a link, or a file already uploaded to the organisation through the files
// module (which sniffs its type and applies the upload limits). Adding and removing follow the
// answer's rights and the assessment's lock; every change is audited.

export type EvidenceRow = typeof assessmentEvidence.$inferSelect & { fileName: string | null; fileType: string | null };

const selection = {
  evidence: assessmentEvidence,
  fileName: storedFiles.originalName,
  fileType: storedFiles.mimeType,
};

export async function listEvidence(db: Db, actor: Actor, orgId: string, assessmentId: string, requirementId?: string): Promise<EvidenceRow[]> {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  const rows = await db
    .select(selection)
    .from(assessmentEvidence)
    .leftJoin(storedFiles, eq(storedFiles.id, assessmentEvidence.fileId))
    .where(and(eq(assessmentEvidence.assessmentId, record.id), requirementId === undefined ? undefined : eq(assessmentEvidence.requirementId, requirementId)))
    .orderBy(asc(assessmentEvidence.requirementId), asc(assessmentEvidence.createdAt), asc(assessmentEvidence.id));
  return rows.map((r) => ({ ...r.evidence, fileName: r.fileName, fileType: r.fileType }));
}

function mayTouch(actor: Actor, record: LoadedAssessment, requirementId: string, field = "body.requirementId") {
  const allowed = answerableBy(actor, record);
  if (allowed && !allowed.has(requirementId))
    throw new HttpError(403, "forbidden", [{ field, reason: "requirement_not_assigned", params: { id: requirementId } }]);
}

/**
 * The assessment, when the caller may add evidence to this requirement: 404 invisible, 409 locked,
 * 422 not a requirement of the assessment, 403 not the caller's to answer. `field` names where the
 * requirement came from (body or query).
 */
export function evidenceTarget(registry: CatalogRegistry, actor: Actor, loaded: LoadedAssessment | undefined, requirementId: string, field = "body.requirementId") {
  const record = authorizeChange(actor, "answer", loaded);
  if (!requirementIdsOf(catalogOf(registry, record.frameworkId, "frameworkId"), record.level).has(requirementId))
    throw invalidField(field, "requirement_unknown", { id: requirementId });
  mayTouch(actor, record, requirementId, field);
  return record;
}

export async function addEvidence(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, input: EvidenceInput, audit: AuditContext): Promise<EvidenceRow> {
  return db.transaction(async (tx) => {
    const record = evidenceTarget(registry, actor, await loadAssessment(tx, orgId, assessmentId, true), input.requirementId);
    if ((input.url === undefined) === (input.fileId === undefined)) throw invalidField("body.url", "evidence_link_or_file");
    let file: { originalName: string; mimeType: string } | undefined;
    if (input.fileId) {
      // only a file of this organisation: another tenant's id is as unknown as a made-up one
      [file] = await tx.select().from(storedFiles).where(and(eq(storedFiles.id, input.fileId), eq(storedFiles.orgId, orgId)));
      if (!file) throw invalidField("body.fileId", "evidence_file_unknown");
    }
    const [row] = await tx
      .insert(assessmentEvidence)
      .values({
        assessmentId: record.id,
        requirementId: input.requirementId,
        title: input.title ?? file?.originalName ?? input.url!,
        url: input.url ?? null,
        fileId: input.fileId ?? null,
        expiresOn: input.expiresOn ?? null,
        addedBy: actor.userId,
      })
      .returning();
    await appendAudit(tx, audit, { orgId, action: "assessment.evidence_add", entityType: "assessment", entityId: record.id, after: row });
    return { ...row!, fileName: file?.originalName ?? null, fileType: file?.mimeType ?? null };
  });
}

export async function removeEvidence(db: Db, actor: Actor, orgId: string, assessmentId: string, evidenceId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const record = authorizeChange(actor, "answer", await loadAssessment(tx, orgId, assessmentId, true));
    const [row] = await tx.select().from(assessmentEvidence).where(and(eq(assessmentEvidence.id, evidenceId), eq(assessmentEvidence.assessmentId, record.id)));
    if (!row) throw notFound();
    mayTouch(actor, record, row.requirementId);
    await tx.delete(assessmentEvidence).where(eq(assessmentEvidence.id, row.id));
    await appendAudit(tx, audit, { orgId, action: "assessment.evidence_remove", entityType: "assessment", entityId: record.id, before: row });
  });
}

/** Expired: the day after expiresOn has begun (UTC), so evidence valid "until 31 December" is valid all that day. */
export const isExpired = (expiresOn: string | null, today = new Date().toISOString().slice(0, 10)) => expiresOn !== null && expiresOn < today;

export function presentEvidence(row: EvidenceRow) {
  return {
    id: row.id,
    requirementId: row.requirementId,
    title: row.title,
    url: row.url,
    file: row.fileId ? { id: row.fileId, name: row.fileName ?? "", mimeType: row.fileType ?? "" } : null,
    expiresOn: row.expiresOn,
    expired: isExpired(row.expiresOn),
    addedBy: row.addedBy,
    createdAt: row.createdAt.toISOString(),
  };
}
