import { boolean, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";

/** Who an assignment is for: anyone matching any of these (roles, offices, the management body, named people). */
export interface AssignmentTarget {
  roles: string[];
  offices: string[];
  managementBody: boolean;
  userIds: string[];
}

// An organisation assigns a learning path to its employees with a due date. The path is named by
// slug: progress is kept per slug, so a newer version or the other language counts as well.
export const academyAssignments = pgTable(
  "academy_assignments",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    pathSlug: text().notNull(),
    /** the title when assigned, for lists and mail (the path may be retired later) */
    pathTitle: text().notNull(),
    target: jsonb().$type<AssignmentTarget>().notNull(),
    /** people who later match the roles, offices or management body are added by the daily round */
    followsMembers: boolean().notNull().default(true),
    /** YYYY-MM-DD, a calendar day in Italy */
    dueOn: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("academy_assignments_org_idx").on(t.orgId, t.dueOn)],
);

// The people an assignment was resolved to, and the reminders they were sent (each at most once).
export const academyAssignmentLearners = pgTable(
  "academy_assignment_learners",
  {
    assignmentId: uuid()
      .notNull()
      .references(() => academyAssignments.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    assignedAt: createdAt(),
    /** the "due soon" reminder */
    remindedAt: timestampTz(),
    /** the one notice once the due date has passed */
    overdueNotifiedAt: timestampTz(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId] }), index("academy_assignment_learners_user_idx").on(t.userId, t.orgId)],
);
