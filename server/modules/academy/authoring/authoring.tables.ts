import { bigint, index, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../../db/columns.ts";
import { organisations, users } from "../../identity/identity.tables.ts";
import { academyPaths } from "../academy.tables.ts";

// Academy editors: the people who write the platform-wide paths (ownerOrgId null). No role of an
// organisation gives that right, since a path of the platform is shown to every citizen; it is
// granted from the command line (`cittadella academy-editor grant --email E`). An organisation's own
// paths are edited by its admins and security managers (authoring.policy.ts).
export const academyEditors = pgTable("academy_editors", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  grantedAt: createdAt(),
});

// The media of a path version (videos, captions, resources), by the name the package uses. Stored
// under academy/<uuid> in the FileStore; the type was found by sniffing the bytes.
export const academyPathMedia = pgTable(
  "academy_path_media",
  {
    id: id(),
    pathId: uuid()
      .notNull()
      .references(() => academyPaths.id, { onDelete: "cascade" }),
    name: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("academy_path_media_name_key").on(t.pathId, t.name)],
);

export interface ScormFile {
  /** path inside the package, forward slashes, never leaving it */
  path: string;
  mimeType: string;
  sizeBytes: number;
  storageKey: string;
}

// A SCORM 1.2 package as uploaded: its files in the FileStore, the launch file from its manifest.
export const academyScormPackages = pgTable(
  "academy_scorm_packages",
  {
    id: id(),
    ownerOrgId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    title: text().notNull(),
    launch: text().notNull(),
    /** draft | published | retired */
    status: text().$type<"draft" | "published" | "retired">().notNull().default("draft"),
    files: jsonb().$type<ScormFile[]>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("academy_scorm_packages_owner_idx").on(t.ownerOrgId)],
);

// What the SCORM runtime last reported for a learner: cmi.core.lesson_status and score.raw.
export const academyScormResults = pgTable(
  "academy_scorm_results",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    packageId: uuid()
      .notNull()
      .references(() => academyScormPackages.id, { onDelete: "cascade" }),
    orgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    lessonStatus: text().notNull(),
    scoreRaw: real(),
    completedAt: timestampTz(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.packageId] })],
);
