import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import { intelItems } from "./intel.tables.ts";

// Matching advisories to the organisations they affect (docs/INTEL.md, "Matching, alerts and
// lookup"): what each organisation runs, and one alert per organisation and advisory.

/** A product an organisation runs; vendor and product lower-cased, as the advisories' are. */
export const intelOrgProducts = pgTable(
  "intel_org_products",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    vendor: text().notNull(),
    product: text().notNull(),
    /** dotted version as installed; null means "some version": every range matches */
    version: text(),
    /** CPE 2.3 name, when the organisation has it (the later asset inventory will) */
    cpe: text(),
    createdAt: createdAt(),
  },
  (t) => [index("intel_org_products_org").on(t.orgId, t.createdAt), index("intel_org_products_match").on(t.vendor, t.product)],
);

/** An advisory that affects an organisation's products, once per organisation. */
export const intelAlerts = pgTable(
  "intel_alerts",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    /** the organisation's products that matched, as "vendor product version" */
    matched: text().array().notNull(),
    createdAt: createdAt(),
    readAt: timestampTz(),
    readBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** when the daily digest mailed it to the security managers; null until then */
    mailedAt: timestampTz(),
  },
  (t) => [uniqueIndex("intel_alerts_org_item").on(t.orgId, t.itemId), index("intel_alerts_org_list").on(t.orgId, t.createdAt, t.id)],
);

/** Which version (modifiedAt) of each advisory was last matched, so the sweep matches each version once. */
export const intelAdvisoryMatches = pgTable("intel_advisory_matches", {
  itemId: uuid()
    .primaryKey()
    .references(() => intelItems.id, { onDelete: "cascade" }),
  matchedVersion: timestampTz().notNull(),
  matchedAt: createdAt(),
});

/** Where an organisation wants its alerts POSTed; the signing secret is sealed (shown once on creation). */
export const intelWebhooks = pgTable("intel_webhooks", {
  orgId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  url: text().notNull(),
  /** seal() of the HMAC secret: the server must read it back to sign */
  secretSealed: text().notNull(),
  createdAt: createdAt(),
});
