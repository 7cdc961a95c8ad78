import type { Db } from "../../db/client.ts";
import { assessments } from "../assessments/assessments.tables.ts";
import { risks } from "./risks.tables.ts";

// Records the roadmap's tests link to, written straight to the database so they do not depend
// on the register's routes.

type Score = [likelihood: number, impact: number, level: "low" | "medium" | "high" | "critical"];
const stage = ([likelihood, impact]: Score) => ({
  likelihood,
  impacts: { service: impact, personal_data: 1, legal: 1, financial: 1, reputation: 1 },
});

let counter = 1_000;

export async function makeRisk(db: Db, orgId: string, scores: { inherent: Score; current?: Score; residual?: Score }, values: Partial<typeof risks.$inferInsert> = {}) {
  const { inherent, current, residual } = scores;
  const [row] = await db
    .insert(risks)
    .values({
      orgId,
      number: ++counter,
      title: `Rischio ${counter}`,
      threatId: "ransomware",
      inherent: stage(inherent),
      inherentLikelihood: inherent[0],
      inherentImpact: inherent[1],
      inherentLevel: inherent[2],
      ...(current ? { current: stage(current), currentLikelihood: current[0], currentImpact: current[1], currentLevel: current[2] } : {}),
      ...(residual ? { residual: stage(residual), residualLikelihood: residual[0], residualImpact: residual[1], residualLevel: residual[2] } : {}),
      ...values,
    })
    .returning();
  return row!;
}

/** An assessment of the test framework (prova-csf), whose requirements the gaps name. */
export async function makeAssessment(db: Db, orgId: string) {
  const [row] = await db.insert(assessments).values({ orgId, frameworkId: "prova-csf", level: "base", title: "Postura di prova" }).returning();
  return row!;
}
