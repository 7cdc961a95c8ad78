import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { organisations } from "../../identity/identity.tables.ts";
import type { Catalog, LocalizedText } from "../catalogs/catalog-format.ts";
import { flattenRequirements } from "../catalogs/catalog-tree.ts";
import type { CatalogRegistry } from "../catalogs/catalog-loader.ts";
import { catalogOf } from "../assessment-records.ts";
import { getAssessment } from "../assessments.service.ts";
import { isExpired, listEvidence } from "../evidence.service.ts";
import { scoreAssessment, type AssessmentResults, type ScoredAnswer } from "../scoring.ts";

// Everything the PDF report prints, gathered once and checked against the reader's rights, so
// the drawing code is a pure function of this object (and can be measured without a database).

export interface ReportEvidence {
  requirementId: string;
  title: string;
  /** the link, or the name of the file stored with the organisation */
  source: string;
  expiresOn: string | null;
  expired: boolean;
}

export interface ReportData {
  organisation: string;
  title: string;
  framework: { title: LocalizedText; version: string };
  level: LocalizedText | null;
  /** the top of the framework's maturity scale, the full length of a chart's bars */
  maturityMax: number;
  scopeService: string | null;
  status: "draft" | "in_review" | "approved";
  createdAt: Date;
  targetDate: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  results: AssessmentResults;
  /** the title of every node of the framework, for functions and gaps */
  titles: Map<string, LocalizedText>;
  evidence: ReportEvidence[];
  generatedAt: Date;
}

export interface ReportRecord {
  title: string;
  level: string | null;
  scopeService: string | null;
  status: string;
  createdAt: Date;
  targetDate: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
}

export function buildReportData(catalog: Catalog, organisation: string, record: ReportRecord, answers: ScoredAnswer[], evidence: ReportEvidence[], generatedAt = new Date()): ReportData {
  return {
    organisation,
    title: record.title,
    framework: { title: catalog.title, version: catalog.version },
    level: catalog.levels?.find((l) => l.id === record.level)?.title ?? null,
    maturityMax: Math.max(...catalog.maturityScale.map((step) => step.value)),
    scopeService: record.scopeService,
    status: record.status as ReportData["status"],
    createdAt: record.createdAt,
    targetDate: record.targetDate,
    approvedByName: record.approvedByName,
    approvedAt: record.approvedAt,
    results: scoreAssessment(catalog, record.level, answers),
    titles: new Map(flattenRequirements(catalog).map((f) => [f.node.id, f.node.title])),
    evidence,
    generatedAt,
  };
}

/** The report's content for this reader: 404 when the assessment is not visible to them. */
export async function loadReportData(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string): Promise<ReportData> {
  const { record, answers } = await getAssessment(db, actor, orgId, assessmentId);
  const catalog = catalogOf(registry, record.frameworkId, "frameworkId");
  const [organisation] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, record.orgId));
  const evidence = (await listEvidence(db, actor, orgId, assessmentId)).map((e) => ({
    requirementId: e.requirementId,
    title: e.title,
    source: e.url ?? e.fileName ?? "",
    expiresOn: e.expiresOn,
    expired: isExpired(e.expiresOn),
  }));
  return buildReportData(catalog, organisation?.name ?? "", record, answers as ScoredAnswer[], evidence);
}
