import type { Db } from "../../db/client.ts";
import { assessmentAnswers, assessments } from "./assessments.tables.ts";
import type { AnswerStatus } from "./scoring.ts";

// An approved assessment of the test catalog (prova-csf, test-catalog.fixture.ts) written straight
// into the database, as the workflow would leave it, so cross-organisation views can be tested
// with many organisations without walking each one through the routes.
export async function approvedAssessment(
  db: Db,
  orgId: string,
  answers: Record<string, AnswerStatus | [AnswerStatus, number]>,
  options: { approvedAt?: Date; sharedUpward?: boolean; level?: string; status?: string; scopeService?: string } = {},
) {
  const approvedAt = options.approvedAt ?? new Date("2026-06-30T10:00:00Z");
  const [row] = await db
    .insert(assessments)
    .values({
      orgId,
      frameworkId: "prova-csf",
      level: options.level ?? "base",
      scopeService: options.scopeService ?? null,
      title: `Postura ${approvedAt.getUTCFullYear()}`,
      status: options.status ?? "approved",
      approvedByName: "Maria Rossi",
      approvedAt,
      sharedUpward: options.sharedUpward ?? true,
    })
    .returning();
  const entries = Object.entries(answers);
  if (entries.length) {
    await db.insert(assessmentAnswers).values(
      entries.map(([requirementId, given]) => {
        const [status, currentMaturity] = Array.isArray(given) ? given : [given, null];
        return { assessmentId: row!.id, requirementId, status, currentMaturity, targetMaturity: 4 };
      }),
    );
  }
  return row!;
}
