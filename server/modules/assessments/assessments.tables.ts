import { boolean, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import { storedFiles } from "../../platform/storage/storage.tables.ts";

// status: draft -> in_review -> approved. An approved assessment is locked: nothing changes it,
// a new cycle copies it into a new draft (previousId) so year-on-year trends can be drawn.
export const assessments = pgTable(
  "assessments",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    frameworkId: text().notNull(),
    level: text(),
    /** null: the whole entity; otherwise the name of the service assessed */
    scopeService: text(),
    title: text().notNull(),
    /** a calendar date, YYYY-MM-DD */
    targetDate: text(),
    ownerId: uuid().references(() => users.id, { onDelete: "set null" }),
    status: text().notNull().default("draft"),
    approvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** the name of the person who signed off, kept even if the account goes */
    approvedByName: text(),
    approvedAt: timestampTz(),
    /** decided at sign-off: the organisation's coordinators (e.g. its regione) may read it */
    sharedUpward: boolean().notNull().default(false),
    previousId: uuid(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index("assessments_org_idx").on(t.orgId, t.createdAt)],
);

// requirementIds null: every requirement (own-organisation users only); a provider's user is
// always limited to the requirements listed.
export const assessmentAssignees = pgTable(
  "assessment_assignees",
  {
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requirementIds: text().array(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.userId] })],
);

export const assessmentAnswers = pgTable(
  "assessment_answers",
  {
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    requirementId: text().notNull(),
    status: text().notNull(),
    /** mandatory when status is not_applicable */
    reason: text(),
    currentMaturity: integer(),
    targetMaturity: integer(),
    notes: text(),
    /** pre-filled from a mapped framework (prefill.service.ts); a person saving it confirms it */
    derived: boolean().notNull().default(false),
    answeredBy: uuid().references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestampTz(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.requirementId] })],
);

// A conversation on one answer between the entity and its provider; visible to whoever sees the
// assessment, never edited (the audit log keeps the trail).
export const assessmentAnswerComments = pgTable(
  "assessment_answer_comments",
  {
    id: id(),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    requirementId: text().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** kept so the thread still reads right if the account goes */
    authorName: text().notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("assessment_answer_comments_idx").on(t.assessmentId, t.requirementId, t.createdAt)],
);

// Evidence for one answer: a link or a file the organisation uploaded (files module), valid until
// expiresOn. Expired evidence stays listed, flagged, so the gap shows; locked with the assessment.
export const assessmentEvidence = pgTable(
  "assessment_evidence",
  {
    id: id(),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    requirementId: text().notNull(),
    title: text().notNull(),
    /** one of url and fileId; both null once the file was deleted in the files module (title stays) */
    url: text(),
    fileId: uuid().references(() => storedFiles.id, { onDelete: "set null" }),
    /** a calendar date, YYYY-MM-DD; null: does not expire */
    expiresOn: text(),
    addedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("assessment_evidence_idx").on(t.assessmentId, t.requirementId)],
);
