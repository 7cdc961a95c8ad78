import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { riskMatrices } from "./risks.tables.ts";

// The risk matrix: likelihood rows by impact columns, each cell a level. An organisation without
// a row of its own uses the shipped 5x5 default, labelled in Italian first.

export const riskLevels = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const MIN_STEPS = 3;
export const MAX_STEPS = 10;

export interface StepLabels {
  it: string[];
  en: string[];
}

export interface RiskMatrix {
  likelihoodSteps: number;
  impactSteps: number;
  likelihoodLabels: StepLabels;
  impactLabels: StepLabels;
  /** cells[likelihood - 1][impact - 1] */
  cells: RiskLevel[][];
}

// The usual product bands: up to 4 low, up to 9 medium, up to 16 high, above critical.
const band = (product: number): RiskLevel => (product <= 4 ? "low" : product <= 9 ? "medium" : product <= 16 ? "high" : "critical");

export const DEFAULT_MATRIX: RiskMatrix = {
  likelihoodSteps: 5,
  impactSteps: 5,
  likelihoodLabels: {
    it: ["Rara", "Improbabile", "Possibile", "Probabile", "Quasi certa"],
    en: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
  },
  impactLabels: {
    it: ["Trascurabile", "Minore", "Moderato", "Grave", "Critico"],
    en: ["Negligible", "Minor", "Moderate", "Major", "Critical"],
  },
  cells: Array.from({ length: 5 }, (_, l) => Array.from({ length: 5 }, (_, i) => band((l + 1) * (i + 1)))),
};

/** The level of a cell; undefined when the scores are outside the matrix. */
export function levelOf(matrix: RiskMatrix, likelihood: number, impact: number): RiskLevel | undefined {
  return matrix.cells[likelihood - 1]?.[impact - 1];
}

/**
 * Checks a matrix someone sent: the cells form a likelihoodSteps x impactSteps grid and every step
 * has a label in both languages. Throws 422 naming the first wrong field.
 */
export function checkMatrixShape(matrix: RiskMatrix, field = "body") {
  const { likelihoodSteps: rows, impactSteps: columns } = matrix;
  for (const [name, steps] of [["likelihoodSteps", rows], ["impactSteps", columns]] as const) {
    if (!Number.isInteger(steps) || steps < MIN_STEPS || steps > MAX_STEPS)
      throw invalidField(`${field}.${name}`, "risk_matrix_steps", { min: MIN_STEPS, max: MAX_STEPS });
  }
  for (const [name, steps] of [["likelihoodLabels", rows], ["impactLabels", columns]] as const) {
    for (const locale of ["it", "en"] as const) {
      const labels = matrix[name][locale];
      if (labels.length !== steps) throw invalidField(`${field}.${name}.${locale}`, "risk_matrix_labels_count", { count: steps });
      const blank = labels.findIndex((label) => !label.trim());
      if (blank >= 0) throw invalidField(`${field}.${name}.${locale}[${blank}]`, "required");
    }
  }
  if (matrix.cells.length !== rows) throw invalidField(`${field}.cells`, "risk_matrix_rows", { count: rows });
  matrix.cells.forEach((row, l) => {
    if (row.length !== columns) throw invalidField(`${field}.cells[${l}]`, "risk_matrix_columns", { count: columns });
    row.forEach((level, i) => {
      if (!riskLevels.includes(level)) throw invalidField(`${field}.cells[${l}][${i}]`, "invalid_value", { values: riskLevels.join(", ") });
    });
  });
}

/** The organisation's matrix, or the default; isDefault says which. */
export async function loadMatrix(db: DbOrTx, orgId: string): Promise<RiskMatrix & { isDefault: boolean }> {
  const [row] = await db.select().from(riskMatrices).where(eq(riskMatrices.orgId, orgId));
  if (!row) return { ...DEFAULT_MATRIX, isDefault: true };
  return {
    likelihoodSteps: row.likelihoodSteps,
    impactSteps: row.impactSteps,
    likelihoodLabels: row.likelihoodLabels as StepLabels,
    impactLabels: row.impactLabels as StepLabels,
    cells: row.cells as RiskLevel[][],
    isDefault: false,
  };
}

// Scoring a risk reads the matrix; changing the matrix re-levels every risk. Scorers share this
// lock and a matrix change takes it alone, so no risk is levelled against a matrix being replaced.
const MATRIX_LOCK = 727_101;

/** The matrix to score against, inside the caller's transaction (shared lock until it commits). */
export async function matrixForScoring(tx: DbOrTx, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${MATRIX_LOCK}, hashtext(${orgId}))`);
  return loadMatrix(tx, orgId);
}

/** The matrix about to be replaced, inside the caller's transaction (exclusive lock until it commits). */
export async function matrixForChange(tx: DbOrTx, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${MATRIX_LOCK}, hashtext(${orgId}))`);
  return loadMatrix(tx, orgId);
}
