import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    name: text().notNull(),
    type: text().notNull(),
    ipaCode: text(),
    fiscalCode: text(),
    // Once set, admins must have TOTP enrolled before they can act.
    requireAdminMfa: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisations_ipa_code_key").on(t.ipaCode)],
);

// provider_of: fromOrg is the IT provider working for toOrg (its client).
// coordinator_of: fromOrg (e.g. a regione) reads what toOrg shares upward.
export const organisationRelationships = pgTable(
  "organisation_relationships",
  {
    id: id(),
    kind: text().notNull(),
    fromOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    toOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organisation_relationships_unique").on(t.kind, t.fromOrgId, t.toOrgId),
    index("organisation_relationships_to").on(t.toOrgId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    locale: text().notNull().default("it"),
    totpSecret: text(),
    totpEnabledAt: timestampTz(),
    /** time step of the last accepted TOTP code: a code is accepted once (no replay) */
    totpLastStep: integer(),
    disabledAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text().notNull(),
    /** where the member works, in the organisation's own words (e.g. "Ufficio Anagrafe"): academy assignments and reports */
    office: text(),
    /** member of the management body (giunta, board): NIS2 asks for its training to be tracked on its own */
    managementBody: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  // (orgId, createdAt, userId) is exactly the members list's keyset order: a page is an index range, no sort
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index("memberships_org").on(t.orgId, t.createdAt, t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text().notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ precision: 3, withTimezone: true }).notNull(),
    acceptedAt: timestampTz(),
    revokedAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_key").on(t.tokenHash), index("invitations_org").on(t.orgId)],
);
