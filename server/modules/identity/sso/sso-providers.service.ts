import { and, arrayOverlaps, asc, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client.ts";
import { appendAudit, type AuditContext } from "../../../platform/audit/audit.ts";
import { oidcLogins, oidcProviders } from "../../../platform/auth/auth.tables.ts";
import { seal } from "../../../platform/auth/tokens.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { conflict, invalidField } from "../../../platform/http/errors.ts";
import { organisations } from "../identity.tables.ts";
import { organisationPolicy } from "../identity.policy.ts";
import { issuerAllowed, type OidcSettings } from "./oidc-client.ts";
import { auditViewOfSsoProvider } from "./sso.presenter.ts";
import type { SsoProvidersCreateReq, SsoProvidersUpdateReq } from "./sso.schemas.ts";
import { ssoProviderPolicy } from "./sso.policy.ts";

// An organisation's admins manage its OpenID Connect providers. Every change is audited without
// the client secret, which is stored sealed (AES-256-GCM under the server's secret key).

async function authorizeOrg(db: DbOrTx, actor: Actor, orgId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return organisationPolicy.authorize(actor, "manageSso", org);
}

function checkIssuer(issuer: string | undefined, settings: OidcSettings) {
  if (issuer !== undefined && !issuerAllowed(issuer, settings.production)) throw invalidField("body.issuer", "invalid_issuer");
}

// A domain is served by one organisation only, so no organisation can sign in another's people.
async function checkDomainsFree(db: DbOrTx, orgId: string, domains: string[] | undefined) {
  if (!domains) return;
  const [taken] = await db
    .select({ id: oidcProviders.id })
    .from(oidcProviders)
    .where(and(ne(oidcProviders.orgId, orgId), arrayOverlaps(oidcProviders.emailDomains, domains)))
    .limit(1);
  if (taken) throw conflict("body.emailDomains", "domain_taken");
}

const unique = (values: string[]) => [...new Set(values)];

export async function listSsoProviders(db: Db, actor: Actor, orgId: string) {
  await authorizeOrg(db, actor, orgId);
  return db.select().from(oidcProviders).where(eq(oidcProviders.orgId, orgId)).orderBy(asc(oidcProviders.createdAt));
}

export async function createSsoProvider(db: Db, settings: OidcSettings, actor: Actor, orgId: string, input: SsoProvidersCreateReq, audit: AuditContext) {
  await authorizeOrg(db, actor, orgId);
  checkIssuer(input.issuer, settings);
  const emailDomains = unique(input.emailDomains);
  return db.transaction(async (tx) => {
    await checkDomainsFree(tx, orgId, emailDomains);
    const [row] = await tx
      .insert(oidcProviders)
      .values({
        orgId,
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecretEncrypted: input.clientSecret ? seal(input.clientSecret, settings.secretKey) : null,
        emailDomains,
        defaultRole: input.defaultRole ?? null,
        enabled: input.enabled ?? true,
      })
      .returning();
    await appendAudit(tx, audit, { orgId, action: "sso_provider.create", entityType: "sso_provider", entityId: row!.id, after: auditViewOfSsoProvider(row!) });
    return row!;
  });
}

async function lockProvider(tx: DbOrTx, orgId: string, providerId: string) {
  const [row] = await tx
    .select()
    .from(oidcProviders)
    .where(and(eq(oidcProviders.id, providerId), eq(oidcProviders.orgId, orgId)))
    .for("update");
  return row;
}

export async function updateSsoProvider(
  db: Db,
  settings: OidcSettings,
  actor: Actor,
  ids: { orgId: string; providerId: string },
  input: SsoProvidersUpdateReq,
  audit: AuditContext,
) {
  return db.transaction(async (tx) => {
    const before = ssoProviderPolicy.authorize(actor, "update", await lockProvider(tx, ids.orgId, ids.providerId));
    checkIssuer(input.issuer, settings);
    const emailDomains = input.emailDomains ? unique(input.emailDomains) : undefined;
    await checkDomainsFree(tx, ids.orgId, emailDomains);
    const { clientSecret, ...rest } = input;
    const [after] = await tx
      .update(oidcProviders)
      .set({
        ...rest,
        emailDomains,
        // undefined keeps the stored secret, null removes it
        ...(clientSecret === undefined ? {} : { clientSecretEncrypted: clientSecret === null ? null : seal(clientSecret, settings.secretKey) }),
        updatedAt: new Date(),
      })
      .where(eq(oidcProviders.id, before.id))
      .returning();
    await appendAudit(tx, audit, {
      orgId: ids.orgId,
      action: "sso_provider.update",
      entityType: "sso_provider",
      entityId: before.id,
      before: auditViewOfSsoProvider(before),
      // a replaced secret is invisible in the views, so say that it changed
      after: { ...auditViewOfSsoProvider(after!), ...(clientSecret ? { clientSecretReplaced: true } : {}) },
    });
    return after!;
  });
}

export async function deleteSsoProvider(db: Db, actor: Actor, ids: { orgId: string; providerId: string }, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const before = ssoProviderPolicy.authorize(actor, "remove", await lockProvider(tx, ids.orgId, ids.providerId));
    await tx.delete(oidcLogins).where(eq(oidcLogins.providerId, before.id));
    await tx.delete(oidcProviders).where(eq(oidcProviders.id, before.id));
    await appendAudit(tx, audit, { orgId: ids.orgId, action: "sso_provider.delete", entityType: "sso_provider", entityId: before.id, before: auditViewOfSsoProvider(before) });
  });
}
