import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import { assessments } from "../assessments/assessments.tables.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";

// The risk register and the improvement roadmap of one organisation (the entity), shared with its
// IT provider for the actions assigned to it. Scores are stored twice: the per-dimension inputs
// (jsonb, what people entered) and the derived likelihood/impact/level columns (what the heat map
// and the roadmap query), recomputed in one statement when the organisation changes its matrix.

/** An organisation's risk matrix; no row means the shipped 5x5 default (risk-matrix.ts). */
export const riskMatrices = pgTable("risk_matrices", {
  orgId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** number of likelihood rows and impact columns (3..10) */
  likelihoodSteps: integer().notNull(),
  impactSteps: integer().notNull(),
  /** labels per step, { it: string[], en: string[] } */
  likelihoodLabels: jsonb().notNull(),
  impactLabels: jsonb().notNull(),
  /** cells[likelihood-1][impact-1] = "low" | "medium" | "high" | "critical" */
  cells: jsonb().notNull(),
  updatedAt: createdAt(),
});

export const risks = pgTable(
  "risks",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** ... per organisation, what people say in meetings */
    number: integer().notNull(),
    title: text().notNull(),
    description: text(),
    /** an id of the shipped threat catalog (catalogs/threats.json) */
    threatId: text().notNull(),
    /** free text until the asset inventory exists; assetIds will link to it */
    affectedServices: text(),
    ownerId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** per stage: { likelihood, impacts: { service, personal_data, legal, financial, reputation } } */
    inherent: jsonb().notNull(),
    current: jsonb(),
    residual: jsonb(),
    // Derived from the jsonb above and the matrix: impact is the worst dimension.
    inherentLikelihood: integer().notNull(),
    inherentImpact: integer().notNull(),
    inherentLevel: text().notNull(),
    currentLikelihood: integer(),
    currentImpact: integer(),
    currentLevel: text(),
    residualLikelihood: integer(),
    residualImpact: integer(),
    residualLevel: text(),
    /** mitigate | accept | transfer | avoid; null while undecided */
    treatment: text(),
    treatmentNotes: text(),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    acceptedByName: text(),
    acceptanceReason: text(),
    /** YYYY-MM-DD; after it the acceptance must be reviewed */
    acceptanceExpiresOn: text(),
    /** open | closed */
    status: text().notNull().default("open"),
    reviewEveryMonths: integer().notNull().default(12),
    /** YYYY-MM-DD */
    nextReviewOn: text(),
    lastReviewedAt: timestampTz(),
    /** the day a review reminder was last mailed, so the daily job sends one per due date */
    reviewReminderSentOn: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index("risks_org_idx").on(t.orgId, t.number),
    index("risks_org_inherent_idx").on(t.orgId, t.inherentLikelihood, t.inherentImpact),
    index("risks_review_idx").on(t.nextReviewOn),
  ],
);

/** Every score change, never edited: who, when, which stage, from what to what. */
export const riskScoreChanges = pgTable(
  "risk_score_changes",
  {
    id: id(),
    riskId: uuid()
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    /** inherent | current | residual */
    stage: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    levelBefore: text(),
    levelAfter: text(),
    changedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    changedByName: text(),
    /** why the score changed, when someone said (a matrix change says so itself) */
    reason: text(),
    changedAt: createdAt(),
  },
  (t) => [index("risk_score_changes_idx").on(t.riskId, t.changedAt)],
);

/** A risk linked to a gap of an assessment (a requirement answered below its target). */
export const riskGaps = pgTable(
  "risk_gaps",
  {
    riskId: uuid()
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    requirementId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.assessmentId, t.requirementId] })],
);

// An improvement action of the roadmap. orgId is the entity whose plan it is; ownerOrgId is who
// carries it out (the entity itself or its provider, who then sees and updates it).
export const improvementActions = pgTable(
  "improvement_actions",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** ... per organisation */
    number: integer().notNull(),
    title: text().notNull(),
    description: text(),
    /** govern | identify | protect | detect | respond | recover */
    csfFunction: text().notNull(),
    ownerOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    ownerUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** derived from the linked risks (priority.ts): a score and its level, with the reason */
    derivedScore: integer().notNull().default(0),
    derivedPriority: text().notNull().default("low"),
    /** set with a stated reason by someone who disagrees with the derived priority */
    priorityOverride: text(),
    priorityOverrideReason: text(),
    /** small | medium | large */
    effort: text(),
    /** euro cents, to stay exact */
    estimatedCostCents: bigint({ mode: "number" }),
    /** YYYY-MM-DD */
    startOn: text(),
    dueOn: text(),
    /** planned | in_progress | blocked | done | cancelled */
    status: text().notNull().default("planned"),
    progress: integer().notNull().default(0),
    completedAt: timestampTz(),
    /** the due date for which the lateness escalation was last mailed */
    lateNotifiedFor: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    // the roadmap's lists walk A-numbers in order and stop after a page (measured in bench/roadmap.ts)
    index("improvement_actions_number_idx").on(t.orgId, t.number),
    index("improvement_actions_org_idx").on(t.orgId, t.csfFunction, t.startOn),
    index("improvement_actions_owner_idx").on(t.ownerOrgId, t.status),
    index("improvement_actions_due_idx").on(t.orgId, t.status, t.dueOn),
  ],
);

export const actionRisks = pgTable(
  "action_risks",
  {
    actionId: uuid()
      .notNull()
      .references(() => improvementActions.id, { onDelete: "cascade" }),
    riskId: uuid()
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.riskId] }), index("action_risks_risk_idx").on(t.riskId)],
);

export const actionGaps = pgTable(
  "action_gaps",
  {
    actionId: uuid()
      .notNull()
      .references(() => improvementActions.id, { onDelete: "cascade" }),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    requirementId: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.assessmentId, t.requirementId] }),
    index("action_gaps_gap_idx").on(t.assessmentId, t.requirementId),
  ],
);

/** actionId cannot start (or finish) before dependsOnId is done; cycles are refused in the service. */
export const actionDependencies = pgTable(
  "action_dependencies",
  {
    actionId: uuid()
      .notNull()
      .references(() => improvementActions.id, { onDelete: "cascade" }),
    dependsOnId: uuid()
      .notNull()
      .references(() => improvementActions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.dependsOnId] }), index("action_dependencies_on_idx").on(t.dependsOnId)],
);

/** Evidence that an action was completed: a link or a file in the files module. */
export const actionEvidence = pgTable(
  "action_evidence",
  {
    id: id(),
    actionId: uuid()
      .notNull()
      .references(() => improvementActions.id, { onDelete: "cascade" }),
    title: text().notNull(),
    url: text(),
    fileId: uuid().references(() => storedFiles.id, { onDelete: "set null" }),
    addedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("action_evidence_idx").on(t.actionId)],
);
