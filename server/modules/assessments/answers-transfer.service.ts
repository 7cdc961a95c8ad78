import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { assessmentAnswers } from "./assessments.tables.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { authorizeChange, catalogOf, loadAssessment } from "./assessment-records.ts";
import { saveAnswers } from "./answers.service.ts";
import { answersCsv, answersTable, answersXlsx, readAnswersFile } from "./answers-transfer.ts";
import { assessableRequirements } from "./scoring.ts";

export type AnswersFormat = "xlsx" | "csv";

/** The answers as a file, every requirement in scope listed, for whoever may read the assessment. */
export async function exportAnswers(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, format: AnswersFormat) {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  const catalog = catalogOf(registry, record.frameworkId, "frameworkId");
  const answers = await db.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, record.id));
  const table = answersTable(assessableRequirements(catalog, record.level).map((r) => r.node.id), answers);
  const body = format === "xlsx" ? await answersXlsx(table) : answersCsv(table);
  return { record, body };
}

/**
 * Imports a file of answers all or nothing: the whole file is checked first, each problem named by
 * row and column; then the rows are saved as one bulk answer (same rights, same audit).
 */
export async function importAnswers(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, bytes: Uint8Array, audit: AuditContext) {
  // rights and lock first: a locked assessment refuses any file, good or bad
  const record = authorizeChange(actor, "answer", await loadAssessment(db, orgId, assessmentId));
  const catalog = catalogOf(registry, record.frameworkId, "frameworkId");
  const ids = new Set(assessableRequirements(catalog, record.level).map((r) => r.node.id));
  const read = await readAnswersFile(bytes, ids, catalog.maturityScale.map((step) => step.value));
  if (!read.ok) throw new HttpError(422, "validation_failed", read.problems);
  if (!read.answers.length) return [];
  return saveAnswers(db, registry, actor, orgId, assessmentId, read.answers, audit);
}
