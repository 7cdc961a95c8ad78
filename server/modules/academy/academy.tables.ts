import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import type { PathPackage } from "./content/path-package.ts";

// One row per version of a learning path in one language. A published version's content never
// changes (learners' attempts point at it and are graded against it); a new version is a new row.
// ownerOrgId null: platform-wide (the starter curriculum, paths of the academy editors).
export const academyPaths = pgTable(
  "academy_paths",
  {
    id: id(),
    /** the package id, stable across versions and languages */
    slug: text().notNull(),
    language: text().notNull(),
    version: text().notNull(),
    /** draft | published | retired */
    status: text().$type<"draft" | "published" | "retired">().notNull().default("draft"),
    ownerOrgId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    /** public: anyone, signed in or not; organisation: members of ownerOrgId only */
    visibility: text().$type<"public" | "organisation">().notNull().default("public"),
    title: text().notNull(),
    summary: text().notNull(),
    level: text().$type<PathPackage["level"]>().notNull(),
    audiences: text().array().$type<PathPackage["audiences"]>().notNull(),
    /** the validated package (content/path-package.ts), answers included: never sent to learners as is */
    content: jsonb().$type<PathPackage>().notNull(),
    publishedAt: timestampTz(),
    /** null: published by the server itself from catalogs/academy (the starter curriculum) */
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("academy_paths_version_key").on(t.slug, t.language, t.version),
    index("academy_paths_status_idx").on(t.status, t.publishedAt),
  ],
);

// A learner's progress, keyed by path slug so it carries over to a newer version of the path.
// kind: item (article, quiz, exercise...), module, or path (itemId = the slug).
export const academyProgress = pgTable(
  "academy_progress",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pathSlug: text().notNull(),
    kind: text().notNull(),
    itemId: text().notNull(),
    /** the version last worked on */
    pathId: uuid()
      .notNull()
      .references(() => academyPaths.id, { onDelete: "cascade" }),
    /** completed | passed | failed */
    status: text().notNull(),
    /** best score in %, for quizzes and exercises */
    score: real(),
    completedAt: timestampTz(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.pathSlug, t.kind, t.itemId] })],
);

export const academyQuizAttempts = pgTable(
  "academy_quiz_attempts",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** the organisation the learner acted for, for the managers' view */
    orgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    pathId: uuid()
      .notNull()
      .references(() => academyPaths.id, { onDelete: "cascade" }),
    pathSlug: text().notNull(),
    quizId: text().notNull(),
    /** the questions drawn for this attempt, in the order shown */
    questionIds: text().array().notNull(),
    startedAt: createdAt(),
    deadlineAt: timestampTz(),
    submittedAt: timestampTz(),
    /** % of points */
    score: real(),
    passed: boolean(),
    answers: jsonb(),
  },
  (t) => [index("academy_quiz_attempts_learner_idx").on(t.userId, t.pathSlug, t.quizId)],
);

// The learning record store: every statement whole, as xAPI 1.0.3 JSON, never changed.
export const xapiStatements = pgTable(
  "xapi_statements",
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    verb: text().notNull(),
    objectId: text().notNull(),
    statement: jsonb().$type<Record<string, unknown>>().notNull(),
    stored: createdAt(),
  },
  (t) => [index("xapi_statements_user_idx").on(t.userId, t.stored), index("xapi_statements_org_idx").on(t.orgId, t.stored)],
);

// The learner's name and the path's title are copied in: a certificate reads the same for ever.
export const academyCertificates = pgTable(
  "academy_certificates",
  {
    id: id(),
    /** printed on the certificate; the public verification looks it up */
    code: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    pathId: uuid()
      .notNull()
      .references(() => academyPaths.id, { onDelete: "restrict" }),
    pathSlug: text().notNull(),
    learnerName: text().notNull(),
    pathTitle: text().notNull(),
    /** hours of training the path stands for (estimated reading and exercise time) */
    minutes: integer().notNull().default(0),
    issuedAt: createdAt(),
    revokedAt: timestampTz(),
  },
  (t) => [uniqueIndex("academy_certificates_code_key").on(t.code), uniqueIndex("academy_certificates_learner_key").on(t.userId, t.pathSlug)],
);
