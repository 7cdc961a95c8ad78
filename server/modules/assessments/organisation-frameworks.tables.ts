import { jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import type { Catalog } from "./catalogs/catalog-format.ts";

// A framework an organisation uploaded: either the official wording of a shipped framework (same
// id as the shipped one; only its texts are used, the shipped tree, levels and mappings stay) or a
// framework of its own (id prefixed "custom-"). One row per organisation and framework; a new
// upload replaces the row with a new one, so a row's id names one version for caches.
export const organisationFrameworks = pgTable(
  "organisation_frameworks",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    frameworkId: text().notNull(),
    /** "official_wording" of a shipped framework, or "custom" */
    kind: text().notNull(),
    /** the framework's own edition, as the file gives it */
    version: text().notNull(),
    /** the catalog as imported, in our format (docs/CATALOG-FORMAT.md) */
    catalog: jsonb().$type<Catalog>().notNull(),
    /** oscal, acn_xlsx, template_xlsx, template_csv, catalog_json */
    sourceFormat: text().notNull(),
    fileName: text().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisation_frameworks_org_framework_idx").on(t.orgId, t.frameworkId)],
);
