import { sql, type SQL } from "drizzle-orm";
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";
import { organisations, users } from "../identity/identity.tables.ts";

// The threat-intelligence sharing hub (issue 5). Every shared thing (advisory, indicator,
// experience report) is one row of intel_items carrying what sharing needs: the STIX id and
// version, the TLP 2.0 marking, who may see it, and who wrote it, with the kind's own fields in a
// table of its own. Rules: docs/INTEL.md.

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const intelCommunities = pgTable("intel_communities", {
  id: id(),
  name: text().notNull(),
  description: text(),
  /** the organisation whose admin created it (a coordinating body); kept for the audit trail */
  createdByOrgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: createdAt(),
});

export const intelCommunityMembers = pgTable(
  "intel_community_members",
  {
    communityId: uuid()
      .notNull()
      .references(() => intelCommunities.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.orgId] }), index("intel_community_members_org").on(t.orgId)],
);

/** Moderators are people: they manage the membership while acting for a member organisation. */
export const intelCommunityModerators = pgTable(
  "intel_community_moderators",
  {
    communityId: uuid()
      .notNull()
      .references(() => intelCommunities.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] })],
);

// kind: advisory | indicator | experience_report. status: draft -> published -> revoked.
// An anonymous item has no author organisation or user: only `authorTag`, a keyed hash of the
// author organisation and the item id (see anonymity.ts), so the author still sees its own item,
// and `editKeyHash`, the SHA-256 of the key given once to the author to edit or withdraw it.
export const intelItems = pgTable(
  "intel_items",
  {
    id: id(),
    kind: text().notNull(),
    /** STIX 2.1 id, e.g. indicator--<uuid v4>; stable across versions */
    stixId: text().notNull(),
    tlp: text().notNull(),
    status: text().notNull().default("published"),
    title: text().notNull(),
    anonymous: boolean().notNull().default(false),
    authorOrgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    authorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    authorTag: text(),
    editKeyHash: text(),
    /** AMBER only: the recipient organisations' IT providers may see it too */
    providersAllowed: boolean().notNull().default(false),
    validUntil: timestampTz(),
    /** STIX created / modified: modified is the version; anonymous items carry coarsened times */
    createdAt: createdAt(),
    modifiedAt: createdAt(),
    revoked: boolean().notNull().default(false),
    /** the searchable text of the kind's fields, written by the service */
    searchText: text().notNull().default(""),
    searchVector: tsvector().generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('italian', ${intelItems.title} || ' ' || ${intelItems.searchText}) || to_tsvector('english', ${intelItems.title} || ' ' || ${intelItems.searchText})`,
    ),
  },
  (t) => [
    uniqueIndex("intel_items_stix_id").on(t.stixId),
    index("intel_items_list").on(t.createdAt, t.id),
    index("intel_items_author").on(t.authorOrgId),
    index("intel_items_search").using("gin", t.searchVector),
  ],
);

/** GREEN (and any level, for browsing): the communities an item was shared with. */
export const intelItemCommunities = pgTable(
  "intel_item_communities",
  {
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    communityId: uuid()
      .notNull()
      .references(() => intelCommunities.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.communityId] }), index("intel_item_communities_community").on(t.communityId)],
);

/** AMBER and AMBER+STRICT: the recipient organisations. */
export const intelItemRecipientOrgs = pgTable(
  "intel_item_recipient_orgs",
  {
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.orgId] }), index("intel_item_recipient_orgs_org").on(t.orgId)],
);

/** RED: the named people (TLP 2.0 RED is for individual recipients, so users, not organisations). */
export const intelItemRecipientUsers = pgTable(
  "intel_item_recipient_users",
  {
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] }), index("intel_item_recipient_users_user").on(t.userId)],
);

export const intelAdvisories = pgTable("intel_advisories", {
  itemId: uuid()
    .primaryKey()
    .references(() => intelItems.id, { onDelete: "cascade" }),
  summary: text().notNull(),
  /** low | medium | high | critical */
  severity: text().notNull(),
  cveIds: text().array().notNull().default(sql`'{}'::text[]`),
  /** [{ title, url?, steps? }] */
  patches: jsonb().notNull().default([]),
  mitigations: jsonb().notNull().default([]),
  /** [{ title?, url }] */
  references: jsonb().notNull().default([]),
});

// Version ranges as NVD writes them, so the later product matching can compare them.
export const intelAdvisoryProducts = pgTable(
  "intel_advisory_products",
  {
    id: id(),
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    /** lower-cased, as matched */
    vendor: text().notNull(),
    product: text().notNull(),
    versionStartIncluding: text(),
    versionStartExcluding: text(),
    versionEndIncluding: text(),
    versionEndExcluding: text(),
    cpe: text(),
  },
  (t) => [index("intel_advisory_products_item").on(t.itemId), index("intel_advisory_products_match").on(t.vendor, t.product)],
);

export const intelAdvisoryIndicators = pgTable(
  "intel_advisory_indicators",
  {
    advisoryId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    indicatorId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.advisoryId, t.indicatorId] })],
);

export const intelIndicators = pgTable(
  "intel_indicators",
  {
    itemId: uuid()
      .primaryKey()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    /** ipv4 | ipv6 | cidr | domain | url | email | md5 | sha1 | sha256 */
    type: text().notNull(),
    /** normalised (normalise.ts), so equal observables compare equal */
    value: text().notNull(),
    firstSeen: timestampTz(),
    lastSeen: timestampTz(),
    /** 0..100 as in STIX */
    confidence: integer(),
    description: text(),
  },
  (t) => [index("intel_indicators_lookup").on(t.type, t.value)],
);

export const intelExperienceReports = pgTable("intel_experience_reports", {
  itemId: uuid()
    .primaryKey()
    .references(() => intelItems.id, { onDelete: "cascade" }),
  attackType: text().notNull(),
  entryVector: text(),
  impact: text(),
  timeToRecoverHours: integer(),
  detection: text(),
  whatWorked: text(),
  lessons: text(),
  narrative: text().notNull(),
});

// "We saw this too": one row per sighting organisation, named only by a keyed hash of it and the
// item (so it counts once and can add to its count), never by id and with no time.
export const intelSightings = pgTable(
  "intel_sightings",
  {
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    sighterTag: text().notNull(),
    count: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.sighterTag] })],
);

/** Replies on an item; an anonymous reply keeps no author at all. */
export const intelComments = pgTable(
  "intel_comments",
  {
    id: id(),
    itemId: uuid()
      .notNull()
      .references(() => intelItems.id, { onDelete: "cascade" }),
    /** STIX note--<uuid v4> */
    stixId: text().notNull(),
    body: text().notNull(),
    anonymous: boolean().notNull().default(false),
    authorOrgId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    authorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** kept so the thread reads right if the account goes; null when anonymous */
    authorName: text(),
    authorOrgName: text(),
    createdAt: createdAt(),
  },
  (t) => [index("intel_comments_item").on(t.itemId, t.createdAt)],
);
