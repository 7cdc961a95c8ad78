import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid, jsonb } from "drizzle-orm/pg-core";
import { createdAt, id, timestampTz } from "../../db/columns.ts";

// Tables are declared here without foreign keys to module tables (platform imports no module);
// the ids are users.id / organisations.id and the identity module cleans up on delete.

// Server-side sessions. The cookie carries a random token; only its SHA-256 is stored.
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    userId: uuid().notNull(),
    orgId: uuid(),
    csrfToken: text().notNull(),
    // false until the second factor is given, for users with TOTP enrolled
    mfaVerified: boolean().notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ precision: 3, withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ precision: 3, withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
    authMethod: text().notNull().default("password"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid().notNull(),
    codeHash: text().notNull(),
    usedAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

// Failed sign-ins, for throttling by (account, address), by account and by address.
export const loginFailures = pgTable(
  "login_failures",
  {
    id: id(),
    email: text().notNull(),
    ip: text().notNull(),
    at: timestamp({ precision: 3, withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_email").on(t.email, t.at), index("login_failures_ip").on(t.ip, t.at)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    userId: uuid().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ precision: 3, withTimezone: true }).notNull(),
    usedAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: uuid().notNull(),
    orgId: uuid().notNull(),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    // first characters of the token, shown so a user can tell tokens apart
    prefix: text().notNull(),
    scopes: text().array().notNull(),
    expiresAt: timestampTz(),
    lastUsedAt: timestampTz(),
    revokedAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_org").on(t.orgId)],
);

// Single sign-on configuration of an organisation (OpenID Connect).
export const oidcProviders = pgTable(
  "oidc_providers",
  {
    id: id(),
    orgId: uuid().notNull(),
    name: text().notNull(),
    issuer: text().notNull(),
    clientId: text().notNull(),
    // encrypted with SECRET_KEY (AES-256-GCM); never returned by the API
    clientSecretEncrypted: text(),
    // lower-case email domains this provider signs in; a domain belongs to one organisation
    emailDomains: text().array().notNull().default(sql`'{}'::text[]`),
    // role given to a new user on first sign-in (just-in-time membership); null: no JIT
    defaultRole: text(),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index("oidc_providers_org").on(t.orgId), index("oidc_providers_domains").using("gin", t.emailDomains)],
);

// State of an OIDC login in flight (PKCE verifier, nonce); any node can finish it.
// `state` holds the SHA-256 of the state sent to the provider; a row is deleted when used.
export const oidcLogins = pgTable("oidc_logins", {
  state: text().primaryKey(),
  providerId: uuid().notNull(),
  codeVerifier: text().notNull(),
  nonce: text().notNull(),
  returnTo: text(),
  createdAt: createdAt(),
  data: jsonb(),
});
