import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { conflict, invalidField } from "../../platform/http/errors.ts";
import { publishEvent } from "../../platform/jobs/queue.ts";
import { memberships, organisationRelationships, organisations } from "./identity.tables.ts";
import type { OrganisationsCreateReq, OrganisationsUpdateReq } from "./identity.schemas.ts";
import { ipaTypes, type OrganisationType } from "./organisation-codes.ts";
import { organisationPolicy, relationshipPolicy } from "./identity.policy.ts";

export type OrganisationRow = typeof organisations.$inferSelect;

function checkIpaApplies(type: OrganisationType, ipaCode: string | null | undefined) {
  if (ipaCode && !ipaTypes.includes(type)) throw invalidField("body.ipaCode", "invalid_ipa_code");
}

async function ensureIpaFree(db: Db, ipaCode: string | null | undefined, exceptId?: string) {
  if (!ipaCode) return;
  const [taken] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.ipaCode, ipaCode));
  if (taken && taken.id !== exceptId) throw conflict("body.ipaCode", "conflict");
}

/** A signed-in user registers an organisation and becomes its first admin. */
export async function createOrganisation(db: Db, actor: Actor, input: OrganisationsCreateReq, audit: AuditContext) {
  checkIpaApplies(input.type, input.ipaCode);
  await ensureIpaFree(db, input.ipaCode);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ name: input.name, type: input.type, ipaCode: input.ipaCode ?? null, fiscalCode: input.fiscalCode ?? null })
      .returning();
    await tx.insert(memberships).values({ userId: actor.userId, orgId: org!.id, role: "admin" });
    await appendAudit(tx, audit, { orgId: org!.id, action: "organisation.create", entityType: "organisation", entityId: org!.id, after: org });
    await publishEvent(tx, "organisation.created", { orgId: org!.id });
    return org!;
  });
}

export async function getOrganisation(db: Db, actor: Actor, orgId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return organisationPolicy.authorize(actor, "read", org);
}

export async function updateOrganisation(db: Db, actor: Actor, orgId: string, input: OrganisationsUpdateReq, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(organisations).where(eq(organisations.id, orgId)).for("update");
    const before = organisationPolicy.authorize(actor, "update", row);
    checkIpaApplies(before.type as OrganisationType, input.ipaCode);
    // inside the transaction: on PGlite (one connection) a query through db would wait for it forever
    await ensureIpaFree(tx as unknown as Db, input.ipaCode, orgId);
    const [after] = await tx.update(organisations).set(input).where(eq(organisations.id, orgId)).returning();
    await appendAudit(tx, audit, { orgId, action: "organisation.update", entityType: "organisation", entityId: orgId, before, after });
    return after!;
  });
}

/** Organisations the user belongs to, with their role in each. */
export async function listMyOrganisations(db: Db, userId: string) {
  return db
    .select({ org: organisations, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
}

/** Organisations the current organisation sees through provider/coordinator relationships. */
export async function listRelatedOrganisations(db: Db, actor: Actor) {
  const ids = [...actor.providerOf, ...actor.coordinatorOf];
  if (ids.length === 0) return [];
  return db.select().from(organisations).where(inArray(organisations.id, ids)).orderBy(organisations.name);
}

export async function findRelationship(db: Db, id: string) {
  const [row] = await db.select().from(organisationRelationships).where(eq(organisationRelationships.id, id));
  return row;
}

export async function listRelationships(db: Db, orgId: string) {
  return db
    .select()
    .from(organisationRelationships)
    .where(or(eq(organisationRelationships.fromOrgId, orgId), eq(organisationRelationships.toOrgId, orgId)));
}

export async function organisationsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, OrganisationRow>();
  const rows = await db.select().from(organisations).where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The granting organisation (this one) names another as its provider or coordinator. */
export async function grantRelationship(
  db: Db,
  actor: Actor,
  orgId: string,
  input: { kind: "provider_of" | "coordinator_of"; otherOrgId: string },
  audit: AuditContext,
) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  organisationPolicy.authorize(actor, "manageRelationships", org);
  if (input.otherOrgId === orgId) throw invalidField("body.otherOrgId", "invalid_value_generic");
  const [other] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.otherOrgId));
  if (!other) throw invalidField("body.otherOrgId", "invalid_value_generic");
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(organisationRelationships)
      .where(
        and(
          eq(organisationRelationships.kind, input.kind),
          eq(organisationRelationships.fromOrgId, input.otherOrgId),
          eq(organisationRelationships.toOrgId, orgId),
        ),
      );
    if (existing) throw conflict("body.otherOrgId", "conflict");
    const [row] = await tx
      .insert(organisationRelationships)
      .values({ kind: input.kind, fromOrgId: input.otherOrgId, toOrgId: orgId })
      .returning();
    await appendAudit(tx, audit, { orgId, action: "relationship.grant", entityType: "relationship", entityId: row!.id, after: row });
    await publishEvent(tx, "relationship.granted", { relationshipId: row!.id, kind: row!.kind, fromOrgId: row!.fromOrgId, toOrgId: row!.toOrgId });
    return row!;
  });
}

export async function removeRelationship(db: Db, actor: Actor, id: string, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(organisationRelationships).where(eq(organisationRelationships.id, id));
    relationshipPolicy.authorize(actor, "remove", row);
    await tx.delete(organisationRelationships).where(eq(organisationRelationships.id, id));
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "relationship.remove", entityType: "relationship", entityId: id, before: row });
  });
}
