import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { flattenRequirements } from "./catalogs/catalog-tree.ts";
import { assessmentAnswers } from "./assessments.tables.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { answerableBy } from "./answers.service.ts";
import { authorizeChange, catalogOf, loadAssessment, requirementIdsOf, type AnswerRow } from "./assessment-records.ts";
import type { AnswerStatus } from "./scoring.ts";

// Pre-filling an assessment from another one of the same organisation through the catalogs'
// mappings (e.g. ACN measures -> CSF 2.0 subcategories). Pre-filled answers are marked derived
// until a person saves them; an answer a person already gave is never overwritten.

// when several source requirements map to one target, the weakest status wins: the picture must
// not look better than what is known
const strength: Record<AnswerStatus, number> = { not_implemented: 0, partial: 1, implemented: 2, not_applicable: 3 };

interface Derived {
  status: AnswerStatus;
  currentMaturity: number | null;
  targetMaturity: number | null;
  sources: string[];
}

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export async function prefillFromMappings(
  db: Db,
  registry: CatalogRegistry,
  actor: Actor,
  orgId: string,
  assessmentId: string,
  fromAssessmentId: string,
  audit: AuditContext,
) {
  return db.transaction(async (tx) => {
    const target = authorizeChange(actor, "answer", await loadAssessment(tx, orgId, assessmentId, true));
    // pre-filling touches any requirement: only who may answer them all may do it
    if (answerableBy(actor, target) !== null) throw new HttpError(403, "forbidden");
    const source = await loadAssessment(tx, orgId, fromAssessmentId);
    if (!source || !assessmentPolicy.can(actor, "read", source)) throw invalidField("body.fromAssessmentId", "assessment_source_unknown");
    if (source.id === target.id) throw invalidField("body.fromAssessmentId", "assessment_source_same");
    const sourceCatalog = catalogOf(registry, source.frameworkId, "body.fromAssessmentId");
    const targetCatalog = catalogOf(registry, target.frameworkId, "frameworkId");
    const inScope = requirementIdsOf(targetCatalog, target.level);
    const scale = new Set(targetCatalog.maturityScale.map((step) => step.value));
    const onScale = (value: number | null) => (value !== null && scale.has(value) ? value : null);

    // a measure's mappings cover its requirements: the ACN catalog maps the measure (GV.OC-04)
    // while the answers are given on its requirements (GV.OC-04.1)
    const flat = flattenRequirements(sourceCatalog);
    const entryOf = new Map(flat.map((entry) => [entry.node.id, entry]));
    const mappingsFrom = (id: string | null): NonNullable<(typeof flat)[number]["node"]["mappings"]> => {
      const entry = id === null ? undefined : entryOf.get(id);
      if (!entry) return [];
      return entry.node.mappings?.length ? entry.node.mappings : mappingsFrom(entry.parentId);
    };
    const mappingsOf = new Map<string, string[]>();
    for (const { node } of flat) {
      const ids = mappingsFrom(node.id).filter((m) => m.framework === targetCatalog.id && inScope.has(m.requirementId)).map((m) => m.requirementId);
      if (ids.length) mappingsOf.set(node.id, ids);
    }
    const sourceAnswers = await tx.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, source.id));
    const derived = new Map<string, Derived>();
    for (const answer of sourceAnswers) {
      for (const targetId of mappingsOf.get(answer.requirementId) ?? []) {
        const status = answer.status as AnswerStatus;
        const seen = derived.get(targetId);
        if (!seen) {
          derived.set(targetId, { status, currentMaturity: onScale(answer.currentMaturity), targetMaturity: onScale(answer.targetMaturity), sources: [answer.requirementId] });
          continue;
        }
        if (strength[status] < strength[seen.status]) seen.status = status;
        seen.currentMaturity = minOf(seen.currentMaturity, onScale(answer.currentMaturity));
        seen.targetMaturity = maxOf(seen.targetMaturity, onScale(answer.targetMaturity));
        seen.sources.push(answer.requirementId);
      }
    }

    const existing = await tx.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, target.id));
    const confirmed = new Set(existing.filter((a) => !a.derived).map((a) => a.requirementId));
    const now = new Date();
    const rows = [...derived]
      .filter(([id]) => !confirmed.has(id))
      .map(([requirementId, d]) => ({
        assessmentId: target.id,
        requirementId,
        status: d.status,
        reason: d.status === "not_applicable" ? `${sourceCatalog.id}: ${d.sources.join(", ")}` : null,
        currentMaturity: d.currentMaturity,
        targetMaturity: d.targetMaturity,
        notes: `${sourceCatalog.id}: ${d.sources.join(", ")}`,
        derived: true,
        answeredBy: null,
        answeredAt: now,
      }));
    const saved: AnswerRow[] = [];
    for (const row of rows) {
      await tx.delete(assessmentAnswers).where(and(eq(assessmentAnswers.assessmentId, target.id), eq(assessmentAnswers.requirementId, row.requirementId)));
    }
    if (rows.length) saved.push(...(await tx.insert(assessmentAnswers).values(rows).returning()));
    await appendAudit(tx, audit, {
      orgId,
      action: "assessment.prefill",
      entityType: "assessment",
      entityId: target.id,
      before: existing.filter((a) => a.derived && derived.has(a.requirementId)),
      after: { fromAssessmentId: source.id, answers: saved },
    });
    return { prefilled: saved, skipped: [...derived.keys()].filter((id) => confirmed.has(id)).sort() };
  });
}
