import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../../db/columns.ts";
import { organisations, users } from "../../identity/identity.tables.ts";
import { intelCommunities, intelItems } from "../intel.tables.ts";

// What STIX and TAXII exchange keep about an item beyond the core's columns (docs/INTEL.md "TAXII").

/**
 * One row per item that came in through a STIX import or a TAXII POST: the indicator pattern kept
 * verbatim (patterns the product cannot search, and multi-value patterns, whose first indicator
 * carries the whole pattern) and when this version entered our store, which is the TAXII
 * `date_added` (an imported object keeps the source's `modified`, often long before it reached us).
 */
export const intelItemStix = pgTable("intel_item_stix", {
  itemId: uuid()
    .primaryKey()
    .references(() => intelItems.id, { onDelete: "cascade" }),
  pattern: text(),
  patternType: text(),
  patternVersion: text(),
  addedAt: createdAt(),
});

/** TAXII 2.1 status resources of POSTed envelopes; the import is synchronous, so they are written complete. */
export const intelTaxiiStatuses = pgTable(
  "intel_taxii_statuses",
  {
    id: id(),
    orgId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    communityId: uuid().references(() => intelCommunities.id, { onDelete: "cascade" }),
    /** complete | pending */
    status: text().notNull(),
    totalCount: integer().notNull(),
    /** [{ id, version, message? }] as in the TAXII status resource */
    successes: jsonb().notNull().default([]),
    failures: jsonb().notNull().default([]),
    pendings: jsonb().notNull().default([]),
    requestTimestamp: timestampTz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("intel_taxii_statuses_user").on(t.userId)],
);
