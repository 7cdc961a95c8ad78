import { boolean, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";

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
    answeredBy: uuid().references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestampTz(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.requirementId] })],
);
